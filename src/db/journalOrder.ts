import { bigserial, index } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config } from 'payload'

type SchemaHookArgs = { schema: { tables: Record<string, any> }; extendTable: (args: { table: any; columns?: Record<string, unknown>; extraConfig?: (table: any) => Record<string, unknown> }) => void; adapter: { tableNameMap: Map<string, string> } }

/**
 * The journal's order: a `seq` column (bigserial) on task events, taken from a sequence when a row is written —
 * after the task's row lock, so a task's rows are numbered in the order they happened, whatever the host's id
 * type (uuid ids carry no order; timestamps tie). Indexed with the task, for replaying one task. Not a Payload
 * field: only LabelOps' SQL writes events. Added through the adapter's afterSchemaInit (push and migrations).
 */
export function withJournalOrder(db: Config['db'], { taskEvents: slug }: { taskEvents: string }): Config['db'] {
  const hook = ({ schema, extendTable, adapter }: SchemaHookArgs) => {
    const name = adapter.tableNameMap.get(slug.replace(/-/g, '_'))
    const events = name && schema.tables[name]
    if (events) {
      extendTable({
        table: events,
        columns: { seq: bigserial('seq', { mode: 'number' }).notNull() },
        extraConfig: (t) => ({ [`${name}_task_seq_idx`]: index(`${name}_task_seq_idx`).on(t.task, t.seq) }),
      })
    }
    return schema
  }
  return {
    ...db,
    init: (args) => {
      const adapter = db.init(args) as unknown as { name?: string; afterSchemaInit?: unknown[] }
      if (adapter.name === 'postgres') adapter.afterSchemaInit = [...(adapter.afterSchemaInit ?? []), hook]
      return adapter as ReturnType<Config['db']['init']>
    },
  }
}
