import { NotFound, type PayloadRequest } from 'payload'

import { type Actor, projectRolesIn, requireActor, roleIn } from '../access/actor.ts'
import { loadQueueProject, type QueueProject } from '../db/projectRow.ts'
import { managesProject } from '../projects/status.ts'
import type { Id } from '../types.ts'

export type ProjectContext = {
  actor: Actor
  project: QueueProject
  projectActor: { superAdmin: boolean; workspaceRole: ReturnType<typeof roleIn>; projectRoles: ReturnType<typeof projectRolesIn> }
  manager: boolean
}

/**
 * The caller and a project, for the queue and label operations: 404 when the project is not theirs to see
 * (outside their workspaces, or no project role and no right to run it); whether they run it.
 */
export async function loadProjectContext(req: PayloadRequest, projectId: Id): Promise<ProjectContext> {
  const actor = await requireActor(req)
  const project = await loadQueueProject(req, projectId)
  if (!project || (!actor.superAdmin && !roleIn(actor, project.workspace))) throw new NotFound(req.t)
  const projectActor = { superAdmin: actor.superAdmin, workspaceRole: roleIn(actor, project.workspace), projectRoles: projectRolesIn(actor, project.id) }
  const manager = managesProject(projectActor)
  if (!manager && projectActor.projectRoles.length === 0) throw new NotFound(req.t)
  return { actor, project, projectActor, manager }
}
