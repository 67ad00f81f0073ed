import type { Access, PayloadRequest, Where } from 'payload'

import { systemAccess } from '../system.ts'

/**
 * Whether `access` (a collection access function) lets the request's user act on document `id`: evaluates
 * it the way Payload would, then checks the document against any Where it returned.
 */
export async function allowedBy(req: PayloadRequest, access: Access, collection: string, id: number | string): Promise<boolean> {
  const result = await access({ req, id: id as number })
  if (result === false) return false
  const where: Where = result === true ? { id: { equals: id } } : { and: [result, { id: { equals: id } }] }
  const { totalDocs } = await req.payload.count({ collection: collection as never, where, ...systemAccess(req) })
  return totalDocs > 0
}
