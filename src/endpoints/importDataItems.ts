import { APIError, type Endpoint } from 'payload'

import { manifestFormat } from '../import/manifestRows.ts'
import { importDataItems } from '../operations/importDataItems.ts'
import { routeId } from '../utilities/routeId.ts'

/** POST /api/<datasets>/:id/import — body: a JSON array, NDJSON or CSV manifest, streamed. */
export const importEndpoint: Endpoint = {
  path: '/:id/import',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new APIError('You must be logged in to import', 401, null, true)
    const format = manifestFormat(req.headers.get('content-type') ?? '')
    if (!format) throw new APIError('Content-Type: send application/json, application/x-ndjson or text/csv', 415, null, true)
    if (!req.body) throw new APIError('body: the manifest is empty', 400, null, true)
    const result = await importDataItems({
      req,
      dataset: routeId(req.routeParams?.id),
      body: req.body as unknown as AsyncIterable<Uint8Array>,
      format,
    })
    return Response.json(result)
  },
}
