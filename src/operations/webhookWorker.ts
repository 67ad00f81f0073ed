import type { Payload } from 'payload'

import { adapterDrizzle } from '../db/session.ts'
import { getOptions } from '../context.ts'
import { attemptOutcome, nextAttemptDelayMs } from '../domain/webhooks/events.ts'
import type { SanitizedWebhookOptions } from '../options.ts'
import { claimDueDeliveries, type ClaimedDelivery, recordOutcome, type RecordedOutcome } from '../sql/webhooks/deliveryQueue.ts'
import { sendWebhook } from './webhookSend.ts'
import { type PollingWorker, startPollingWorker, stopWithPayload } from './pollingWorker.ts'

const BATCH = 16
/** how long past the attempt's own timeout a claimed delivery stays with its worker */
const LEASE_MARGIN_MS = 30_000

export type WebhookWorker = PollingWorker

/** What an attempt's answer makes of the delivery: delivered, another attempt later, or failed for good. */
export function outcomeOf(
  delivery: ClaimedDelivery,
  sent: Awaited<ReturnType<typeof sendWebhook>>,
  schedule: readonly number[],
): RecordedOutcome {
  const outcome = attemptOutcome(sent.status, sent.retryAfter)
  const base = { httpStatus: sent.status, responseMs: sent.responseMs }
  if (outcome.kind === 'delivered') return { ...base, status: 'delivered', error: null }
  if (outcome.kind === 'gone')
    return {
      ...base,
      status: 'failed',
      error: 'the receiver answered 410 Gone: the webhook is turned off',
      disableSubscription: `the receiver answered 410 Gone at ${new Date().toISOString()}`,
    }
  const error = sent.error ?? `the receiver answered ${sent.status}`
  const delay = nextAttemptDelayMs(delivery.attempts, { schedule, retryAfterMs: outcome.retryAfterMs })
  if (delay === null) return { ...base, status: 'failed', error: `${error} (attempt ${delivery.attempts}, the last)` }
  return { ...base, status: 'pending', nextAttemptInMs: delay, error }
}

/**
 * The delivery worker: polls the outbox every `pollMs` (at once again while it finds a full batch), sends each
 * due delivery, and records the outcome. Every LabelOps process may run one; they share the outbox through
 * `for update skip locked` and leases (src/sql/webhooks/deliveryQueue.ts).
 */
export function startWebhookWorker(payload: Payload, settings: SanitizedWebhookOptions = getOptions(payload).webhooks): WebhookWorker {
  const req = { payload }
  const pass = async (): Promise<number> => {
    const claimed = await claimDueDeliveries(req, { limit: BATCH, leaseMs: settings.timeoutMs + LEASE_MARGIN_MS })
    // every send settles before the pass does (stop() waits for the pass), whichever fails
    const results = await Promise.allSettled(
      claimed.map(async (delivery) => {
        const sent = await sendWebhook(delivery, settings)
        await recordOutcome(req, delivery, outcomeOf(delivery, sent, settings.retrySchedule))
      }),
    )
    const failed = results.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    return claimed.length
  }
  return startPollingWorker(payload, { what: 'the webhook worker', pollMs: settings.pollMs, batch: BATCH, pass })
}

/** Runs the worker for as long as `payload` lives (stopped before its database pool closes). */
export function runWebhookWorkerWith(payload: Payload, settings: SanitizedWebhookOptions): WebhookWorker | undefined {
  if (!adapterDrizzle(payload)) return undefined // not a Postgres adapter: no outbox
  return stopWithPayload(payload, startWebhookWorker(payload, settings))
}
