import type { PayloadRequest } from 'payload'

import { loadActor, projectActorOf } from '../access/actor.ts'
import { loadQueueProject } from '../sql/projects/projectRow.ts'
import { ProjectNotActiveError } from '../errors.ts'
import { projectWriteProblem } from '../domain/projects/status.ts'
import type { Id } from '../types.ts'

/**
 * The project gate for changes made through Payload's own routes (a task's PATCH or delete, an issue raised or
 * edited): 423 when the project's status keeps this person from changing it (projectWriteProblem). The
 * operations check the same rule on the project they already loaded.
 */
export async function assertProjectWritable(req: PayloadRequest, projectId: Id): Promise<void> {
  const project = await loadQueueProject(req, projectId)
  if (!project) return // a missing project is the caller's 404 / 400, not a gate
  const actor = await loadActor(req)
  const problem = projectWriteProblem(actor ? projectActorOf(actor, project) : { projectRoles: [] }, project.status)
  if (problem) throw new ProjectNotActiveError(problem)
}
