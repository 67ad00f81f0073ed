/**
 * A reviewer's picks while resolving a consensus round in the admin: which objects and which answers, each
 * from one branch, and the request they make (POST /api/tasks/:id/resolve, checked by the server's
 * src/quality/resolution.ts). Starts from the best-agreeing branch, whole, so a reviewer adjusts rather than
 * builds. Pure.
 */
import type { Answer } from '../../quality/classifications.ts'
import type { Branch } from '../../quality/resolution.ts'

/** A picked object: `branch|id` (an id alone may repeat across branches). */
export type ObjectKey = `${string}|${string}`
export type Picks = { objects: ObjectKey[]; answers: Record<string, string> }

export const objectKey = (branch: string, id: string): ObjectKey => `${branch}|${id}`

/** The best-agreeing branch (the first), all of it. */
export function initialPicks(branches: readonly Branch[]): Picks {
  const best = branches[0]
  if (!best) return { objects: [], answers: {} }
  return {
    objects: best.objects.map((object) => objectKey(best.annotator, object.id)),
    answers: Object.fromEntries(best.classifications.map((answer) => [answer.featureId, best.annotator])),
  }
}

/** Picks or unpicks an object; picking one drops another branch's object with the same id (a label holds each id once). */
export function toggleObject(picks: Picks, branch: string, id: string): Picks {
  const key = objectKey(branch, id)
  if (picks.objects.includes(key)) return { ...picks, objects: picks.objects.filter((candidate) => candidate !== key) }
  return { ...picks, objects: [...picks.objects.filter((candidate) => idOf(candidate) !== id), key] }
}

/** The answer to a classification taken from `branch` (null: leave the classification unanswered). */
export function chooseAnswer(picks: Picks, featureId: string, branch: string | null): Picks {
  const answers = { ...picks.answers }
  if (branch === null) delete answers[featureId]
  else answers[featureId] = branch
  return { ...picks, answers }
}

const idOf = (key: ObjectKey) => key.slice(key.indexOf('|') + 1)

/** The body of the resolution the picks make. */
export function picksRequest(picks: Picks, expectedVersion: number) {
  return {
    expectedVersion,
    mode: 'picks' as const,
    objects: picks.objects.map((key) => ({ branch: key.slice(0, key.indexOf('|')), id: idOf(key) })),
    classifications: Object.entries(picks.answers).map(([featureId, branch]) => ({ branch, featureId })),
  }
}

/** The distinct answers the branches gave one classification, each with the branches that gave it (best first). */
export function answerGroups(branches: readonly Branch[], featureId: string): Array<{ answer: Answer; branches: string[] }> {
  const groups: Array<{ answer: Answer; key: string; branches: string[] }> = []
  for (const branch of branches) {
    const answer = branch.classifications.find((candidate) => candidate.featureId === featureId)
    if (!answer) continue
    const key = canonical(answer)
    const group = groups.find((candidate) => candidate.key === key)
    if (group) group.branches.push(branch.annotator)
    else groups.push({ answer, key, branches: [branch.annotator] })
  }
  return groups.map(({ answer, branches: from }) => ({ answer, branches: from }))
}

/** An answer as text that does not depend on key or option order. */
function canonical(answer: Answer): string {
  return JSON.stringify({
    text: answer.text?.trim() ?? null,
    options: [...(answer.optionIds ?? [])].sort(),
    nested: [...(answer.answers ?? [])].map(canonical).sort(),
  })
}
