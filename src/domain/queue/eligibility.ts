import { type ProjectActor, projectScopeOf, stageCapability } from '../projects/capabilities.ts'
import type { Stage, WorkflowGraph } from '../workflow/graph.ts'
import { slotsOf } from './slots.ts'
import { isScoredKind } from '../projects/kinds.ts'

type Id = number | string

export type Workable = {
  /** annotate and review stages the person may be served */
  stages: string[]
  /** the review stages among them (never the reviewer's own annotation) */
  reviewStages: string[]
  /** stages served in slots (src/domain/queue/slots.ts): consensus stages, and a scored project's annotate stages */
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
 * The stages whose tasks a person may be served: those their project seats may work (PROJECT_CAPABILITIES:
 * annotate and consensus stages for Annotators, review stages for Reviewers) — with an own grant only where
 * the stage's assignment names them or names nobody, with a team grant (project Admins, Team Managers,
 * workspace Admins) every working stage. Nothing without `project.claim`; the narrower of the claim and the
 * stage grant decides. In a benchmark or training project only annotate stages are worked (each submission is
 * scored, not reviewed), each by everyone in their own slot. Pure.
 */
export function workableStages(
  graph: WorkflowGraph | undefined,
  actor: ProjectActor,
  who: { user: Id; groups: readonly Id[] } = { user: '', groups: [] },
  kind?: string | null,
): Workable {
  const claim = projectScopeOf(actor, 'project.claim')
  const stages = (graph?.stages ?? []).filter((stage) => {
    if (isScoredKind(kind) && stage.type !== 'annotate') return false
    const capability = stageCapability(stage.type)
    const work = claim && capability ? projectScopeOf(actor, capability) : undefined
    // the narrower of the two grants decides
    if (work === undefined) return false
    return (claim === 'team' && work === 'team') || assignedToStage(stage, who)
  })
  const slotted = (stage: Stage) => slotsOf(stage, kind) !== null
  return {
    stages: stages.filter((stage) => !slotted(stage)).map((stage) => stage.id),
    reviewStages: stages.filter((stage) => stage.type === 'review').map((stage) => stage.id),
    consensusStages: stages.flatMap((stage) => (slotted(stage) ? [{ id: stage.id, annotators: slotsOf(stage, kind)! }] : [])),
  }
}
