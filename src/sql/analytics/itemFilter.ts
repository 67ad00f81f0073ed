import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PgColumn } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PayloadRequest } from 'payload'

import { type Bind, inline } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'

/**
 * The analytics filters on a task's data item — its dataset, a part of its name (any case; `%` and `_` taken
 * literally) — as one `exists` condition on the task column given; null when neither is asked for.
 */
export function taskItemFilter(
  req: PayloadRequest,
  task: PgColumn,
  { dataset, dataItemName }: { dataset?: Id; dataItemName?: string },
  bind: Bind = inline,
): SQL | null {
  if (dataset === undefined && dataItemName === undefined) return null
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const conditions = [sql`${tasks.id} = ${task}`]
  if (dataset !== undefined) conditions.push(sql`${items.dataset} = ${bind(dataset)}`)
  if (dataItemName !== undefined) conditions.push(sql`${items.name} ilike ${bind(`%${dataItemName.replace(/[\\%_]/g, '\\$&')}%`)}`)
  return sql`exists (select 1 from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem} where ${sql.join(conditions, sql` and `)})`
}
