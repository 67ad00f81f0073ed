import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { afterCommit, type TransactionSession, transactionSession } from '../../db/afterCommit.ts'
import type { Drizzle } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'

/** Tasks created by one transaction from which the planner's statistics of the tasks table are refreshed at once. */
export const REFRESH_STATISTICS_AFTER = 1_000

const createdIn = new WeakMap<TransactionSession, { count: number }>()

/**
 * The claim's plans rest on the planner's statistics of the tasks table, and a project that gets its tasks from
 * a big dataset is claimed from at once — before autovacuum's next ANALYZE, with statistics that say the
 * project has no tasks (measured on 100,000 new tasks: the claim statement 2.6 ms, 1.1 ms once analyzed; the
 * queue benchmark's claims 436/s, 623/s). So a transaction that created many tasks has them refreshed once it
 * commits, in the background: the request does not wait, and a failure is logged, never the request's.
 */
export async function noteTasksCreated(req: PayloadRequest, count: number): Promise<void> {
  if (count === 0) return
  const session = await transactionSession(req)
  if (!session) {
    if (count >= REFRESH_STATISTICS_AFTER) refreshTaskStatistics(req)
    return
  }
  let created = createdIn.get(session)
  if (!created) {
    createdIn.set(session, (created = { count: 0 }))
    const total = created
    afterCommit(session, async () => {
      if (total.count >= REFRESH_STATISTICS_AFTER) refreshTaskStatistics(req)
    })
  }
  created.count += count
}

/** ANALYZE of the tasks table on a pooled connection (it cannot be the committed transaction's), not awaited. */
function refreshTaskStatistics(req: PayloadRequest): void {
  const db = (req.payload.db as unknown as { drizzle: Drizzle }).drizzle
  db.execute(sql`analyze ${sqlTable(req, 'tasks')}`).catch((error: unknown) =>
    req.payload.logger.warn({ err: error, msg: 'LabelOps: refreshing the tasks table’s statistics failed' }),
  )
}
