/**
 * What a webhook subscription can listen to, how the journal's rows become webhook events, and the retry
 * schedule of a delivery (Standard Webhooks: https://www.standardwebhooks.com/). Pure.
 */
import type { TASK_EVENT_TYPES } from '../../../collections/taskEvents.ts'

/** The journal row types that are webhook events, as `task.<type>` (the outbox trigger writes them). */
export const JOURNAL_EVENTS = ['submitted', 'approved', 'rejected', 'reopened', 'completed', 'skipped'] as const satisfies ReadonlyArray<
  (typeof TASK_EVENT_TYPES)[number]
>

export const WEBHOOK_EVENTS = [
  ...JOURNAL_EVENTS.map((type) => `task.${type}` as const),
  'issue.raised',
  'issue.resolved',
  'project.status-changed',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** A delivery waits (pending) for its next attempt, was delivered, or failed for good (schedule used up, 410). */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/**
 * The delay before each retry, after the first attempt (which is immediate): the schedule Standard Webhooks
 * recommends — 5 seconds, 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours, 10 hours. Then the delivery fails.
 */
export const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const

/** What one attempt's answer means for the delivery. */
export type AttemptOutcome =
  | { kind: 'delivered' }
  /** 410 Gone: the receiver asks never to be called again — the subscription is disabled */
  | { kind: 'gone' }
  | { kind: 'retry'; retryAfterMs: number | null }

/** A 2xx answer delivers; 410 disables; anything else (or no answer: `status` null) is tried again. */
export function attemptOutcome(status: number | null, retryAfter: string | null, now = Date.now()): AttemptOutcome {
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' }
  if (status === 410) return { kind: 'gone' }
  return { kind: 'retry', retryAfterMs: retryAfterMs(retryAfter, now) }
}

/** The longest wait a receiver's Retry-After can ask for: a day (a longer one would park a delivery for good). */
export const RETRY_AFTER_CAP_MS = 86_400_000

/** Retry-After as seconds or an HTTP date, in ms from now, at most a day; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const trimmed = header.trim()
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now
  if (!Number.isFinite(ms)) return null
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms))
}

/**
 * When to try again after `attempts` attempts: the schedule's next delay with ±20 % jitter (so a receiver coming
 * back is not hit by every delivery in the same second), never sooner than the receiver's Retry-After; null
 * when the schedule is used up (the delivery fails).
 */
export function nextAttemptDelayMs(
  attempts: number,
  {
    schedule = RETRY_SCHEDULE_MS,
    retryAfterMs = null,
    random = Math.random,
  }: { schedule?: readonly number[]; retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  const base = schedule[attempts - 1]
  if (base === undefined) return null
  const jittered = Math.round(base * (0.8 + 0.4 * random()))
  return Math.max(jittered, retryAfterMs ?? 0)
}
