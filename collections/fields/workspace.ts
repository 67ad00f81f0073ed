import type { RelationshipField } from 'payload'

import type { SlugMap } from '../../src/options.ts'

/** The tenant of every workspace-owned record: required, indexed, and never changed after create. */
export const workspaceField = (slugs: SlugMap): RelationshipField => ({
  name: 'workspace',
  type: 'relationship',
  relationTo: slugs.workspaces,
  required: true,
  index: true,
  admin: { position: 'sidebar' },
})
