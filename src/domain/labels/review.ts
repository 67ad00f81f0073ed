/** Per-item review of a label, and what changed between rounds. Pure. */
import { canonicalJson } from '../utilities/canonicalJson.ts'
import type { LabelInput } from './validate.ts'

export type Verdict = 'approve' | 'reject'
export type ReviewKey = `object:${string}` | `classification:${string}`
export type Decision = { target: 'object' | 'classification'; id: string; verdict: Verdict; note?: string }
/** Each item's last verdict; `resolved`: rejected, then changed by the annotator, awaiting the next review. */
export type ReviewState = Record<string, { verdict: Verdict | 'resolved'; note: string | null; round: number }>
export type Problem = { path: string; message: string }

/** Every reviewable item of a label: its objects (by id) and its classification answers (by feature id). */
export function reviewKeys(label: Pick<LabelInput, 'objects' | 'classifications'>): ReviewKey[] {
  return [
    ...label.objects.map((object) => `object:${object.id}` as const),
    ...label.classifications.map((answer) => `classification:${answer.featureId}` as const),
  ]
}

/**
 * The verdict on every item: the explicit decisions, and `all` for the rest. Every item must end with a
 * verdict, decisions must name items of this label, and a rejection needs a note (it becomes an Issue).
 */
export function decide(
  label: Pick<LabelInput, 'objects' | 'classifications'>,
  decisions: readonly Decision[],
  all: Verdict | undefined,
  allNote?: string,
): { verdicts: Map<ReviewKey, { verdict: Verdict; note: string | null }> } | { problems: Problem[] } {
  const keys = reviewKeys(label)
  const known = new Set<string>(keys)
  const verdicts = new Map<ReviewKey, { verdict: Verdict; note: string | null }>()
  const problems: Problem[] = []
  const noteMissing = new Set<ReviewKey>()
  decisions.forEach((decision, i) => {
    const key = `${decision.target}:${decision.id}` as ReviewKey
    if (!known.has(key))
      return problems.push({ path: `decisions[${i}].id`, message: `the label has no ${decision.target} "${decision.id}"` })
    if (verdicts.has(key))
      return problems.push({ path: `decisions[${i}].id`, message: `${decision.target} "${decision.id}" is decided twice` })
    if (decision.verdict === 'reject' && !decision.note?.trim()) {
      noteMissing.add(key) // decided, wanting its note: not also "without a verdict" below
      return problems.push({ path: `decisions[${i}].note`, message: 'a rejection needs a note: it becomes an Issue for the annotator' })
    }
    verdicts.set(key, { verdict: decision.verdict, note: decision.note?.trim() || null })
  })
  if (keys.length === 0 && all === 'reject' && !allNote?.trim())
    problems.push({ path: 'note', message: 'rejecting an empty annotation needs a note: it becomes an Issue for the annotator' })
  for (const key of keys) {
    if (verdicts.has(key) || noteMissing.has(key)) continue
    if (!all) problems.push({ path: 'decisions', message: `${key.replace(':', ' "')}" has no verdict (decide it, or give "all")` })
    else if (all === 'reject' && !allNote?.trim())
      problems.push({ path: 'note', message: 'rejecting everything needs a note: it becomes an Issue for the annotator' })
    else verdicts.set(key, { verdict: all, note: all === 'reject' ? allNote!.trim() : null })
  }
  return problems.length > 0 ? { problems: dedupe(problems) } : { verdicts }
}

const dedupe = (problems: Problem[]) =>
  problems.filter((problem, i) => problems.findIndex((other) => other.path === problem.path && other.message === problem.message) === i)

/** What changed in a label since the last review: items added, removed and modified (by key). */
export function diffLabels(
  before: Pick<LabelInput, 'objects' | 'classifications'> | null | undefined,
  after: Pick<LabelInput, 'objects' | 'classifications'>,
) {
  const index = (label: Pick<LabelInput, 'objects' | 'classifications'> | null | undefined) =>
    new Map<string, string>([
      // key order does not make a change (jsonb stores keys in its own order)
      ...(label?.objects ?? []).map((object) => [`object:${object.id}`, canonicalJson(object)] as const),
      ...(label?.classifications ?? []).map((answer) => [`classification:${answer.featureId}`, canonicalJson(answer)] as const),
    ])
  const old = index(before)
  const now = index(after)
  return {
    added: [...now.keys()].filter((key) => !old.has(key)),
    removed: [...old.keys()].filter((key) => !now.has(key)),
    modified: [...now.keys()].filter((key) => old.has(key) && old.get(key) !== now.get(key)),
  }
}

/** The items changed or removed since the last review (none before any review). */
export function changedSinceReview(
  snapshot: Pick<LabelInput, 'objects' | 'classifications'> | null | undefined,
  after: Pick<LabelInput, 'objects' | 'classifications'>,
): ReviewKey[] {
  if (!snapshot) return []
  const { modified, removed } = diffLabels(snapshot, after)
  return [...modified, ...removed] as ReviewKey[]
}

/** Rejected items the annotator changed become `resolved`, awaiting the next review's verdict. */
export function resolveChanged(review: ReviewState, changed: readonly ReviewKey[]): ReviewState {
  const next = { ...review }
  for (const key of changed) if (next[key]?.verdict === 'reject') next[key] = { ...next[key]!, verdict: 'resolved' }
  return next
}

/** How an issue anchors a reviewed item: the object's id, or `classification:<feature id>`. */
export const anchorObjectOf = (key: ReviewKey) => (key.startsWith('object:') ? key.slice('object:'.length) : key)
