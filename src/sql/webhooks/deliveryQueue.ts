import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { Id } from '../../types.ts'
import { columnName as c, sqlTable } from '../../db/tables.ts'
import { type Drizzle, drizzleOf, sessionDb } from '../../db/session.ts'

type Req = Pick<PayloadRequest, 'payload'>

/** A delivery a worker took: what to send, where, and which attempt this is. */
export type ClaimedDelivery = {
  id: Id
  messageId: string
  event: string
  payload: unknown
  attempts: number
  /** this claim's token: recordOutcome writes only while the delivery still carries it */
  claimToken: string
  subscription: Id
  url: string
  secret: string
}

/**
 * Takes up to `limit` due deliveries of enabled webhooks, in the order they became due — `for update skip
 * locked`, so any number of workers in any number of processes take different rows — and leases them: each
 * counts one more attempt and is not due again for `leaseMs`. A worker that dies mid-send leaves its rows to be
 * taken again once the lease lapses; one that lives records the outcome (recordOutcome) before then.
 */
export async function claimDueDeliveries(req: Req, { limit, leaseMs }: { limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const d = sqlTable(req, 'webhookDeliveries')
  const s = sqlTable(req, 'webhookSubscriptions')
  const { rows } = await drizzleOf(req.payload).execute<ClaimedDelivery>(sql`
    with picked as (
      select ${d.id} as id from ${d} join ${s} on ${s.id} = ${d.subscription} and ${s.enabled}
       where ${d.status} = 'pending' and ${d.nextAttemptAt} <= now()
       order by ${d.nextAttemptAt}, ${d.id}
       limit ${limit}
       for update of ${d} skip locked
    )
    update ${d} set ${c(d.attempts)} = ${d.attempts} + 1, ${c(d.nextAttemptAt)} = now() + make_interval(secs => ${leaseMs / 1000}),
                    ${c(d.claimToken)} = gen_random_uuid()::text, ${c(d.updatedAt)} = now()
      from picked, ${s}
     where ${d.id} = picked.id and ${s.id} = ${d.subscription}
    returning ${d.id} as "id", ${d.messageId} as "messageId", ${d.event} as "event", ${d.payload} as "payload", ${d.attempts} as "attempts",
              ${d.claimToken} as "claimToken", ${s.id} as "subscription", ${s.url} as "url", ${s.secret} as "secret"`)
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }))
}

/** What became of one attempt, as the worker decided it (src/domain/webhooks/events.ts). */
export type RecordedOutcome = {
  status: 'delivered' | 'pending' | 'failed'
  /** pending: when to try again */
  nextAttemptInMs?: number
  httpStatus: number | null
  error: string | null
  responseMs: number
  /** 410 Gone: the webhook is turned off, with this reason */
  disableSubscription?: string
}

/**
 * Records an attempt's outcome — only while the delivery still carries this claim's token (a worker that
 * outlived its lease, or whose delivery was replayed meanwhile, finds another claim and records nothing) — and
 * turns the webhook off on 410, in one transaction. Answers whether it was recorded.
 */
export async function recordOutcome(req: Req, delivery: ClaimedDelivery, outcome: RecordedOutcome): Promise<boolean> {
  const d = sqlTable(req, 'webhookDeliveries')
  const s = sqlTable(req, 'webhookSubscriptions')
  const next = outcome.status === 'pending' ? sql`now() + make_interval(secs => ${(outcome.nextAttemptInMs ?? 0) / 1000})` : sql`null`
  return drizzleOf(req.payload).transaction(async (tx) => {
    const { rows } = await tx.execute(sql`
      update ${d} set ${c(d.status)} = ${outcome.status}, ${c(d.nextAttemptAt)} = ${next}, ${c(d.lastStatus)} = ${outcome.httpStatus},
                      ${c(d.lastError)} = ${outcome.error}, ${c(d.responseMs)} = ${outcome.responseMs},
                      ${c(d.deliveredAt)} = ${outcome.status === 'delivered' ? sql`now()` : sql`null`}, ${c(d.claimToken)} = null,
                      ${c(d.updatedAt)} = now()
       where ${d.id} = ${delivery.id} and ${d.claimToken} = ${delivery.claimToken} and ${d.status} = 'pending'
       returning ${d.id}`)
    if (rows.length === 0) return false
    if (outcome.disableSubscription)
      await tx.execute(sql`
        update ${s} set ${c(s.enabled)} = false, ${c(s.disabledReason)} = ${outcome.disableSubscription}, ${c(s.updatedAt)} = now()
         where ${s.id} = ${delivery.subscription}`)
    return true
  })
}

/**
 * A delivery sent again from the start (a manager's replay): pending, due now, its attempts counted afresh,
 * the same webhook-id (receivers drop what they have seen). Answers false when its webhook is off.
 */
export async function requeueDelivery(req: PayloadRequest, id: Id, db: Drizzle): Promise<'requeued' | 'disabled' | 'missing'> {
  const d = sqlTable(req, 'webhookDeliveries')
  const s = sqlTable(req, 'webhookSubscriptions')
  const { rows } = await db.execute<{ enabled: boolean }>(sql`
    select ${s.enabled} as "enabled" from ${d} join ${s} on ${s.id} = ${d.subscription} where ${d.id} = ${id} for update of ${d}`)
  if (rows.length === 0) return 'missing'
  if (!rows[0]!.enabled) return 'disabled'
  await db.execute(sql`
    update ${d} set ${c(d.status)} = 'pending', ${c(d.attempts)} = 0, ${c(d.nextAttemptAt)} = now(), ${c(d.deliveredAt)} = null,
                    ${c(d.claimToken)} = null, ${c(d.updatedAt)} = now()
     where ${d.id} = ${id}`)
  return 'requeued'
}

/** A webhook's deliveries go with it; a project's or workspace's webhooks go with them (before their rows). */
export async function deleteWebhookRows(
  req: PayloadRequest,
  owner: { subscription: Id } | { project: Id } | { workspace: Id },
): Promise<void> {
  const d = sqlTable(req, 'webhookDeliveries')
  const s = sqlTable(req, 'webhookSubscriptions')
  const db = await sessionDb(req)
  if ('subscription' in owner) {
    await db.execute(sql`select ${s.id} from ${s} where ${s.id} = ${owner.subscription} for update`)
    await db.execute(sql`delete from ${d} where ${d.subscription} = ${owner.subscription}`)
    return
  }
  // the webhooks first, locked: an event being written holds a key-share lock on each webhook it enqueues for
  // (the outbox trigger), so this waits for it and then deletes its deliveries too, instead of leaving one behind
  const [locked] = 'project' in owner ? [sql`${s.project} = ${owner.project}`] : [sql`${s.workspace} = ${owner.workspace}`]
  await db.execute(sql`select ${s.id} from ${s} where ${locked} for update`)
  const [deliveries, subscriptions] =
    'project' in owner
      ? [d.project, s.project].map((column) => sql`${column} = ${owner.project}`)
      : [d.workspace, s.workspace].map((column) => sql`${column} = ${owner.workspace}`)
  await db.execute(sql`delete from ${d} where ${deliveries}`)
  await db.execute(sql`delete from ${s} where ${subscriptions}`)
}
