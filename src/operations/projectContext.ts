import { NotFound, type PayloadRequest } from 'payload'

import { type Actor, projectActorOf, requireActor, roleIn } from '../access/actor.ts'
import { inProject, type ProjectActor } from '../domain/projects/capabilities.ts'
import { loadQueueProject, type QueueProject } from '../sql/projects/projectRow.ts'
import type { Id } from '../types.ts'

export type ProjectContext = {
  actor: Actor
  project: QueueProject
  /** the caller as this project sees them: what canInProject / assertCan ask about */
  projectActor: ProjectActor
}

/**
 * The caller and a project, for the queue and label operations: 404 when the project is not theirs to see
 * (outside their workspaces, or no seat in it: no project role and not a workspace Admin).
 */
export async function loadProjectContext(req: PayloadRequest, projectId: Id): Promise<ProjectContext> {
  const actor = await requireActor(req)
  const project = await loadQueueProject(req, projectId)
  if (!project || (!actor.superAdmin && !roleIn(actor, project.workspace))) throw new NotFound(req.t)
  const projectActor = projectActorOf(actor, project)
  if (!inProject(projectActor)) throw new NotFound(req.t)
  return { actor, project, projectActor }
}
