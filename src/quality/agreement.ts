/**
 * Agreement between whole labels, and one score per consensus task. Pure.
 *
 * Between two labels A and B (`labelAgreement`):
 * - objects: O = Σ similarity of the matched same-class pairs / (|A| + |B| − matched pairs) — each object
 *   either agrees with its partner by its similarity or counts as a disagreement, so identical labels score 1,
 *   an object only one label has pulls the score down, and a class mismatch counts as two unmatched objects;
 * - classifications: C = the mean answer agreement over the classifications either label answered
 *   (src/quality/classifications.ts);
 * - the label's score is the mean of O and C over the parts either label has (both empty: 1 — they agree that
 *   there is nothing to label).
 *
 * A consensus task's score (`taskAgreement`) is the mean of that score over every pair of its N branches;
 * `matrix` holds the pairs, and the best-agreeing branch is the one with the highest mean score against the others.
 */
import { type Answer, classificationAgreement } from './classifications.ts'
import { type Drawn, matchObjects, type MatchOptions, type Matching } from './matching.ts'

export type LabelSet = { objects: readonly Drawn[]; classifications: readonly Answer[] }
export type LabelAgreement = { score: number; objects: number | null; classifications: number | null; matching: Matching }

export function labelAgreement(a: LabelSet, b: LabelSet, options: MatchOptions = {}): LabelAgreement {
  const matching = matchObjects(a.objects, b.objects, options)
  const pairs = matching.matches.length
  const objects =
    a.objects.length + b.objects.length === 0
      ? null
      : matching.matches.reduce((sum, pair) => sum + pair.score, 0) / (a.objects.length + b.objects.length - pairs)
  const classifications = classificationAgreement(a.classifications, b.classifications)
  const parts = [objects, classifications].filter((part): part is number => part !== null)
  const score = parts.length === 0 ? 1 : parts.reduce((sum, part) => sum + part, 0) / parts.length
  return { score, objects, classifications, matching }
}

export type PrecisionRecall = { precision: number; recall: number; f1: number; truePositives: number }

/**
 * A submission's objects against a reference (gold): a true positive is a same-class match at the threshold.
 * Both empty: 1, 1, 1 (nothing to find, nothing invented).
 */
export function precisionRecall(submitted: readonly Drawn[], reference: readonly Drawn[], options: MatchOptions = {}): PrecisionRecall {
  const truePositives = matchObjects(submitted, reference, options).matches.length
  const precision = submitted.length === 0 ? (reference.length === 0 ? 1 : 0) : truePositives / submitted.length
  const recall = reference.length === 0 ? (submitted.length === 0 ? 1 : 0) : truePositives / reference.length
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, truePositives }
}

export type TaskAgreement = {
  /** the mean pairwise score; null with fewer than two branches */
  score: number | null
  /** matrix[i][j]: branches i and j (1 on the diagonal) */
  matrix: number[][]
  /** the index of the branch that agrees best with the others; null with fewer than two */
  best: number | null
}

export function taskAgreement(branches: readonly LabelSet[], options: MatchOptions = {}): TaskAgreement {
  const n = branches.length
  const matrix = branches.map(() => branches.map(() => 1))
  let sum = 0
  let pairs = 0
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const score = labelAgreement(branches[i]!, branches[j]!, options).score
      matrix[i]![j] = score
      matrix[j]![i] = score
      sum += score
      pairs++
    }
  if (pairs === 0) return { score: null, matrix, best: null }
  let best = 0
  let bestMean = -1
  matrix.forEach((_, i) => {
    const mean = meanAgreement(matrix, i)!
    if (mean > bestMean) [best, bestMean] = [i, mean]
  })
  return { score: sum / pairs, matrix, best }
}

/** Branch `i`'s mean agreement with the others in an agreement matrix (the diagonal left out); null alone. */
export function meanAgreement(matrix: readonly (readonly number[])[], i: number): number | null {
  const row = matrix[i] ?? []
  return row.length > 1 ? (row.reduce((total, value) => total + value, 0) - 1) / (row.length - 1) : null
}
