import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { canInProject } from '../domain/projects/capabilities.ts'
import { queuePage, type QueueRow, queueTotals } from '../sql/queue/queueListing.ts'
import { FieldRuleError, ProjectNotActiveError } from '../errors.ts'
import { taskWorkProblem } from '../domain/projects/status.ts'
import { workableStages } from '../domain/queue/eligibility.ts'
import { decodeCursor, encodeCursor, foldTotals, queueQuerySchema, type StageTotals } from '../domain/queue/listing.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { parseInput, wholePart } from './input.ts'
import { loadProjectContext } from './projectContext.ts'

export type QueueListing = { docs: QueueRow[]; nextCursor: string | null; totals: { total: number; byStage: StageTotals } }

/** A listing as callers ask for it: the project and the query string's keys (strings, as a URL carries them). */
export const listQueueSchema = z.object({ project: documentIdSchema, query: wholePart(queueQuerySchema) }).strict()

/**
 * A project's queue, a page at a time: managers see every task; a worker sees what they could be served or
 * hold in the stages they work. Filters by stage, status, assignee, dataset and data type; sorted by priority
 * or by data item name; keyset pages; totals per stage for the same filters.
 */
export async function listQueue({ req, input }: { req: PayloadRequest; input: unknown }): Promise<QueueListing> {
  requireUser(req, 'see a queue')
  const { project: projectId, query } = parseInput(listQueueSchema, input)
  const byName = query.sort === 'name' || query.sort === '-name'
  const cursor = query.after === undefined ? undefined : decodeCursor(query.after)
  if (query.after !== undefined && (!cursor || (byName ? typeof cursor.key !== 'string' : typeof cursor.key !== 'number'))) {
    throw new FieldRuleError(
      'after',
      `is not a cursor of this listing sorted by ${query.sort}: pass nextCursor from the previous page unchanged`,
    )
  }

  const { actor, project, projectActor } = await loadProjectContext(req, projectId)
  const gate = taskWorkProblem(projectActor, project.status)
  if (gate) throw new ProjectNotActiveError(gate)
  assertCan(projectActor, 'project.queue.read')
  // team: every task; own: what one could be served or holds in the stages one works
  const workable = workableStages(
    project.workflow,
    projectActor,
    { user: actor.userId, groups: actor.memberGroups.map((group) => group.id) },
    project.kind,
  )
  const worker = canInProject(projectActor, 'project.queue.read', 'team')
    ? undefined
    : { user: actor.userId, stages: [...workable.stages, ...workable.consensusStages.map((stage) => stage.id)] }

  // inside a transaction the two share its one connection (pg takes one query at a time): one after the other;
  // otherwise each takes its own from the pool, at once
  const [page, totals] = req.transactionID
    ? [await queuePage(req, project.id, query, cursor, worker), await queueTotals(req, project.id, query, worker)]
    : await Promise.all([queuePage(req, project.id, query, cursor, worker), queueTotals(req, project.id, query, worker)])
  const last = page.rows.at(-1)
  return {
    docs: page.rows,
    nextCursor: page.hasMore && last ? encodeCursor({ key: byName ? last.dataItem.name : last.priority, id: last.id }) : null,
    totals: foldTotals(totals),
  }
}
