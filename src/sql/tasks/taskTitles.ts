import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { idArray } from '../../db/idArray.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName as column, sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'

/**
 * The one rule of a task's title: its data item's name. Tasks are created with it (taskSync.ts); this keeps the
 * tasks of renamed items in step, for a single edit (hooks/retitleTasks.ts) and for a re-import alike. Returns
 * how many tasks were retitled.
 */
export async function retitleTasks(req: PayloadRequest, itemIds: Id[]): Promise<number> {
  if (itemIds.length === 0) return 0
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const db = await sessionDb(req)
  const { rowCount } = await db.execute(sql`
    update ${tasks} set ${column(tasks.title)} = ${items.name}
      from ${items}
     where ${tasks.dataItem} = ${items.id} and ${items.id} = any(${idArray(req, itemIds)})
       and ${tasks.title} is distinct from ${items.name}`)
  return rowCount ?? 0
}
