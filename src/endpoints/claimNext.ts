import { APIError, type Endpoint } from 'payload'

import { claimNextTask } from '../operations/claimNextTask.ts'
import { listQueue } from '../operations/listQueue.ts'
import { routeId } from '../utilities/routeId.ts'

/** POST /api/<projects>/:id/next — 200 with the task, its data item and the ontology; 204 when nothing is left. */
export const claimNextEndpoint: Endpoint = {
  path: '/:id/next',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new APIError('You must be logged in to be served tasks', 401, null, true)
    const answer = await claimNextTask({ req, project: routeId(req.routeParams?.id) })
    return answer ? Response.json(answer) : new Response(null, { status: 204 })
  },
}

/** GET /api/<projects>/:id/queue?stage&status&assignee&dataset&type&issueStatus&sort&limit&after — the queue listing. */
export const queueListingEndpoint: Endpoint = {
  path: '/:id/queue',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new APIError('You must be logged in to see a queue', 401, null, true)
    const params = Object.fromEntries(new URL(req.url ?? 'http://x/').searchParams)
    return Response.json(await listQueue({ req, project: routeId(req.routeParams?.id), params }))
  },
}
