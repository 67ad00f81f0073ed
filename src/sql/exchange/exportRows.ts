import { PgDialect } from '@payloadcms/db-postgres/drizzle/pg-core'
import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'

import type { ExportTask } from '../../domain/exchange/exportDocument.ts'
import type { ExportFilter } from '../../domain/exchange/exportQuery.ts'
import type { Id } from '../../types.ts'
import { sqlTable } from '../../db/tables.ts'
import { TooManyRequestsError } from '../../errors.ts'

/** One task of an export: where it stands, its data item and the label it carries (its latest submitted one). */
export type ExportRow = ExportTask

type PgClient = {
  query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>
  release: (error?: Error | boolean) => void
  on: (event: 'error', listener: (error: Error) => void) => void
  off: (event: 'error', listener: (error: Error) => void) => void
}

const dialect = new PgDialect()
/** A stalled download never holds its snapshot (and connection) longer than this. */
const IDLE_LIMIT = '5min'
/** Exports running at once in one process: each holds a connection of its own for as long as its download lasts. */
export const EXPORTS_AT_ONCE = 4
const running = new WeakMap<object, number>()

/**
 * An export reads one snapshot (REPEATABLE READ, read only) on its own connection, so the file is one moment's
 * labels however long the download takes; `close` ends it. At most EXPORTS_AT_ONCE per process (429 beyond).
 */
export async function openExportSnapshot(payload: Payload, { idleLimit = IDLE_LIMIT } = {}) {
  const busy = running.get(payload) ?? 0
  if (busy >= EXPORTS_AT_ONCE)
    throw new TooManyRequestsError(`${EXPORTS_AT_ONCE} label exports are running on this server; try again when one has finished`)
  running.set(payload, busy + 1)
  let client: PgClient
  try {
    client = await (payload.db as unknown as { pool: { connect: () => Promise<PgClient> } }).pool.connect()
  } catch (error) {
    running.set(payload, (running.get(payload) ?? 1) - 1)
    throw error
  }
  // a checked-out connection's errors (the server ending an idle snapshot, a network cut) are this export's,
  // never the process's: the pool stops listening while the connection is out
  let broken: Error | null = null
  const onError = (error: Error) => {
    broken = error
  }
  client.on('error', onError)
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    running.set(payload, (running.get(payload) ?? 1) - 1)
    try {
      if (!broken) await client.query('rollback')
    } catch (error) {
      broken ??= error as Error
    }
    client.off('error', onError)
    client.release(broken ?? undefined)
  }
  const run = async <T>(query: SQL) => {
    if (broken) throw broken
    const { sql: text, params } = dialect.sqlToQuery(query)
    return (await client.query(text, params)).rows as T[]
  }
  try {
    await client.query('begin isolation level repeatable read read only')
    await client.query(`set local idle_in_transaction_session_timeout = '${idleLimit.replace(/[^\w ]/g, '')}'`)
  } catch (error) {
    broken ??= error as Error
    await close()
    throw error
  }
  return { run, close }
}
export type ExportSnapshot = Awaited<ReturnType<typeof openExportSnapshot>>

function parts(payload: Payload, project: Id, filter: ExportFilter) {
  const req = { payload }
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const labels = sqlTable(req, 'labels')
  // the task's label: its latest submitted one (a consensus round's resolution is submitted last)
  const from = sql`${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
    left join lateral (
      select ${labels.author} as "author", ${labels.submittedAt} as "submittedAt", ${labels.objects} as "objects", ${labels.classifications} as "classifications"
        from ${labels} where ${labels.task} = ${tasks.id} and ${labels.status} = 'submitted'
       order by ${labels.submittedAt} desc nulls last, ${labels.id} desc limit 1) as "label" on true`
  const conditions: SQL[] = [sql`${tasks.project} = ${project}`]
  if (filter.stage) conditions.push(sql`${tasks.stage} = ${filter.stage}`)
  if (filter.status) conditions.push(sql`${tasks.status}::text = ${filter.status}`)
  if (!filter.unlabelled) conditions.push(sql`"label"."author" is not null`)
  if (filter.from) conditions.push(sql`"label"."submittedAt" >= ${filter.from}`)
  if (filter.to) conditions.push(sql`"label"."submittedAt" < ${filter.to}`)
  return { tasks, items, from, conditions }
}

/** How many tasks the export holds (for a progress bar). */
export async function countExportRows(snapshot: ExportSnapshot, payload: Payload, project: Id, filter: ExportFilter): Promise<number> {
  const { from, conditions } = parts(payload, project, filter)
  const rows = await snapshot.run<{ count: string }>(sql`select count(*) as "count" from ${from} where ${sql.join(conditions, sql` and `)}`)
  return Number(rows[0]?.count ?? 0)
}

/** The export's tasks after `after` (by id, a keyset: no OFFSET), `limit` at a time. */
export async function exportPage(
  snapshot: ExportSnapshot,
  payload: Payload,
  project: Id,
  filter: ExportFilter,
  after: string | null,
  limit: number,
): Promise<ExportRow[]> {
  const { tasks, items, from, conditions } = parts(payload, project, filter)
  if (after !== null) conditions.push(sql`${tasks.id} > ${after}`)
  return snapshot.run<ExportRow>(sql`
    select ${tasks.id}::text as "task", ${tasks.stage} as "stage", ${tasks.status}::text as "status",
           ${items.id}::text as "item", ${items.name} as "name", ${items.externalId} as "externalId", ${items.type}::text as "type",
           ${items.source_url} as "url", ${items.width}::float8 as "width", ${items.height}::float8 as "height", ${items.frames}::float8 as "frames",
           "label"."author"::text as "author",
           to_char("label"."submittedAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "submittedAt",
           "label"."objects" as "objects", "label"."classifications" as "classifications"
      from ${from}
     where ${sql.join(conditions, sql` and `)}
     order by ${tasks.id}
     limit ${limit}`)
}
