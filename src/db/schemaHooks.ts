import type { ExtraConfigColumn, PgTable } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config } from 'payload'

/** What the Postgres adapter hands an afterSchemaInit hook (the parts LabelOps uses). */
export type SchemaHookArgs = {
  schema: { tables: Record<string, PgTable> }
  extendTable: (args: {
    table: PgTable
    columns?: Record<string, unknown>
    extraConfig?: (table: Record<string, ExtraConfigColumn>) => Record<string, unknown>
  }) => void
  adapter: { tableNameMap: Map<string, string>; relationshipsSuffix?: string }
}
export type SchemaHook = (args: SchemaHookArgs) => SchemaHookArgs['schema']

/**
 * The adapter with `hook` among its afterSchemaInit hooks (so push and migrations both see what it adds):
 * `first` runs it before the hooks already there. Adapters other than Postgres are returned unchanged.
 */
export function withSchemaHook(db: Config['db'], hook: SchemaHook, { first = false } = {}): Config['db'] {
  return {
    ...db,
    init: (args) => {
      const adapter = db.init(args) as unknown as { name?: string; afterSchemaInit?: unknown[] }
      if (adapter.name === 'postgres') {
        const existing = adapter.afterSchemaInit ?? []
        adapter.afterSchemaInit = first ? [hook, ...existing] : [...existing, hook]
      }
      return adapter as ReturnType<Config['db']['init']>
    },
  }
}

/** The drizzle table of a collection slug in the schema being built, with its name. */
export function schemaTable({ schema, adapter }: Pick<SchemaHookArgs, 'schema' | 'adapter'>, slug: string) {
  const name = adapter.tableNameMap.get(slug.replace(/-/g, '_'))
  const table = name ? schema.tables[name] : undefined
  return name && table ? { name, table } : undefined
}
