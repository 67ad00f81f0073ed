import type { PayloadRequest } from 'payload'

import { applyBulk, worksOnProject } from '../db/bulkTasks.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { FieldRuleError, ForbiddenChangeError, ProjectNotActiveError } from '../errors.ts'
import { formatPath } from '../ontology/schema.ts'
import { projectWriteProblem } from '../projects/status.ts'
import { bulkRequestSchema, planBulk } from '../queue/bulk.ts'
import { loadProjectContext } from './projectContext.ts'

export type BulkAnswer = { operation: string; matched: number; changed: number }

/**
 * A queue operation on many tasks of one project — assign, release, set priority, move — for project Admins
 * and Team Managers (and workspace Admins): validated whole before anything is written, applied in one
 * statement in one transaction, one journal row per changed task.
 */
export async function bulkTaskOperation({ req, body }: { req: PayloadRequest; body: unknown }): Promise<BulkAnswer> {
  const parsed = bulkRequestSchema.safeParse(body ?? {})
  if (!parsed.success) throw FieldRuleError.of(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || 'body', message: issue.message })))
  const request = parsed.data
  const { actor, project, projectActor, manager } = await loadProjectContext(req, request.project)
  if (!manager) throw new ForbiddenChangeError('operation', 'only project Admins and Team Managers (and workspace Admins) run queue operations')
  const gate = projectWriteProblem(projectActor, project.status)
  if (gate) throw new ProjectNotActiveError(gate)

  const plan = planBulk(request, project.workflow)
  if ('problem' in plan) throw new FieldRuleError(plan.problem.path, plan.problem.message)
  if (plan.change.kind === 'assign' && plan.change.user !== null && !(await worksOnProject(req, project.id, plan.change.user))) {
    throw new FieldRuleError('user', `user ${plan.change.user} is not a collaborator of this project: add them (or one of their groups) first`)
  }
  const counts = await inTransaction(req, () => applyBulk(req, request, plan.change, { workspace: project.workspace, actor: actor.userId }))
  return { operation: request.operation, ...counts }
}
