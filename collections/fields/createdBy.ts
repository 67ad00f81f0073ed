import type { RelationshipField } from 'payload'

import type { SlugMap } from '../../src/options.ts'

/** Who created the record: set by the stampCreatedBy hook, never by the client. Drives the "created" scope. */
export const createdByField = (slugs: SlugMap): RelationshipField => ({
  name: 'createdBy',
  type: 'relationship',
  relationTo: slugs.users,
  index: true,
  admin: { position: 'sidebar', readOnly: true },
})
