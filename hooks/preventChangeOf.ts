import type { CollectionBeforeChangeHook } from 'payload'

import { idOf, sameId } from '../src/access/actor.ts'
import { ForbiddenChangeError } from '../src/errors.ts'

/** Fields fixed at create (the tenant, the subject of a membership): an update that changes one is refused. */
export const preventChangeOf =
  (fields: string[]): CollectionBeforeChangeHook =>
  ({ data, operation, originalDoc }) => {
    if (operation !== 'update' || !originalDoc) return data
    for (const field of fields) {
      if (!(field in data) || data[field] === undefined) continue
      const [next, before] = [idOf(data[field]), idOf(originalDoc[field])]
      if (next === undefined && before === undefined) continue // empty before and after (an optional field)
      if (!sameId(next, before)) {
        throw new ForbiddenChangeError(field, 'cannot be changed after create')
      }
    }
    return data
  }
