/** Issues: where they point, who is in them, and what a change may touch. Pure. */
import type { ProjectScope } from '../../roles.ts'

type Id = number | string

export const ANCHOR_KINDS = ['data-unit', 'frame', 'coordinate', 'frame-range', 'label'] as const
export type AnchorKind = (typeof ANCHOR_KINDS)[number]
export const ISSUE_STATUSES = ['open', 'resolved'] as const
export type IssueStatus = (typeof ISSUE_STATUSES)[number]

export type Anchor = {
  kind?: AnchorKind | null
  frame?: number | null
  frameEnd?: number | null
  x?: number | null
  y?: number | null
  labelObject?: string | null
}
export type Problem = { path: string; message: string }

/** What each anchor kind needs: a frame, a frame range, a point (normalised 0..1), or a label object. */
export function anchorProblems(anchor: Anchor | undefined | null): Problem[] {
  const kind = anchor?.kind ?? 'data-unit'
  const problems: Problem[] = []
  const need = (field: keyof Anchor, why: string) => {
    if (anchor?.[field] == null || anchor[field] === '')
      problems.push({ path: `anchor.${field}`, message: `is required for a ${kind} anchor (${why})` })
  }
  if (kind === 'frame') need('frame', 'the frame the issue is about')
  if (kind === 'frame-range') {
    need('frame', 'the first frame')
    need('frameEnd', 'the last frame')
    if (anchor?.frame != null && anchor.frameEnd != null && anchor.frameEnd < anchor.frame)
      problems.push({ path: 'anchor.frameEnd', message: 'must not come before anchor.frame' })
  }
  if (kind === 'coordinate') {
    need('x', 'a point normalised to 0..1')
    need('y', 'a point normalised to 0..1')
  }
  if (kind === 'label') need('labelObject', 'the id of the label object the issue is about')
  for (const field of ['x', 'y'] as const) {
    const value = anchor?.[field]
    if (value != null && (value < 0 || value > 1))
      problems.push({ path: `anchor.${field}`, message: 'must be between 0 and 1 (coordinates are normalised to the data unit)' })
  }
  return problems
}

/** Tags must be among the workspace's issue tags. */
export function unknownTags(tags: readonly string[] | null | undefined, defined: readonly string[]): Problem[] {
  return (tags ?? [])
    .filter((tag) => !defined.includes(tag))
    .map((tag) => ({
      path: 'tags',
      message: `"${tag}" is not an issue tag of this workspace (defined: ${defined.length ? defined.join(', ') : 'none'}); add it to the workspace first`,
    }))
}

export type Comment = { id?: string | null; author?: Id | null; body?: string | null; postedAt?: string | null; editedAt?: string | null }

/**
 * The comment thread after an update by `actor`: new comments are theirs (stamped author and time); a comment
 * of someone else must come back unchanged and cannot disappear. Returns the thread to store, or the problem.
 */
export function mergeComments(
  before: readonly Comment[],
  after: readonly Comment[],
  actor: Id,
  now: string,
): { comments: Comment[] } | { problem: Problem } {
  const mine = (comment: Comment) => comment.author != null && String(comment.author) === String(actor)
  const byId = new Map(before.filter((comment) => comment.id).map((comment) => [String(comment.id), comment]))
  const result: Comment[] = []
  const kept = new Set<string>()
  for (const [index, comment] of after.entries()) {
    const original = comment.id ? byId.get(String(comment.id)) : undefined
    if (!original) {
      if (!comment.body?.trim()) return { problem: { path: `comments[${index}].body`, message: 'a comment needs a body' } }
      result.push({ id: comment.id ?? undefined, body: comment.body, author: actor, postedAt: now })
      continue
    }
    kept.add(String(original.id))
    if (comment.body !== original.body && !mine(original))
      return { problem: { path: `comments[${index}].body`, message: "nobody edits another person's comment" } }
    result.push(comment.body !== original.body ? { ...original, body: comment.body, editedAt: now } : original)
  }
  const removed = before.find((comment) => comment.id && !kept.has(String(comment.id)) && !mine(comment))
  if (removed) return { problem: { path: 'comments', message: "nobody deletes another person's comment" } }
  return { comments: result }
}

/** Everyone an issue concerns: who raised it, whom it is assigned to, who worked the task, who commented. */
export function participantsOf(parts: {
  raisedBy?: Id | null
  assignee?: Id | null
  taskWorkers?: readonly Id[]
  comments?: readonly Comment[]
  previous?: readonly Id[]
}): Id[] {
  const all = [
    ...(parts.previous ?? []),
    parts.raisedBy,
    parts.assignee,
    ...(parts.taskWorkers ?? []),
    ...(parts.comments ?? []).map((comment) => comment.author),
  ]
  const seen = new Map<string, Id>()
  for (const id of all) if (id != null && !seen.has(String(id))) seen.set(String(id), id)
  return [...seen.values()]
}

/**
 * Who raises an issue on a task, by their grant of `project.issues.raise` (PROJECT_CAPABILITIES): team — on
 * any task; own — on a task they work (submitted or decided a stage, hold or have reserved).
 */
export function raiseProblem({
  scope,
  workers,
  user,
}: {
  scope: ProjectScope | undefined
  workers: readonly Id[]
  user: Id | undefined
}): string | undefined {
  if (scope === 'team' || (scope === 'own' && workers.some((worker) => user !== undefined && String(worker) === String(user))))
    return undefined
  return 'issues are raised by the people who work this task or run its project'
}

/** What an issue says (title, body, anchor), by the grant of `project.issues.edit`: team — any issue; own — the ones they raised. */
export function editProblem({
  scope,
  raisedBy,
  user,
  changed,
}: {
  scope: ProjectScope | undefined
  raisedBy: Id | null | undefined
  user: Id | undefined
  changed: readonly string[]
}): Problem | undefined {
  if (
    changed.length === 0 ||
    scope === 'team' ||
    (scope === 'own' && raisedBy != null && user !== undefined && String(raisedBy) === String(user))
  )
    return undefined
  return { path: changed[0]!, message: 'only who raised the issue (or runs the project) changes what it says' }
}
