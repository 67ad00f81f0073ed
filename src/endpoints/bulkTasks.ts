import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { requireUser } from '../access/actor.ts'
import { bulkTaskOperation } from '../operations/bulkTaskOperation.ts'

/** POST /api/<tasks>/bulk — { project, ids | filter, operation: assign | release | set-priority | move, ... } */
export const bulkTasksEndpoint: Endpoint = {
  path: '/bulk',
  method: 'post',
  handler: async (req) => {
    requireUser(req, 'run queue operations')
    await addDataAndFileToRequest(req)
    return Response.json(await bulkTaskOperation({ req, body: req.data }))
  },
}
