import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { assertCan } from '../access/assertCan.ts'
import { loadActor, projectActorOf, requireUser, roleIn } from '../access/actor.ts'
import { slotsOf } from '../domain/queue/slots.ts'
import { isHoneypotTask } from './scoredWork.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { loadQueueProject } from '../sql/projects/projectRow.ts'
import { extendTaskLease, lockTask } from '../sql/tasks/taskRows.ts'
import { LeaseError, ProjectNotActiveError } from '../errors.ts'
import { PROJECT_STATUS_LABELS } from '../domain/projects/status.ts'
import { branchOf, extendBranchLease } from '../sql/queue/claimConsensus.ts'
import { branchProblem, leaseProblem } from '../domain/queue/leaseRule.ts'
import type { Id } from '../types.ts'
import { stageById } from '../domain/workflow/graph.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { parseInput } from './input.ts'

/** A heartbeat: the task whose lease to extend. */
export const heartbeatSchema = z.object({ id: documentIdSchema }).strict()

/**
 * Extends the caller's lease on a task by the project's lease time (from now). 409 when the caller does not
 * hold it — their lease lapsed and someone took the task over — and nothing changes.
 */
export async function heartbeat({ req, input }: { req: PayloadRequest; input: unknown }): Promise<{ id: Id; leaseExpiresAt: string }> {
  requireUser(req, 'work on tasks')
  const { id: taskId } = parseInput(heartbeatSchema, input)
  return inTransaction(req, async () => {
    const task = await lockTask(req, taskId)
    const actor = (await loadActor(req))!
    if (!task || (!actor.superAdmin && !roleIn(actor, task.workspace))) throw new NotFound(req.t)
    const project = (await loadQueueProject(req, task.project))!
    if (project.status !== 'in-progress')
      throw new ProjectNotActiveError(`the project is ${PROJECT_STATUS_LABELS[project.status]}: leases are not extended`)
    assertCan(projectActorOf(actor, project), 'project.claim')
    const minutes = project.settings.leaseMinutes
    const stage = project.workflow && stageById(project.workflow, task.stage)
    const slots = slotsOf(stage, project.kind, { honeypot: await isHoneypotTask(req, project, stage, task) })
    if (slots !== null) {
      const problem = branchProblem(await branchOf(req, task, actor.userId), slots)
      if (problem) throw new LeaseError(problem)
      return { id: task.id, leaseExpiresAt: new Date((await extendBranchLease(req, task, actor.userId, minutes))!).toISOString() }
    }
    // only the holder extends a lease: nobody may heartbeat a task into their hands
    const problem = leaseProblem({ lease: { holder: task.leaseHolder, live: task.leaseLive }, actor: actor.userId, team: false })
    if (problem) throw new LeaseError(problem, { leaseHolder: task.leaseHolder })
    return { id: task.id, leaseExpiresAt: new Date(await extendTaskLease(req, task.id, actor.userId, minutes)).toISOString() }
  })
}
