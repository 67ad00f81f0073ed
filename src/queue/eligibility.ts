import type { ProjectRole } from '../roles.ts'
import type { Stage, WorkflowGraph } from '../workflow/graph.ts'

type Id = number | string

export type Workable = {
  /** annotate and review stages the person may be served */
  stages: string[]
  /** the review stages among them (never the reviewer's own annotation) */
  reviewStages: string[]
  /** consensus stages, each served to `annotators` distinct people */
  consensusStages: Array<{ id: string; annotators: number }>
}

const sameId = (a: Id, b: Id) => String(a) === String(b)

/**
 * Stage-based assignment: a stage that names users or groups is served only to them (and to managers);
 * a stage that names nobody is open to everyone with the right project role.
 */
export function assignedToStage(stage: Stage, who: { user: Id; groups: readonly Id[] }): boolean {
  const config = 'config' in stage ? (stage.config as { users?: Id[]; groups?: Id[] } | undefined) : undefined
  const users = config?.users ?? []
  const groups = config?.groups ?? []
  if (users.length === 0 && groups.length === 0) return true
  return users.some((user) => sameId(user, who.user)) || groups.some((group) => who.groups.some((mine) => sameId(mine, group)))
}

/**
 * The stages whose tasks a person may be served: Annotators the annotate and consensus stages, Reviewers the
 * review stages — each only where the stage's assignment names them or names nobody —; project Admins and
 * Team Managers every working stage. Pure.
 */
export function workableStages(
  graph: WorkflowGraph | undefined,
  roles: readonly ProjectRole[],
  manager: boolean,
  who: { user: Id; groups: readonly Id[] } = { user: '', groups: [] },
): Workable {
  const stages = (graph?.stages ?? []).filter((stage) => {
    if (manager) return stage.type === 'annotate' || stage.type === 'consensus' || stage.type === 'review'
    const roleFits = ((stage.type === 'annotate' || stage.type === 'consensus') && roles.includes('annotator')) || (stage.type === 'review' && roles.includes('reviewer'))
    return roleFits && assignedToStage(stage, who)
  })
  return {
    stages: stages.filter((stage) => stage.type !== 'consensus').map((stage) => stage.id),
    reviewStages: stages.filter((stage) => stage.type === 'review').map((stage) => stage.id),
    consensusStages: stages.flatMap((stage) => (stage.type === 'consensus' ? [{ id: stage.id, annotators: stage.config.annotators }] : [])),
  }
}
