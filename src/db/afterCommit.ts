import type { PayloadRequest } from 'payload'

/** The adapter's record of one open transaction: its `resolve` ends with the COMMIT (a rollback never calls it). */
export type TransactionSession = { resolve: () => Promise<unknown> }

/** The request's open transaction, or undefined outside one. */
export async function transactionSession(req: PayloadRequest): Promise<TransactionSession | undefined> {
  const id = req.transactionID ? await req.transactionID : undefined
  if (id === undefined) return undefined
  return (req.payload.db as unknown as { sessions: Record<string, TransactionSession | undefined> }).sessions[String(id)]
}

const queued = new WeakMap<TransactionSession, Array<() => Promise<void>>>()

/**
 * Runs `job` once `session` has committed, after the jobs queued before it; never when it rolls back. Payload's
 * commitTransaction awaits the session's `resolve`, so the request waits for the jobs: a job that should not
 * hold the answer up starts its work and returns.
 */
export function afterCommit(session: TransactionSession, job: () => Promise<void>): void {
  let jobs = queued.get(session)
  if (!jobs) {
    queued.set(session, (jobs = []))
    const commit = session.resolve
    session.resolve = async () => {
      const done = await commit()
      for (const queuedJob of jobs!) await queuedJob()
      return done
    }
  }
  jobs.push(job)
}
