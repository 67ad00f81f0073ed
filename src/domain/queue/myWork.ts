import { canInProject, type ProjectActor, seatsOf } from '../projects/capabilities.ts'
import { taskWorkProblem, type ProjectStatus } from '../projects/status.ts'
import type { StageType, WorkflowGraph } from '../workflow/graph.ts'
import type { ProjectRole } from '../../roles.ts'
import { workableStages } from './eligibility.ts'

type Id = number | string

/** One row of the grouped queue count (src/sql/queue/myWork.ts): a project's tasks in one stage and status. */
export type MyWorkCountRow = {
  project: Id
  stage: string
  status: string
  /** every task of that stage and status */
  total: number
  /** the ones the person could be served: not completed, reserved for nobody or for them, no live lease of someone else's, not skipped by them where skipping requeues for others */
  open: number
  /** of `open`, the ones whose annotation was the person's own (a review stage does not serve them unless the project allows self-review) */
  ownAnnotation: number
  /** the ones the person holds under a live lease */
  held: number
}

/**
 * Open consensus tasks the person has a slot in this round, per stage: `live` (a slot lease running: work to
 * resume) and `submitted` (done: not served to them again).
 */
export type MyWorkSlotRow = { project: Id; stage: string; live: number; submitted: number }

export type MyWorkProjectInput = {
  id: Id
  name: string
  status: ProjectStatus
  workspace: { id: Id; name: string }
  workflow?: WorkflowGraph
  /** standard, benchmark or training (src/domain/projects/kinds.ts): how its stages are served */
  kind?: string
  allowSelfReview: boolean
}

export type StageTotal = { id: string; name: string; type: StageType | 'unknown'; total: number; open: number; completed: number }

export type ProjectWork = {
  project: { id: Id; name: string; status: ProjectStatus; workspace: { id: Id; name: string } }
  /** the person's project roles (directly or through a group) */
  roles: ProjectRole[]
  /** the person is an Admin of the project's workspace (a seat in every project of it) */
  workspaceAdmin: boolean
  /** why the person cannot work the project's tasks now (Paused, Completed...), or null */
  closed: string | null
  next: {
    /** annotate and consensus tasks that would be served to the person (rework included) */
    annotate: number
    /** of those, tasks sent back for rework */
    rework: number
    /** review tasks that would be served to the person */
    review: number
    /** tasks the person holds now (a live lease): work to resume */
    inProgress: number
    /** open issues assigned to the person */
    issues: number
  }
  /** the person may be served tasks in this project at all */
  canClaim: boolean
  /** stage totals, for those who run the project (the queue's team view); null for everyone else */
  stages: StageTotal[] | null
}

/**
 * "My work" for one project, from grouped counts: what the person would be served (only the stages their
 * project seats work, by the capability table: workableStages), what they hold, their issues, and — for those
 * who see the whole queue (`project.queue.read` team) — the totals per stage. Pure.
 */
export function projectWork(args: {
  project: MyWorkProjectInput
  actor: ProjectActor
  who: { user: Id; groups: readonly Id[] }
  counts: readonly MyWorkCountRow[]
  slots: readonly MyWorkSlotRow[]
  issues: number
}): ProjectWork {
  const { project, actor, who } = args
  const same = (row: { project: Id }) => String(row.project) === String(project.id)
  const counts = args.counts.filter(same)
  const workable = workableStages(project.workflow, actor, who, project.kind)
  const annotateStages = new Set(workable.stages.filter((stage) => !workable.reviewStages.includes(stage)))
  const consensusStages = new Set(workable.consensusStages.map((stage) => stage.id))
  const reviewStages = new Set(workable.reviewStages)
  const closed = taskWorkProblem(actor, project.status) ?? null

  let annotate = 0
  let rework = 0
  let review = 0
  let inProgress = 0
  for (const row of counts) {
    inProgress += row.held
    if (annotateStages.has(row.stage) || consensusStages.has(row.stage)) {
      annotate += row.open
      if (row.status === 'reopened') rework += row.open
    } else if (reviewStages.has(row.stage)) {
      review += project.allowSelfReview ? row.open : row.open - row.ownAnnotation
    }
  }
  for (const slot of args.slots.filter(same)) {
    if (!consensusStages.has(slot.stage)) continue
    annotate -= slot.live + slot.submitted
    inProgress += slot.live
  }
  // a task one holds is resumed, not waiting
  annotate = Math.max(0, annotate - countHeldIn(counts, (stage) => annotateStages.has(stage) || consensusStages.has(stage)))
  review = Math.max(0, review - countHeldIn(counts, (stage) => reviewStages.has(stage)))

  const manages = canInProject(actor, 'project.queue.read', 'team')
  return {
    project: { id: project.id, name: project.name, status: project.status, workspace: project.workspace },
    roles: [...new Set(actor.projectRoles)],
    workspaceAdmin: seatsOf(actor).includes('workspace-admin'),
    closed,
    next: { annotate, rework: Math.min(rework, annotate), review, inProgress, issues: args.issues },
    canClaim: canInProject(actor, 'project.claim'),
    stages: manages ? stageTotals(project.workflow, counts) : null,
  }
}

const countHeldIn = (rows: readonly MyWorkCountRow[], inStage: (stage: string) => boolean) =>
  rows.filter((row) => inStage(row.stage)).reduce((sum, row) => sum + row.held, 0)

/** Totals per stage in the workflow's order (stages no longer in the workflow last, as they are). Pure. */
export function stageTotals(workflow: WorkflowGraph | undefined, rows: readonly MyWorkCountRow[]): StageTotal[] {
  const byStage = new Map<string, StageTotal>()
  for (const stage of workflow?.stages ?? []) {
    if (stage.type === 'router') continue
    byStage.set(stage.id, { id: stage.id, name: stage.name, type: stage.type, total: 0, open: 0, completed: 0 })
  }
  for (const row of rows) {
    const total = byStage.get(row.stage) ?? { id: row.stage, name: row.stage, type: 'unknown' as const, total: 0, open: 0, completed: 0 }
    total.total += row.total
    if (row.status === 'completed') total.completed += row.total
    else total.open += row.total
    byStage.set(row.stage, total)
  }
  return [...byStage.values()]
}

/** Projects in the order a person wants them: work waiting first, then by status (In progress first), then name. Pure. */
export function sortProjectWork(projects: ProjectWork[]): ProjectWork[] {
  const waiting = (work: ProjectWork) => (work.closed ? 0 : work.next.annotate + work.next.review + work.next.inProgress + work.next.issues)
  const statusRank = (work: ProjectWork) => (work.project.status === 'in-progress' ? 0 : work.project.status === 'not-started' ? 1 : 2)
  return [...projects].sort(
    (a, b) =>
      Number(waiting(b) > 0) - Number(waiting(a) > 0) || statusRank(a) - statusRank(b) || a.project.name.localeCompare(b.project.name),
  )
}
