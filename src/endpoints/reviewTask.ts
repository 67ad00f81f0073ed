import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { reviewTaskRequest } from '../operations/reviewTask.ts'
import { routeId } from '../utilities/routeId.ts'

/** POST /api/<tasks>/:id/review — { expectedVersion, decisions: [{ target, id, verdict, note }], all?, note? } */
export const reviewTaskEndpoint: Endpoint = {
  path: '/:id/review',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const { status, body } = await reviewTaskRequest({ req, taskId: routeId(req.routeParams?.id), body: req.data, idempotencyKey: req.headers.get('idempotency-key') ?? undefined })
    return Response.json(body, { status })
  },
}
