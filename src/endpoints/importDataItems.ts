import { APIError, type Endpoint } from 'payload'

import { requireUser } from '../access/actor.ts'
import { IncompleteBodyError } from '../errors.ts'
import { isClientDisconnect } from '../hardening/processGuard.ts'
import { manifestFormat } from '../import/manifestRows.ts'
import { importDataItems } from '../operations/importDataItems.ts'
import { routeId } from '../utilities/routeId.ts'

/** POST /api/<datasets>/:id/import — body: a JSON array, NDJSON or CSV manifest, streamed. */
export const importEndpoint: Endpoint = {
  path: '/:id/import',
  method: 'post',
  handler: async (req) => {
    requireUser(req, 'import')
    const format = manifestFormat(req.headers.get('content-type') ?? '')
    if (!format) throw new APIError('Content-Type: send application/json, application/x-ndjson or text/csv', 415, null, true)
    if (!req.body) throw new APIError('body: the manifest is empty', 400, null, true)
    const dataset = routeId(req.routeParams?.id)
    try {
      return Response.json(await importDataItems({ req, dataset, body: req.body as unknown as AsyncIterable<Uint8Array>, format }))
    } catch (error) {
      // the client hung up mid-body: the import's transaction rolled back; say so instead of a 500
      if (isClientDisconnect(error)) throw new IncompleteBodyError('body: the manifest ended before it was complete; nothing was imported')
      throw error
    }
  },
}
