import { NotFound, type PayloadRequest } from 'payload'

import { loadActor, projectRolesIn, roleIn } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { appendTaskEvents } from '../db/taskRows.ts'
import { ForbiddenChangeError, ProjectNotActiveError } from '../errors.ts'
import { managesProject, PROJECT_STATUS_LABELS, type ProjectStatus } from '../projects/status.ts'
import { claimNextTaskRow, heldTaskRow, lockClaimsOf } from '../queue/claimTask.ts'
import type { Id } from '../types.ts'
import type { WorkflowGraph } from '../workflow/graph.ts'
import { workableStages } from '../queue/eligibility.ts'

export type ClaimAnswer = { task: Record<string, unknown>; dataItem: unknown; ontology: unknown; label: null } | null

type ProjectDoc = { id: Id; workspace: Id; status: ProjectStatus; workflow?: WorkflowGraph; ontology?: Id | null; settings?: { leaseMinutes?: number; allowSelfReview?: boolean } }

/**
 * Serves the caller their next task in a project (null when there is none for them): the task they already
 * hold, else one claimed by a single SKIP LOCKED statement; journaled as `claimed` (and `expired` when it took
 * over a lapsed lease); answered with the data item and ontology so an editor needs no second round trip.
 */
export async function claimNextTask({ req, project: projectId }: { req: PayloadRequest; project: Id }): Promise<ClaimAnswer> {
  const { slugs } = getOptions(req.payload)
  const actor = (await loadActor(req))!
  const project = (await req.payload.findByID({ collection: slugs.projects, id: projectId, depth: 0, req, overrideAccess: true, disableErrors: true })) as unknown as ProjectDoc | null
  if (!project || (!actor.superAdmin && !roleIn(actor, project.workspace))) throw new NotFound(req.t)
  const projectRoles = projectRolesIn(actor, project.id)
  const manager = managesProject({ superAdmin: actor.superAdmin, workspaceRole: roleIn(actor, project.workspace), projectRoles })
  if (!manager && projectRoles.length === 0) throw new NotFound(req.t)
  if (project.status !== 'in-progress') throw new ProjectNotActiveError(`the project is ${PROJECT_STATUS_LABELS[project.status]}: tasks are served only while it is In progress`)
  const { stages, reviewStages } = workableStages(project.workflow, projectRoles, manager)
  if (stages.length === 0) throw new ForbiddenChangeError('project', 'you have no role in any stage of this project')

  const row = await inTransaction(req, async () => {
    await lockClaimsOf(req, project.id, actor.userId)
    const held = await heldTaskRow(req, project.id, actor.userId)
    if (held) return held
    const claimed = await claimNextTaskRow(req, {
      project: project.id, user: actor.userId, stages, reviewStages,
      leaseMinutes: project.settings?.leaseMinutes ?? 30, allowSelfReview: Boolean(project.settings?.allowSelfReview),
    })
    if (claimed) {
      const base = { workspace: project.workspace, project: project.id, task: claimed.id, actor: actor.userId, fromStage: claimed.stage, toStage: claimed.stage, fromStatus: claimed.status, toStatus: claimed.status }
      await appendTaskEvents(req, [...(claimed.tookOverExpired ? [{ ...base, type: 'expired' }] : []), { ...base, type: 'claimed' }])
    }
    return claimed
  })
  if (!row) return null
  // read as the caller: holding the lease, they may read the task; their project gives them its item and ontology
  const asCaller = { depth: 0, req, overrideAccess: false } as const
  const [task, dataItem, ontology] = await Promise.all([
    req.payload.findByID({ collection: slugs.tasks, id: row.id, ...asCaller }),
    req.payload.findByID({ collection: slugs.dataItems, id: row.dataItem, ...asCaller }),
    project.ontology ? req.payload.findByID({ collection: slugs.ontologies, id: project.ontology, ...asCaller, disableErrors: true }) : null,
  ])
  return { task: task as unknown as Record<string, unknown>, dataItem, ontology, label: null }
}
