import { integer, pgTable, uuid } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config } from 'payload'

import { schemaTable, type SchemaHookArgs, withSchemaHook } from '../../db/schemaHooks.ts'
import { PENDING_EVENTS_PART } from '../../db/tables.ts'

/**
 * The journal's events not yet added to the rollups: one narrow row (the event's id) per event a small
 * statement wrote. The rollup trigger files a claim's or a submit's events here instead of upserting the shared
 * rollup rows inside the request — an upsert that costs a few times the insert and that held everyone's
 * hourly row locked until commit, so every writer of a project queued behind the last. The folder
 * (src/operations/rollupFolder.ts) moves them into the rollups in batches; reads add what is still pending
 * (src/sql/analytics/metrics.ts), so figures are exact at every instant. Not a Payload collection (no id, no
 * timestamps, no indexes beyond its key); added through the adapter's afterSchemaInit, so push and
 * migrations carry it.
 */
export function withRollupPending(db: Config['db'], { taskEvents: slug }: { taskEvents: string }): Config['db'] {
  return withSchemaHook(db, (args: SchemaHookArgs) => addPendingEventsTable(args, slug))
}

/** The schema with the pending table beside the journal's (`<journal table>_pending`); refuses a name taken. */
export function addPendingEventsTable(args: Pick<SchemaHookArgs, 'schema' | 'adapter'>, slug: string): SchemaHookArgs['schema'] {
  const found = schemaTable(args, slug)
  if (!found) return args.schema
  const name = `${found.name}_${PENDING_EVENTS_PART}`
  // a host's table of that name (an array field `pending` on the journal) would be replaced without a word
  if (args.schema.tables[name]) throw new Error(`LabelOps cannot start: the table "${name}" LabelOps keeps its pending events in is taken.`)
  // the event's id, typed as the journal's own (serial integers or uuids)
  const idSqlType = ((found.table as unknown as { id?: { getSQLType: () => string } }).id?.getSQLType() ?? 'integer').toLowerCase()
  const event = idSqlType.includes('uuid') ? uuid('event_id').primaryKey() : integer('event_id').primaryKey()
  args.schema.tables[name] = pgTable(name, { event })
  return args.schema
}
