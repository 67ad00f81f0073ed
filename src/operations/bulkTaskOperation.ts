import type { PayloadRequest } from 'payload'

import { requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { applyBulk, worksOnProject } from '../sql/tasks/bulkTasks.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { FieldRuleError, ProjectNotActiveError } from '../errors.ts'
import { projectWriteProblem } from '../domain/projects/status.ts'
import { bulkRequestSchema, planBulk } from '../domain/queue/bulk.ts'
import { getOptions } from '../context.ts'
import { recordAudit } from './auditTrail.ts'
import { parseInput } from './input.ts'
import { loadProjectContext } from './projectContext.ts'

export type BulkAnswer = { operation: string; matched: number; changed: number }

/**
 * A queue operation on many tasks of one project — assign, release, set priority, move — for project Admins
 * and Team Managers (and workspace Admins): validated whole before anything is written, applied in one
 * statement in one transaction, one journal row per changed task.
 */
export async function bulkTaskOperation({ req, input }: { req: PayloadRequest; input: unknown }): Promise<BulkAnswer> {
  requireUser(req, 'run queue operations')
  // the input is the request body as a whole (REST body, GraphQL `input`)
  const request = parseInput(bulkRequestSchema, input, 'body')
  const { actor, project, projectActor } = await loadProjectContext(req, request.project)
  assertCan(projectActor, 'project.bulk', 'team', 'operation')
  const gate = projectWriteProblem(projectActor, project.status)
  if (gate) throw new ProjectNotActiveError(gate)

  const plan = planBulk(request, project.workflow)
  if ('problem' in plan) throw new FieldRuleError(plan.problem.path, plan.problem.message)
  if (plan.change.kind === 'assign' && plan.change.user !== null && !(await worksOnProject(req, project.id, plan.change.user))) {
    throw new FieldRuleError(
      'user',
      `user ${plan.change.user} is not a collaborator of this project: add them (or one of their groups) first`,
    )
  }
  const counts = await inTransaction(req, async () => {
    const applied = await applyBulk(req, request, plan.change, { workspace: project.workspace, actor: actor.userId })
    // the operation as asked, and what it did, on the audit trail (each task's change is in the journal)
    const { project: _project, ...asked } = request
    await recordAudit(req, {
      workspace: project.workspace,
      resource: getOptions(req.payload).slugs.tasks,
      documentId: null,
      action: 'bulk',
      summary: `Queue operation "${request.operation}" in project ${project.id}: ${applied.changed} of ${applied.matched} tasks changed`,
      diff: { before: null, after: { project: project.id, ...asked, ...applied } },
    })
    return applied
  })
  return { operation: request.operation, ...counts }
}
