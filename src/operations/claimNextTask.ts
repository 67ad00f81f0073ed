import { NotFound, type PayloadRequest } from 'payload'

import { type Actor, loadActor, projectRolesIn, roleIn } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { appendTaskEvents } from '../db/taskRows.ts'
import { ConflictError, ForbiddenChangeError, ProjectNotActiveError } from '../errors.ts'
import { managesProject, PROJECT_STATUS_LABELS, type ProjectStatus } from '../projects/status.ts'
import { claimConsensusBranch } from '../queue/claimConsensus.ts'
import { type ClaimedRow, claimNextTaskRow, lockClaimsOf, type SkipPolicy } from '../queue/claimTask.ts'
import { loadQueueProject, type QueueProject } from '../db/projectRow.ts'
import { workableStages } from '../queue/eligibility.ts'
import type { Id } from '../types.ts'
import type { WorkflowGraph } from '../workflow/graph.ts'

export type ClaimAnswer = { task: Record<string, unknown>; dataItem: unknown; ontology: unknown; label: null; leaseExpiresAt: string } | null

export type ProjectDoc = {
  id: Id; workspace: Id; status: ProjectStatus; workflow?: WorkflowGraph; ontology?: Id | null
  settings?: { leaseMinutes?: number; allowSelfReview?: boolean; skipPolicy?: SkipPolicy }
}

/** The project and what the caller may be served in it: 404 to outsiders, 423 unless In progress, 403 without a stage. */
export async function queueContext(req: PayloadRequest, projectId: Id) {
  const actor = (await loadActor(req))!
  const project = await loadQueueProject(req, projectId)
  if (!project || (!actor.superAdmin && !roleIn(actor, project.workspace))) throw new NotFound(req.t)
  const projectRoles = projectRolesIn(actor, project.id)
  const manager = managesProject({ superAdmin: actor.superAdmin, workspaceRole: roleIn(actor, project.workspace), projectRoles })
  if (!manager && projectRoles.length === 0) throw new NotFound(req.t)
  if (project.status !== 'in-progress') throw new ProjectNotActiveError(`the project is ${PROJECT_STATUS_LABELS[project.status]}: tasks are served only while it is In progress`)
  const workable = workableStages(project.workflow, projectRoles, manager, { user: actor.userId, groups: actor.memberGroups.map((group) => group.id) })
  if (workable.stages.length === 0 && workable.consensusStages.length === 0) throw new ForbiddenChangeError('project', 'you have no role in any stage of this project')
  return { actor, project, manager, workable }
}

/**
 * Serves the caller their next task in a project (null when there is none for them) — or, with `taskId`,
 * that task if they may take it (409 when they may not): the task they already hold, else one claimed by
 * a single SKIP LOCKED statement, or a consensus slot; journaled as `claimed` (and `expired` when it took
 * over a lapsed lease); answered with the data item and ontology so an editor needs no second round trip.
 */
export async function claimNextTask({ req, project: projectId, taskId }: { req: PayloadRequest; project: Id; taskId?: Id }): Promise<ClaimAnswer> {
  const { slugs } = getOptions(req.payload)
  const { actor, project, workable } = await queueContext(req, projectId)
  const { settings } = project

  const row = await inTransaction(req, async () => {
    await lockClaimsOf(req, project.id, actor.userId)
    const claimed = await claimNextTaskRow(req, { project: project.id, workspace: project.workspace, user: actor.userId, ...workable, ...settings, taskId })
    if (claimed?.held && taskId !== undefined && String(claimed.id) !== String(taskId)) {
      throw new ConflictError(`lease: you hold task ${claimed.id} in this project; submit, skip or release it before taking another`, { heldTask: claimed.id })
    }
    if (claimed) return claimed
    const slot = await claimConsensusBranch(req, { project: project.id, user: actor.userId, consensusStages: workable.consensusStages, ...settings, taskId })
    if (slot) await journalClaim(req, project, actor, slot)
    return slot
  })
  if (!row) {
    if (taskId !== undefined) throw new ConflictError('task: this task is not available to you (finished, held by someone else, reserved for another person, skipped by you, or in a stage you do not work)')
    return null
  }
  // the claim itself entitles the caller to the task (a consensus slot is not a lease on the row); the item
  // and the ontology are read as the caller: their project gives them both
  const asCaller = { depth: 0, req, overrideAccess: false } as const
  const [task, dataItem, ontology] = await Promise.all([
    req.payload.findByID({ collection: slugs.tasks, id: row.id, depth: 0, req, overrideAccess: true }),
    req.payload.findByID({ collection: slugs.dataItems, id: row.dataItem, ...asCaller }),
    project.ontology ? req.payload.findByID({ collection: slugs.ontologies, id: project.ontology, ...asCaller, disableErrors: true }) : null,
  ])
  return { task: task as unknown as Record<string, unknown>, dataItem, ontology, label: null, leaseExpiresAt: new Date(row.leaseExpiresAt).toISOString() }
}

async function journalClaim(req: PayloadRequest, project: QueueProject, actor: Actor, claimed: ClaimedRow) {
  const base = { workspace: project.workspace, project: project.id, task: claimed.id, fromStage: claimed.stage, toStage: claimed.stage, fromStatus: claimed.status, toStatus: claimed.status }
  await appendTaskEvents(req, [{ ...base, actor: actor.userId, type: 'claimed' }])
}
