import { createHash } from 'node:crypto'

import { and, eq } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { IdempotencyKeyReuseError } from '../errors.ts'
import type { Id } from '../types.ts'
import { canonicalJson } from '../domain/utilities/canonicalJson.ts'
import { sessionDb } from '../db/session.ts'
import { sqlTable } from '../db/tables.ts'

export type StoredAnswer = { status: number; body: unknown }

/** What a request asked for, as a hash of its canonical JSON, so equal requests hash equal. */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex')
}

/**
 * Runs `work` once per (user, Idempotency-Key), inside the request's transaction. A key seen before with the
 * same request answers with the first answer and changes nothing; with a different request (another task,
 * action or body) it is a 422. A concurrent request with the same key waits on the unique index until the
 * first one commits (then replays its answer) or rolls back (then this one proceeds).
 */
export async function idempotent<T extends StoredAnswer>(
  req: PayloadRequest,
  user: Id,
  key: string | undefined,
  request: unknown,
  work: () => Promise<T>,
): Promise<T> {
  if (!key) return work()
  const table = sqlTable(req, 'idempotencyKeys')
  const db = await sessionDb(req)
  const fingerprint = requestFingerprint(request)
  const now = new Date().toISOString()
  const claimed = await db
    .insert(table)
    .values({ key, user, fingerprint, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: table.id })
  if (claimed.length === 0) {
    const [stored] = await db
      .select({ status: table.status, response: table.response, fingerprint: table.fingerprint })
      .from(table)
      .where(and(eq(table.user, user), eq(table.key, key)))
    if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReuseError()
    return { status: stored.status ?? 200, body: stored.response } as T
  }
  const answer = await work()
  await db
    .update(table)
    .set({ status: answer.status, response: answer.body })
    .where(and(eq(table.user, user), eq(table.key, key)))
  return answer
}
