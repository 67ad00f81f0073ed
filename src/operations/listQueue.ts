import type { PayloadRequest } from 'payload'

import { queuePage, type QueueRow, queueTotals } from '../db/queueListing.ts'
import { FieldRuleError, ProjectNotActiveError } from '../errors.ts'
import { formatPath } from '../ontology/schema.ts'
import { taskWorkProblem } from '../projects/status.ts'
import { workableStages } from '../queue/eligibility.ts'
import { decodeCursor, encodeCursor, foldTotals, queueQuerySchema, type StageTotals } from '../queue/listing.ts'
import type { Id } from '../types.ts'
import { loadProjectContext } from './projectContext.ts'

export type QueueListing = { docs: QueueRow[]; nextCursor: string | null; totals: { total: number; byStage: StageTotals } }

/**
 * A project's queue, a page at a time: managers see every task; a worker sees what they could be served or
 * hold in the stages they work. Filters by stage, status, assignee, dataset and data type; sorted by priority
 * or by data item name; keyset pages; totals per stage for the same filters.
 */
export async function listQueue({ req, project: projectId, params }: { req: PayloadRequest; project: Id; params: Record<string, unknown> }): Promise<QueueListing> {
  const parsed = queueQuerySchema.safeParse(params)
  if (!parsed.success) throw FieldRuleError.of(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || 'query', message: issue.message })))
  const query = parsed.data
  const byName = query.sort === 'name' || query.sort === '-name'
  const cursor = query.after === undefined ? undefined : decodeCursor(query.after)
  if (query.after !== undefined && (!cursor || (byName ? typeof cursor.key !== 'string' : typeof cursor.key !== 'number'))) {
    throw new FieldRuleError('after', `is not a cursor of this listing sorted by ${query.sort}: pass nextCursor from the previous page unchanged`)
  }

  const { actor, project, projectActor, manager } = await loadProjectContext(req, projectId)
  const gate = taskWorkProblem(projectActor, project.status)
  if (gate) throw new ProjectNotActiveError(gate)
  const workable = workableStages(project.workflow, projectActor.projectRoles, manager, { user: actor.userId, groups: actor.memberGroups.map((group) => group.id) })
  const worker = manager ? undefined : { user: actor.userId, stages: [...workable.stages, ...workable.consensusStages.map((stage) => stage.id)] }

  // one after the other: a request's queries may share one connection
  const page = await queuePage(req, project.id, query, cursor, worker)
  const totals = await queueTotals(req, project.id, query, worker)
  const last = page.rows.at(-1)
  return {
    docs: page.rows,
    nextCursor: page.hasMore && last ? encodeCursor({ key: byName ? last.dataItem.name : last.priority, id: last.id }) : null,
    totals: foldTotals(totals),
  }
}
