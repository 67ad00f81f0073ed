import type { PayloadRequest } from 'payload'

import { loadActor, projectRolesIn, roleIn } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { ProjectNotActiveError } from '../errors.ts'
import { type ProjectStatus, taskWorkProblem } from '../projects/status.ts'
import type { Id } from '../types.ts'

/**
 * The one gate every task route calls before opening, claiming or acting on a task of `project` — whatever
 * the route (a claim, a direct task id, a task URL). 423 while the project's status keeps this person out.
 */
export async function assertCanWorkOnProjectTasks(req: PayloadRequest, project: Id): Promise<void> {
  const { slugs } = getOptions(req.payload)
  const doc = (await req.payload.findByID({ collection: slugs.projects, id: project, depth: 0, req, overrideAccess: true })) as unknown as { id: Id; workspace: Id; status: ProjectStatus }
  const actor = await loadActor(req)
  const problem = taskWorkProblem(
    { superAdmin: actor?.superAdmin, workspaceRole: actor && roleIn(actor, doc.workspace), projectRoles: actor ? projectRolesIn(actor, doc.id) : [] },
    doc.status,
  )
  if (problem) throw new ProjectNotActiveError(problem)
}
