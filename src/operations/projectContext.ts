import { NotFound, type PayloadRequest } from 'payload'

import { type Actor, cacheActor, hasLoadedActor, projectActorOf, requireActor, roleIn } from '../access/actor.ts'
import { inProject, type ProjectActor } from '../domain/projects/capabilities.ts'
import { loadMembershipRowsAndQueueProject, loadQueueProject, type QueueProject } from '../sql/projects/projectRow.ts'
import type { Id } from '../types.ts'

export type ProjectContext = {
  actor: Actor
  project: QueueProject
  /** the caller as this project sees them: what canInProject / assertCan ask about */
  projectActor: ProjectActor
}

/** The caller and the project's queue row: one round trip unless the request already knows its actor. */
async function loadActorAndProject(req: PayloadRequest, projectId: Id): Promise<{ actor: Actor; project: QueueProject | undefined }> {
  // anonymous callers get requireActor's refusal; a request that has its actor reads only the project
  if (!req.user || hasLoadedActor(req)) return { actor: await requireActor(req), project: await loadQueueProject(req, projectId) }
  const both = loadMembershipRowsAndQueueProject(req, req.user.id, projectId)
  const actor = await cacheActor(
    req,
    both.then(({ rows }) => rows),
  )
  return { actor, project: (await both).project }
}

/**
 * The caller and a project, for the queue and label operations: 404 when the project is not theirs to see
 * (outside their workspaces, or no seat in it: no project role and not a workspace Admin).
 */
export async function loadProjectContext(req: PayloadRequest, projectId: Id): Promise<ProjectContext> {
  const { actor, project } = await loadActorAndProject(req, projectId)
  if (!project || (!actor.superAdmin && !roleIn(actor, project.workspace))) throw new NotFound(req.t)
  const projectActor = projectActorOf(actor, project)
  if (!inProject(projectActor)) throw new NotFound(req.t)
  return { actor, project, projectActor }
}
