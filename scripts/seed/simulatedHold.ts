import { sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq, type Payload } from 'payload'

import { sessionDb } from '../../src/db/session.ts'
import { columnName as column, sqlTable } from '../../src/db/tables.ts'
import type { Id } from '../../src/types.ts'

/**
 * A simulated clock for scripted work (the demo seed, tests): moves a person's last claim of a task `ms`
 * into the past, as if they had held it that long, so the action that ends the hold records a hold (`heldMs`)
 * of that length and time spent up to it. The rollups follow (the journal's update trigger).
 */
export async function heldFor(payload: Payload, task: Id, actor: Id, ms: number): Promise<void> {
  const req = await createLocalReq({}, payload)
  const events = sqlTable(req, 'taskEvents')
  const db = await sessionDb(req)
  const back = sql`make_interval(secs => ${ms / 1000})`
  await db.execute(sql`
    update ${events} set ${column(events.createdAt)} = ${events.createdAt} - ${back}, ${column(events.updatedAt)} = ${events.updatedAt} - ${back}
     where ${events.id} = (select ${events.id} from ${events} where ${events.task} = ${task} and ${events.actor} = ${actor} and ${events.type} = 'claimed'
                  order by ${events.createdAt} desc limit 1)`)
}
