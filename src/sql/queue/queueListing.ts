import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { type Cursor, type QueueQuery } from '../../domain/queue/listing.ts'
import type { Id } from '../../types.ts'
import { sessionDb } from '../../db/session.ts'
import { type SqlTable, sqlTable } from '../../db/tables.ts'

export type QueueRow = {
  id: Id
  stage: string
  status: string
  priority: number
  version: number
  assignee: Id | null
  leaseHolder: Id | null
  leaseExpiresAt: string | null
  dataItem: { id: Id; name: string; type: string }
}

/** A worker's view: what they could be served, or hold — never someone else's reservation or live lease. */
export type WorkerView = { user: Id; stages: string[] }

function filters(
  tasks: SqlTable<'tasks'>,
  items: SqlTable<'dataItems'>,
  issues: SqlTable<'issues'>,
  query: QueueQuery,
  project: Id,
  worker: WorkerView | undefined,
): SQL[] {
  const conditions = [sql`${tasks.project} = ${project}`]
  const issueOf = (status?: 'open') =>
    sql`exists (select 1 from ${issues} where ${issues.task} = ${tasks.id}${status ? sql` and ${issues.status} = ${status}` : sql``})`
  if (query.issueStatus === 'open') conditions.push(issueOf('open'))
  if (query.issueStatus === 'resolved') conditions.push(sql`${issueOf()} and not ${issueOf('open')}`)
  if (query.issueStatus === 'none') conditions.push(sql`not ${issueOf()}`)
  if (query.stage) conditions.push(sql`${tasks.stage} = ${query.stage}`)
  if (query.status) conditions.push(sql`${tasks.status}::text = ${query.status}`)
  if (query.assignee)
    conditions.push(query.assignee === 'none' ? sql`${tasks.assignee} is null` : sql`${tasks.assignee} = ${query.assignee}`)
  if (query.dataset) conditions.push(sql`${items.dataset} = ${query.dataset}`)
  if (query.type) conditions.push(sql`${items.type}::text = ${query.type}`)
  if (worker) {
    conditions.push(sql`${tasks.stage} = any(${`{${worker.stages.map((stage) => `"${stage.replace(/["\\]/g, '')}"`).join(',')}}`}::text[])`)
    conditions.push(sql`${tasks.status} <> 'completed'`)
    conditions.push(sql`(${tasks.assignee} is null or ${tasks.assignee} = ${worker.user})`)
    conditions.push(sql`(${tasks.leaseHolder} is null or ${tasks.leaseHolder} = ${worker.user} or ${tasks.leaseExpiresAt} < now())`)
  }
  return conditions
}

/**
 * One page of a project's queue by keyset (no OFFSET, no COUNT(*) per page): `-priority` walks
 * (priority desc, id desc), `name` walks (data item name, id); the cursor is the last row's key.
 */
export async function queuePage(
  req: PayloadRequest,
  project: Id,
  query: QueueQuery,
  cursor: Cursor | undefined,
  worker?: WorkerView,
): Promise<{ rows: QueueRow[]; hasMore: boolean }> {
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const issues = sqlTable(req, 'issues')
  const db = await sessionDb(req)
  const byName = query.sort === 'name' || query.sort === '-name'
  const descending = query.sort.startsWith('-')
  const key = byName ? sql`${items.name}` : sql`${tasks.priority}`
  const conditions = filters(tasks, items, issues, query, project, worker)
  if (cursor)
    conditions.push(
      descending ? sql`(${key}, ${tasks.id}) < (${cursor.key}, ${cursor.id})` : sql`(${key}, ${tasks.id}) > (${cursor.key}, ${cursor.id})`,
    )
  const direction = sql.raw(descending ? 'desc' : 'asc')
  const { rows } = await db.execute<Omit<QueueRow, 'dataItem'> & { itemId: Id; itemName: string; itemType: string }>(sql`
    select ${tasks.id} as "id", ${tasks.stage} as "stage", ${tasks.status}::text as "status", ${tasks.priority} as "priority", ${tasks.version} as "version",
           ${tasks.assignee} as "assignee", ${tasks.leaseHolder} as "leaseHolder", ${tasks.leaseExpiresAt} as "leaseExpiresAt",
           ${items.id} as "itemId", ${items.name} as "itemName", ${items.type}::text as "itemType"
      from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
     where ${sql.join(conditions, sql` and `)}
     order by ${key} ${direction}, ${tasks.id} ${direction}
     limit ${query.limit + 1}`)
  const page = rows.slice(0, query.limit).map(({ itemId, itemName, itemType, ...row }) => ({
    ...row,
    priority: Number(row.priority),
    version: Number(row.version),
    dataItem: { id: itemId, name: itemName, type: itemType },
  }))
  return { rows: page, hasMore: rows.length > query.limit }
}

/** Totals per stage and status for the same filters, from ONE grouped query. */
export async function queueTotals(req: PayloadRequest, project: Id, query: QueueQuery, worker?: WorkerView) {
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const issues = sqlTable(req, 'issues')
  const db = await sessionDb(req)
  const needsItems = Boolean(query.dataset || query.type)
  const { rows } = await db.execute<{ stage: string; status: string; count: string }>(sql`
    select ${tasks.stage} as "stage", ${tasks.status}::text as "status", count(*) as "count"
      from ${tasks} ${needsItems ? sql`join ${items} on ${items.id} = ${tasks.dataItem}` : sql``}
     where ${sql.join(filters(tasks, items, issues, query, project, worker), sql` and `)}
     group by ${tasks.stage}, ${tasks.status}`)
  return rows
}
