import { APIError, type Endpoint } from 'payload'

import { claimNextTask } from '../operations/claimNextTask.ts'
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
