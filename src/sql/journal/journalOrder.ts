import { bigserial, index } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config } from 'payload'

import { schemaTable, type SchemaHookArgs, withSchemaHook } from '../../db/schemaHooks.ts'

/**
 * The journal's order: a `seq` column (bigserial) on task events, taken from a sequence when a row is written —
 * after the task's row lock, so a task's rows are numbered in the order they happened, whatever the host's id
 * type (uuid ids carry no order; timestamps tie). Indexed with the task, for replaying one task. Not a Payload
 * field: only LabelOps' SQL writes events. Added through the adapter's afterSchemaInit (push and migrations).
 */
export function withJournalOrder(db: Config['db'], { taskEvents: slug }: { taskEvents: string }): Config['db'] {
  return withSchemaHook(db, (args: SchemaHookArgs) => {
    const found = schemaTable(args, slug)
    if (found) {
      const { name, table } = found
      args.extendTable({
        table,
        columns: { seq: bigserial('seq', { mode: 'number' }).notNull() },
        extraConfig: (t) => ({ [`${name}_task_seq_idx`]: index(`${name}_task_seq_idx`).on(t.task!, t.seq!) }),
      })
    }
    return args.schema
  })
}
