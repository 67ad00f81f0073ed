/**
 * What a journal event says about label work, for analytics: how many label items (objects and
 * classification answers) a submit created, edited and deleted — against the label the last review saw, or
 * nothing on a first submit — and how many items a review approved and rejected. Pure.
 */
import { diffLabels } from '../labels/review.ts'

export const LABEL_COUNTS = ['labelsCreated', 'labelsEdited', 'labelsDeleted', 'labelsApproved', 'labelsRejected'] as const
export type LabelCounts = Partial<Record<(typeof LABEL_COUNTS)[number], number>>

type LabelContent = Parameters<typeof diffLabels>[1]

/** A submit's counts: every item is created on a first submit; after a review, what changed since it. */
export function submittedCounts(reviewed: LabelContent | null | undefined, submitted: LabelContent): LabelCounts {
  const { added, removed, modified } = diffLabels(reviewed ?? { objects: [], classifications: [] }, submitted)
  return { labelsCreated: added.length, labelsEdited: modified.length, labelsDeleted: removed.length }
}

/** A review's counts, from its verdicts. */
export function reviewedCounts(verdicts: Iterable<{ verdict: 'approve' | 'reject' }>): LabelCounts {
  let approved = 0
  let rejected = 0
  for (const { verdict } of verdicts) {
    if (verdict === 'approve') approved++
    else rejected++
  }
  return { labelsApproved: approved, labelsRejected: rejected }
}
