import { and, eq } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import type { Id } from '../types.ts'
import { collectionTable, sessionDb } from './session.ts'

export type StoredAnswer = { status: number; body: unknown }

/**
 * Claims an Idempotency-Key for this user inside the request's transaction. A key seen before answers with
 * the first answer; a concurrent request with the same key waits on the unique index until the first one
 * commits (then replays its answer) or rolls back (then this one proceeds).
 */
export async function claimIdempotencyKey(req: PayloadRequest, user: Id, key: string): Promise<StoredAnswer | undefined> {
  const table = collectionTable(req, getOptions(req.payload).slugs.idempotencyKeys)
  const db = (await sessionDb(req)) as any
  const now = new Date().toISOString()
  const claimed = await db.insert(table).values({ key, user, createdAt: now, updatedAt: now }).onConflictDoNothing().returning({ id: table.id })
  if (claimed.length > 0) return undefined
  const [stored] = await db.select({ status: table.status, response: table.response }).from(table).where(and(eq(table.user, user), eq(table.key, key)))
  return { status: stored.status ?? 200, body: stored.response }
}

export async function storeIdempotentAnswer(req: PayloadRequest, user: Id, key: string, answer: StoredAnswer): Promise<void> {
  const table = collectionTable(req, getOptions(req.payload).slugs.idempotencyKeys)
  const db = (await sessionDb(req)) as any
  await db.update(table).set({ status: answer.status, response: answer.body }).where(and(eq(table.user, user), eq(table.key, key)))
}
