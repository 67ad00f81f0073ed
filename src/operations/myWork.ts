import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { projectActorOf, requireActor, requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { inProject } from '../domain/projects/capabilities.ts'
import { projectWork, type ProjectWork, sortProjectWork } from '../domain/queue/myWork.ts'
import { myOpenIssues, myWorkCounts, myWorkProjects, myWorkSlots } from '../sql/queue/myWork.ts'
import { parseInput, wholePart } from './input.ts'
import { loadProjectContext } from './projectContext.ts'

export type MyWork = { projects: ProjectWork[] }

/** Everything, or one project (`project`: the Annotator workspace shows its own line). */
export const myWorkSchema = wholePart(z.object({ project: documentIdSchema.optional() }).strict())

/**
 * "My work": for each project the caller has a seat in (a project role, or Admin of its workspace), their
 * roles, the project's status and what waits for them — tasks they would be served, reviews, rework, tasks
 * they hold, open issues assigned to them — counted from the queue by grouped SQL and scoped by the capability
 * table (the stages their seats work; stage totals only for those who see the whole queue). Reading only.
 */
export async function myWork({ req, input }: { req: PayloadRequest; input: unknown }): Promise<MyWork> {
  requireUser(req, 'see your work')
  const { project: only } = parseInput(myWorkSchema, input)
  const actor = await requireActor(req)
  if (only !== undefined) {
    // one project: 404 unless the caller has a seat in it, 403 without the queue
    const { projectActor } = await loadProjectContext(req, only)
    assertCan(projectActor, 'project.queue.read')
  }
  const candidates = await myWorkProjects(req, {
    projects: only !== undefined ? [only] : [...new Set(actor.projectRoles.map((tie) => tie.project))],
    adminWorkspaces: only !== undefined ? [] : actor.memberships.filter((m) => m.role === 'admin').map((m) => m.workspace),
  })
  const projects = candidates
    .map((project) => ({ project, projectActor: projectActorOf(actor, project) }))
    .filter(({ projectActor }) => inProject(projectActor))
  const ids = projects.map(({ project }) => project.id)
  // one after the other: a request's queries may share one connection
  const counts = await myWorkCounts(req, actor.userId, ids)
  const slots = await myWorkSlots(req, actor.userId, ids)
  const issues = await myOpenIssues(req, actor.userId, ids)
  const who = { user: actor.userId, groups: actor.memberGroups.map((group) => group.id) }
  return {
    projects: sortProjectWork(
      projects.map(({ project, projectActor }) =>
        projectWork({ project, actor: projectActor, who, counts, slots, issues: issues.get(String(project.id)) ?? 0 }),
      ),
    ),
  }
}
