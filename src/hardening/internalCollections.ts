import { type Access, type Endpoint, NotFound, type Payload, UnauthorizedError, type Where } from 'payload'

import { loadActor } from '../access/actor.ts'
import { systemAccess } from '../system.ts'

const LOCKED_DOCUMENTS = 'payload-locked-documents'
const PREFERENCES = 'payload-preferences'

const ownLocks: Access = async ({ req }) => {
  if (!req.user) return false
  if ((await loadActor(req))?.superAdmin) return true
  const own: Where = { and: [{ 'user.value': { equals: req.user.id } }, { 'user.relationTo': { equals: req.user.collection } }] }
  return own
}

const createOwnLock: Access = ({ data, req }) => {
  if (!req.user) return false
  const holder = (data as { user?: { value?: unknown; relationTo?: unknown } } | undefined)?.user
  return !holder || (String(holder.value) === String(req.user.id) && holder.relationTo === req.user.collection)
}

/**
 * Payload adds its own collections after plugins run, with "any signed-in user" access: anyone could read
 * which document of another workspace is open, by whom, and change those locks. Locks are the holder's
 * own (super-admins see all); preferences already are (their delete route is mended below). Called from
 * onInit, on the sanitized config.
 */
export function closeInternalCollections(payload: Payload): void {
  const locks = payload.collections[LOCKED_DOCUMENTS]?.config
  if (locks) locks.access = { ...locks.access, read: ownLocks, update: ownLocks, delete: ownLocks, create: createOwnLock }
  const preferences = payload.collections[PREFERENCES]?.config
  if (preferences && Array.isArray(preferences.endpoints) && !preferences.endpoints.includes(deleteOwnPreference)) {
    preferences.endpoints.unshift(deleteOwnPreference)
  }
}

/**
 * DELETE /api/payload-preferences/:key — Payload's own handler builds a delete that Postgres refuses (a 500 for
 * any signed-in caller). The same effect: the caller's preference of that key, found then deleted by id.
 */
const deleteOwnPreference: Endpoint = {
  path: '/:key',
  method: 'delete',
  handler: async (req) => {
    if (!req.user) throw new UnauthorizedError(req.t)
    const key = String(req.routeParams?.key ?? '')
    const where: Where = {
      and: [{ key: { equals: key } }, { 'user.value': { equals: req.user.id } }, { 'user.relationTo': { equals: req.user.collection } }],
    }
    const found = await req.payload.find({ collection: PREFERENCES, where, limit: 1, depth: 0, ...systemAccess(req) })
    const doc = found.docs[0]
    if (!doc) throw new NotFound(req.t)
    await req.payload.delete({ collection: PREFERENCES, id: doc.id, ...systemAccess(req) })
    return Response.json({ message: req.t('general:deletedSuccessfully') })
  },
}
