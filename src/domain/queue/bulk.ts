import { z } from 'zod'

import { documentIdSchema } from '../ids.ts'
import { isEndStage, stageById, type WorkflowGraph } from '../workflow/graph.ts'
import { moveTargetProblem } from '../workflow/transition.ts'

export const BULK_LIMIT = 1000
export const BULK_OPERATIONS = ['assign', 'release', 'set-priority', 'move'] as const
export type BulkOperation = (typeof BULK_OPERATIONS)[number]

const id = documentIdSchema

/** Which tasks: explicit ids (up to 1,000) or a filter, always within one project. */
export const bulkSelectionSchema = z
  .object({
    project: id,
    ids: z
      .array(id)
      .min(1, 'needs at least one task id')
      .max(BULK_LIMIT, `at most ${BULK_LIMIT} task ids per request; use a filter for more`)
      .optional(),
    filter: z
      .object({
        stage: z.string().min(1).max(64).optional(),
        status: z.enum(['new', 'assigned', 'reopened', 'skipped', 'completed']).optional(),
        assignee: id.nullable().optional(),
        leaseHolder: id.nullable().optional(),
        dataset: id.optional(),
        priorityAtLeast: z.number().int().min(0).max(100).optional(),
        priorityAtMost: z.number().int().min(0).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

export const bulkRequestSchema = z.discriminatedUnion(
  'operation',
  [
    bulkSelectionSchema.extend({ operation: z.literal('assign'), user: id.nullable() }).strict(),
    bulkSelectionSchema.extend({ operation: z.literal('release') }).strict(),
    bulkSelectionSchema
      .extend({ operation: z.literal('set-priority'), priority: z.number().int().min(0, 'must be 0-100').max(100, 'must be 0-100') })
      .strict(),
    bulkSelectionSchema.extend({ operation: z.literal('move'), to: z.string().min(1).max(64) }).strict(),
  ],
  { error: () => `use one of ${BULK_OPERATIONS.join(', ')}` },
)

export type BulkRequest = z.infer<typeof bulkRequestSchema>

/** What a bulk operation writes to every selected task, and the journal row type. */
export type BulkChange =
  | { kind: 'assign'; event: 'assigned'; user: number | string | null }
  | { kind: 'release'; event: 'released' }
  | { kind: 'set-priority'; event: 'priority-changed'; priority: number }
  | { kind: 'move'; event: 'moved'; stage: string; status: 'new' | 'completed' }

/**
 * Checks a parsed request against the project's workflow and returns the change, or the problem (field and
 * rule). Exactly one of ids and filter; a move goes to a working or end stage (routers route on their own). Pure.
 */
export function planBulk(
  request: BulkRequest,
  graph: WorkflowGraph | undefined,
): { change: BulkChange } | { problem: { path: string; message: string } } {
  if ((request.ids === undefined) === (request.filter === undefined))
    return { problem: { path: 'ids', message: 'give either ids (up to 1,000) or a filter, not both and not neither' } }
  if (request.filter?.stage !== undefined && !(graph && stageById(graph, request.filter.stage))) {
    return { problem: { path: 'filter.stage', message: `the project's workflow has no stage "${request.filter.stage}"` } }
  }
  switch (request.operation) {
    case 'assign':
      return { change: { kind: 'assign', event: 'assigned', user: request.user } }
    case 'release':
      return { change: { kind: 'release', event: 'released' } }
    case 'set-priority':
      return { change: { kind: 'set-priority', event: 'priority-changed', priority: request.priority } }
    case 'move': {
      const problem = moveTargetProblem(graph, request.to)
      if (problem) return { problem: { path: 'to', message: problem } }
      const stage = stageById(graph!, request.to)!
      return { change: { kind: 'move', event: 'moved', stage: stage.id, status: isEndStage(stage) ? 'completed' : 'new' } }
    }
  }
}
