import type { CollectionConfig } from 'payload'

import type { SanitizedLabelOpsOptions } from '../src/options.ts'

/** Adds LabelOps' join fields to the host's auth collection, keeping everything the host put there. */
export function extendUsersCollection(users: CollectionConfig, { options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  if (!users.auth) {
    throw new Error(`labelOpsPlugin: usersCollection "${users.slug}" must be an auth collection`)
  }
  return {
    ...users,
    fields: [
      ...users.fields,
      {
        name: 'workspaceMemberships',
        label: 'Workspace memberships',
        type: 'join',
        collection: options.slugs.workspaceMembers,
        on: 'user',
        admin: { defaultColumns: ['workspace', 'role'] },
      },
    ],
  }
}
