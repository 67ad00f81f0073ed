/**
 * The reviewer's and the reworking annotator's side of a review, as the admin's workspace needs it: the items
 * to decide, the request a set of verdicts makes (checked by the same `decide()` the server runs), and which
 * open issues a rework has fixed. Pure.
 */
import type { Classification } from '../ontology/schema.ts'
import { type Answer, type LabelDocument, toLabelDocument } from './editing.ts'
import {
  anchorObjectOf,
  changedSinceReview,
  decide,
  type Decision,
  type Problem,
  type ReviewKey,
  reviewKeys,
  type Verdict,
} from './review.ts'

export type ItemVerdict = { verdict: Verdict; note: string }
export type Verdicts = Partial<Record<ReviewKey, ItemVerdict>>

/** The review body the workspace sends: every item decided one by one (an empty label: `all`). */
export type ReviewBody = { expectedVersion: number; decisions: Decision[]; all?: Verdict; note?: string; timeSpentMs?: number }

/** The verdicts with every item not yet decided approved (the "approve the rest" button). */
export function approveUndecided(label: LabelDocument, verdicts: Verdicts): Verdicts {
  const next: Verdicts = { ...verdicts }
  for (const key of reviewKeys(label)) next[key] ??= { verdict: 'approve', note: '' }
  return next
}

/** Items still without a verdict. */
export const undecided = (label: LabelDocument, verdicts: Verdicts): ReviewKey[] => reviewKeys(label).filter((key) => !verdicts[key])

/**
 * The body for POST /api/tasks/:id/review, or the problems the server would answer with — the same rule,
 * `decide()`, run here first so the reviewer sees them at once. An empty label is decided as a whole
 * (`overall`): approving needs nothing, rejecting needs the note.
 */
export function reviewRequest(
  label: LabelDocument,
  verdicts: Verdicts,
  { expectedVersion, note, overall, timeSpentMs }: { expectedVersion: number; note?: string; overall?: Verdict; timeSpentMs?: number },
): { body: ReviewBody } | { problems: Problem[] } {
  const decisions: Decision[] = reviewKeys(label).flatMap((key): Decision[] => {
    const verdict = verdicts[key]
    if (!verdict) return []
    const [target, ...rest] = key.split(':') as ['object' | 'classification', ...string[]]
    const id = rest.join(':')
    return [{ target, id, verdict: verdict.verdict, ...(verdict.note.trim() ? { note: verdict.note.trim() } : {}) }]
  })
  const empty = reviewKeys(label).length === 0
  const all = empty ? (overall ?? 'approve') : undefined
  const trimmed = note?.trim() || undefined
  const decided = decide(label, decisions, all, trimmed)
  if ('problems' in decided) return { problems: decided.problems }
  return { body: { expectedVersion, decisions, ...(all ? { all } : {}), ...(trimmed ? { note: trimmed } : {}), timeSpentMs } }
}

/** Whether the verdicts send the task back (any rejection). */
export const rejects = (verdicts: Verdicts) => Object.values(verdicts).some((verdict) => verdict?.verdict === 'reject')

/** One line for a classification answer: `Weather: Rain › Intensity: Heavy`, nested answers after their option. */
export function answerText(answer: Answer, classification: Classification | undefined): string {
  if (!classification) return answer.text ?? (answer.optionIds ?? []).join(', ')
  if (classification.type === 'text') return `${classification.name}: ${answer.text?.trim() ? answer.text : '(empty)'}`
  const chosen = (answer.optionIds ?? []).map((optionId) => {
    const option = classification.options?.find((candidate) => candidate.id === optionId)
    const nested = (answer.answers ?? [])
      .map((inner) => ({ inner, of: option?.classifications?.find((candidate) => candidate.id === inner.featureId) }))
      .filter(({ of }) => of)
      .map(({ inner, of }) => answerText(inner, of))
    return [option?.label ?? optionId, ...nested].join(' › ')
  })
  return `${classification.name}: ${chosen.length ? chosen.join(', ') : '(none)'}`
}

export type PinnedIssue = {
  id: string | number
  title?: string | null
  anchor?: { kind?: string | null; labelObject?: string | null; frame?: number | null; x?: number | null; y?: number | null } | null
}

/**
 * Rework: each open issue with the item it is pinned to (null: about the whole item), and whether the
 * annotator's changes since the review fix it — what the server resolves on submit (`changedSinceReview`).
 */
export function pinIssues(
  issues: readonly PinnedIssue[],
  snapshot: Pick<LabelDocument, 'objects' | 'classifications'> | null | undefined,
  current: LabelDocument,
): Array<{ issue: PinnedIssue; pinnedTo: string | null; fixed: boolean }> {
  // both read the same way (nulls dropped, keys in one order): stored JSON and the editor's may differ in form only
  const changed = new Set(
    snapshot ? changedSinceReview(toLabelDocument(snapshot) as never, toLabelDocument(current) as never).map(anchorObjectOf) : [],
  )
  return issues.map((issue) => {
    const pinnedTo = issue.anchor?.kind === 'label' && issue.anchor.labelObject ? issue.anchor.labelObject : null
    return { issue, pinnedTo, fixed: pinnedTo !== null && changed.has(pinnedTo) }
  })
}
