import { type Endpoint } from 'payload'

import { requireUser } from '../access/actor.ts'
import { claimNextTask } from '../operations/claimNextTask.ts'
import { listQueue } from '../operations/listQueue.ts'
import { routeId } from '../utilities/routeId.ts'

/** POST /api/<projects>/:id/next — 200 with the task, its data item and the ontology; 204 when nothing is left. */
export const claimNextEndpoint: Endpoint = {
  path: '/:id/next',
  method: 'post',
  handler: async (req) => {
    requireUser(req, 'be served tasks')
    const answer = await claimNextTask({ req, project: routeId(req.routeParams?.id) })
    return answer ? Response.json(answer) : new Response(null, { status: 204 })
  },
}

/** GET /api/<projects>/:id/queue?stage&status&assignee&dataset&type&issueStatus&sort&limit&after — the queue listing. */
export const queueListingEndpoint: Endpoint = {
  path: '/:id/queue',
  method: 'get',
  handler: async (req) => {
    requireUser(req, 'see a queue')
    const params = Object.fromEntries(new URL(req.url ?? 'http://x/').searchParams)
    return Response.json(await listQueue({ req, project: routeId(req.routeParams?.id), params }))
  },
}
