import { addDataAndFileToRequest, type Endpoint } from 'payload'
import { z } from 'zod'

import { FieldRuleError } from '../errors.ts'
import { formatPath } from '../ontology/schema.ts'
import { reviewTask } from '../operations/reviewTask.ts'
import { routeId } from '../utilities/routeId.ts'

const verdict = z.enum(['approve', 'reject'], { error: () => 'must be approve or reject' })
const bodySchema = z.object({
  expectedVersion: z.number({ message: 'is required: the task version you read (optimistic concurrency)' }).int().min(1),
  decisions: z.array(z.object({
    target: z.enum(['object', 'classification'], { error: () => 'must be object or classification' }),
    id: z.string().min(1).max(64),
    verdict,
    note: z.string().max(4000).optional(),
  }).strict()).max(10_000).default([]),
  /** the verdict for everything not decided one by one */
  all: verdict.optional(),
  note: z.string().max(4000).optional(),
  timeSpentMs: z.number().int().min(0).optional(),
}).strict()

/** POST /api/<tasks>/:id/review — { expectedVersion, decisions: [{ target, id, verdict, note }], all?, note? } */
export const reviewTaskEndpoint: Endpoint = {
  path: '/:id/review',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const parsed = bodySchema.safeParse(req.data ?? {})
    if (!parsed.success) throw FieldRuleError.of(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || 'body', message: issue.message })))
    const { status, body } = await reviewTask({ req, taskId: routeId(req.routeParams?.id), ...parsed.data, idempotencyKey: req.headers.get('idempotency-key') ?? undefined })
    return Response.json(body, { status })
  },
}
