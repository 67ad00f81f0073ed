import { is } from '@payloadcms/db-postgres/drizzle'
import { IndexBuilder } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config } from 'payload'

import { schemaTable, type SchemaHookArgs, withSchemaHook } from './schemaHooks.ts'

/** What decides whether an index is redundant: its columns (null: an expression), kind and scope. */
export type IndexShape = { key: string; columns: string[] | null; unique: boolean; partial: boolean; method: string }

/**
 * The indexes another one makes redundant: a plain btree index (not unique, not partial, on columns) whose
 * columns lead another full btree index on columns — every lookup, range and foreign-key check the shorter one
 * serves, the longer one serves. Pure.
 */
export function redundantIndexes(indexes: readonly IndexShape[]): string[] {
  const full = indexes.filter((shape) => shape.method === 'btree' && !shape.partial && shape.columns !== null)
  const leads = (shorter: string[], longer: string[]) =>
    shorter.length < longer.length && shorter.every((column, at) => longer[at] === column)
  return full.filter((shape) => !shape.unique && full.some((other) => leads(shape.columns!, other.columns!))).map((shape) => shape.key)
}

// drizzle's own key for a table's index builder (what Payload's extendTable wraps too): typed @internal by drizzle
const EXTRA_CONFIG_BUILDER = Symbol.for('drizzle:ExtraConfigBuilder')

type ColumnLike = { name?: string }
type BuilderConfig = { columns: Array<ColumnLike | object>; unique: boolean; where?: unknown; method?: string }

const shapeOf = (key: string, config: BuilderConfig): IndexShape => ({
  key,
  columns: config.columns.every((column) => typeof (column as ColumnLike).name === 'string')
    ? config.columns.map((column) => (column as ColumnLike).name!)
    : null,
  unique: config.unique,
  partial: config.where !== undefined,
  method: config.method ?? 'btree',
})

/**
 * Payload indexes every relationship column on its own, whatever the field says, and LabelOps' composite indexes
 * lead with those columns: a task's events by (project, created_at), a rollup's key by (project, grain, hour,
 * ...). Each such single-column index costs every write of a hot table (a claim writes a task and an event) and
 * gives the planner a worse choice (the project's index over the rollup key took a time-bucket read from 1 ms
 * to 6). LabelOps' own tables (`slugs`) leave them out — through afterSchemaInit, so push and migrations agree;
 * installed after the hooks that add indexes, it sees theirs too.
 */
export function withoutRedundantIndexes(db: Config['db'], slugs: readonly string[]): Config['db'] {
  return withSchemaHook(db, (args: SchemaHookArgs) => {
    for (const slug of slugs) {
      const found = schemaTable(args, slug)
      if (!found) continue
      const table = found.table as unknown as Record<symbol, (columns: unknown) => Record<string, unknown>>
      const build = table[EXTRA_CONFIG_BUILDER]
      if (!build) continue
      table[EXTRA_CONFIG_BUILDER] = (columns) => {
        const config = build(columns)
        const shapes = Object.entries(config)
          .filter(([, builder]) => is(builder, IndexBuilder))
          .map(([key, builder]) => shapeOf(key, (builder as unknown as { config: BuilderConfig }).config))
        const drop = new Set(redundantIndexes(shapes))
        return Object.fromEntries(Object.entries(config).filter(([key]) => !drop.has(key)))
      }
    }
    return args.schema
  })
}
