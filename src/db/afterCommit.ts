import type { PayloadRequest } from 'payload'

import type { Drizzle } from './session.ts'

/** The adapter's record of one open transaction: its client, and `resolve`, which ends with the COMMIT. */
export type TransactionSession = { db: Drizzle; resolve: () => Promise<unknown> }

/** The request's open transaction, or undefined outside one. */
export async function transactionSession(req: PayloadRequest): Promise<TransactionSession | undefined> {
  const id = req.transactionID ? await req.transactionID : undefined
  if (id === undefined) return undefined
  return (req.payload.db as unknown as { sessions: Record<string, TransactionSession | undefined> }).sessions[String(id)]
}

type Pending = { state: unknown; flush: (state: never) => Promise<void> }
const pending = new WeakMap<TransactionSession, Map<symbol, Pending>>()

/**
 * What a request gathers during its transaction for after the commit: the transaction's state for `key` (made
 * by `create` on first use, shared by every later call in the same transaction — nested operations included),
 * handed to `flush` once the transaction has committed, never when it rolls back; undefined outside a
 * transaction, where the caller acts at once. Flushes run in the order their keys were first used, each on its
 * own: one that throws is logged and the others still run. Payload's commitTransaction awaits them, so a flush
 * that should not hold the answer up starts its work and returns. (Payload does not tell a failed COMMIT from
 * a good one — it swallows the error — so a flush also runs after a COMMIT that failed, which is rare: a
 * connection lost at that very moment.)
 */
export async function gatherUntilCommit<T>(
  req: PayloadRequest,
  key: symbol,
  create: () => T,
  flush: (state: T) => Promise<void>,
): Promise<T | undefined> {
  const session = await transactionSession(req)
  if (!session) return undefined
  let keys = pending.get(session)
  if (!keys) {
    pending.set(session, (keys = new Map()))
    const commit = session.resolve
    const queued = keys
    session.resolve = async () => {
      const done = await commit()
      for (const [name, { state, flush: run }] of queued) {
        try {
          await run(state as never)
        } catch (error) {
          req.payload.logger.error({ err: error, msg: `LabelOps: after the commit, ${name.description ?? 'a job'} failed` })
        }
      }
      return done
    }
  }
  let entry = keys.get(key)
  if (!entry) keys.set(key, (entry = { state: create(), flush: flush as Pending['flush'] }))
  return entry.state as T
}
