import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { idOf } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { retitleMemberships } from '../src/sql/people/memberTitles.ts'
import { systemAccess } from '../src/system.ts'

/**
 * A membership is named by its person's email (lists, breadcrumbs, relationship fields): set when it is made,
 * never from the request; kept in step when the person's email changes (below).
 */
export const titleMembership: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') {
    delete data.title
    return data
  }
  const user = idOf(data.user)
  const doc =
    user === undefined
      ? null
      : ((await req.payload.findByID({
          collection: getOptions(req.payload).slugs.users,
          id: user,
          depth: 0,
          ...systemAccess(req),
          disableErrors: true,
        })) as {
          email?: string
        } | null)
  data.title = doc?.email ?? null
  return data
}

/** A person whose email changed renames their memberships. */
export const retitleMembershipsOfUser: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'update' && typeof doc.email === 'string' && doc.email !== previousDoc?.email)
    await retitleMemberships(req, doc.id, doc.email)
  return doc
}
