/**
 * The numbers a journal event carries that analytics sum as they are: its label counts; for an action that
 * ended the actor's own hold on a task, how long they held it (claim to submit / skip / release / verdict;
 * `heldMs`, measured by the server) — its `timeSpentMs` is the active part of that hold, reported by the client
 * (idle time left out: src/domain/analytics/activeTime.ts) and never more than it —; and for the submit that
 * closed a consensus round, the round's agreement (`agreement`, 0..1) with `agreementRounds` 1, so a mean
 * agreement is a sum over a count. Pure.
 */
import { LABEL_COUNTS } from './labelCounts.ts'

export const EVENT_SUMS = [...LABEL_COUNTS, 'heldMs', 'agreement', 'agreementRounds'] as const
export type EventSum = (typeof EVENT_SUMS)[number]

/** The journal types that end the actor's own hold on a task (its lease or consensus slot). */
export const HOLD_ENDS = ['submitted', 'skipped', 'released', 'approved', 'rejected'] as const

/** The active time an event records: the client's report, never more than the server-measured hold. */
export function activeWithinHold(reported: number | null | undefined, heldMs: number | null): number | null {
  if (reported === null || reported === undefined) return null
  return heldMs === null ? reported : Math.min(reported, heldMs)
}
