import { addDataAndFileToRequest, APIError, type Endpoint } from 'payload'

import { bulkTaskOperation } from '../operations/bulkTaskOperation.ts'

/** POST /api/<tasks>/bulk — { project, ids | filter, operation: assign | release | set-priority | move, ... } */
export const bulkTasksEndpoint: Endpoint = {
  path: '/bulk',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new APIError('You must be logged in to run queue operations', 401, null, true)
    await addDataAndFileToRequest(req)
    return Response.json(await bulkTaskOperation({ req, body: req.data }))
  },
}
