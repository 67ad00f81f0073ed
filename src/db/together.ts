import type { PayloadRequest } from 'payload'

type Steps = ReadonlyArray<() => Promise<unknown>>

/**
 * Runs a report's independent reads: at once (each on its own pooled connection) — or, inside a transaction,
 * whose statements share its one connection, one after the other.
 */
export async function together<T extends Steps>(
  req: PayloadRequest,
  steps: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (!req.transactionID) return (await Promise.all(steps.map((step) => step()))) as never
  const results: unknown[] = []
  for (const step of steps) results.push(await step())
  return results as never
}
