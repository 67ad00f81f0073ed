import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { sessionDb } from '../../src/db/session.ts'
import { sqlTable } from '../../src/db/tables.ts'
import type { StoredWork } from './ledger.ts'

const countMap = (rows: Array<{ pair: string; count: number }>) => new Map(rows.map((row) => [row.pair, Number(row.count)]))

/** The stored side of the soak's ledger, read once the work has stopped. */
export async function readStoredWork(req: PayloadRequest, project: number | string, keyPrefix: string): Promise<StoredWork> {
  const keyRows = sqlTable(req, 'idempotencyKeys')
  const events = sqlTable(req, 'taskEvents')
  const db = await sessionDb(req)
  const { rows: keys } = await db.execute<{ user: string; key: string; task: string | null }>(
    sql`select ${keyRows.user}::text as "user", ${keyRows.key} as "key", ${keyRows.response}->>'id' as "task" from ${keyRows}
         where ${keyRows.key} like ${`${keyPrefix}%`}`,
  )
  const { rows: claims } = await db.execute<{ pair: string }>(
    sql`select distinct ${events.task} || '|' || ${events.actor} as "pair" from ${events}
         where ${events.project} = ${project} and ${events.type} = 'claimed'`,
  )
  const { rows: keyedEvents } = await db.execute<{ pair: string; count: number }>(
    sql`select ${events.task} || '|' || ${events.actor} as "pair", count(*)::int as "count" from ${events}
         where ${events.project} = ${project} and ${events.type} in ('submitted', 'approved', 'rejected') group by 1`,
  )
  const { rows: bulkEvents } = await db.execute<{ pair: string; count: number }>(
    sql`select ${events.actor} || '|' || ${events.type} as "pair", count(*)::int as "count" from ${events}
         where ${events.project} = ${project} and ${events.type} in ('moved', 'priority-changed') group by 1`,
  )
  const keyedByTaskUser = new Map<string, number>()
  for (const row of keys) keyedByTaskUser.set(`${row.task}|${row.user}`, (keyedByTaskUser.get(`${row.task}|${row.user}`) ?? 0) + 1)
  return {
    keys: new Set(keys.map((row) => `${row.user}|${row.key}`)),
    claims: new Set(claims.map((row) => row.pair)),
    keyedByTaskUser,
    keyedEventsByTaskUser: countMap(keyedEvents),
    bulkEvents: countMap(bulkEvents),
  }
}
