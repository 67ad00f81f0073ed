import type { FieldAccess } from 'payload'

import { canInProject } from '../domain/projects/capabilities.ts'
import { loadActor, projectActorOf } from './actor.ts'

/** A project field read only by whoever runs the project (its Admins and Team Managers, workspace Admins). */
export const readByWhoRunsTheProject: FieldAccess = async ({ req, doc }) => {
  const actor = await loadActor(req)
  if (!actor) return false
  if (actor.superAdmin) return true
  if (!doc?.id) return false
  return canInProject(projectActorOf(actor, { id: doc.id, workspace: doc.workspace }), 'project.manage')
}
