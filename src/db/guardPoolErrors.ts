import type { Payload } from 'payload'

type EventSource = { on: (event: 'error', listener: (error: Error) => void) => unknown; listenerCount: (event: string) => number }

/**
 * node-postgres emits 'error' on the pool when an idle connection dies (a Postgres restart, a failover, a
 * fast shutdown). With no listener that error kills the whole process; with one, the pool replaces the
 * client on the next checkout. Log it instead of crashing.
 */
export function guardPoolErrors(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: EventSource }).pool
  if (!pool || pool.listenerCount('error') > 0) return
  pool.on('error', (error) => payload.logger.warn({ msg: 'Postgres connection lost; the pool will reconnect', err: error.message }))
}

/**
 * Closes the adapter's pool for a clean shutdown. Not awaited: @payloadcms/db-postgres 3.90 keeps one
 * client checked out for good after connect, so `pool.end()` would wait forever for it.
 */
export function releasePool(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: { end: () => Promise<void> } }).pool
  void pool?.end().catch(() => {})
}
