import { addDataAndFileToRequest, type Endpoint } from 'payload'
import { z } from 'zod'

import { FieldRuleError } from '../errors.ts'
import { formatPath } from '../ontology/schema.ts'
import { performTaskAction } from '../operations/performTaskAction.ts'
import { TASK_ACTIONS } from '../workflow/permissions.ts'
import { routeId } from '../utilities/routeId.ts'

const bodySchema = z.object({
  expectedVersion: z.number({ message: 'is required: the task version you read (optimistic concurrency)' }).int().min(1),
  note: z.string().max(4000).optional(),
  to: z.string().min(1).max(64).optional(),
  timeSpentMs: z.number().int().min(0).optional(),
}).strict()

/**
 * POST /api/<tasks>/:id/<submit|skip|release|approve|reject|resolve|move> — one route per action, never a
 * catch-all `/:id/:action`, which would shadow Payload's own routes (`/access/:id`, `/:id/duplicate`).
 */
export const taskActionEndpoints: Endpoint[] = TASK_ACTIONS.map((action) => ({
  path: `/:id/${action}`,
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const parsed = bodySchema.safeParse(req.data ?? {})
    if (!parsed.success) throw FieldRuleError.of(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || 'body', message: issue.message })))
    if (action === 'move' && !parsed.data.to) throw new FieldRuleError('to', 'is required to move a task: the id of the target stage')
    const { status, body } = await performTaskAction({
      req,
      taskId: routeId(req.routeParams?.id),
      action,
      ...parsed.data,
      idempotencyKey: req.headers.get('idempotency-key') ?? undefined,
    })
    return Response.json(body, { status })
  },
}))
