import type { Access, CollectionConfig } from 'payload'

import { retitleMembershipsOfUser } from '../hooks/memberTitles.ts'
import { loadActor } from '../src/access/actor.ts'
import { and } from '../src/access/compose.ts'
import { can } from '../src/access/grants.ts'
import { usersReadAccess, usersUpdateAccess } from '../src/access/resources.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'

/** Payload's default when a collection sets no access: any signed-in user. */
const signedIn: Access = ({ req }) => Boolean(req.user)
const canOnboard: Access = async ({ req }) => can(await loadActor(req), 'users.create')
const superAdminOnly: Access = async ({ req }) => Boolean((await loadActor(req))?.superAdmin)

/**
 * Adds LabelOps' join field to the host's auth collection and narrows its access — each rule is AND-ed with
 * the host's own, so LabelOps can only take access away: people see the directory the capability table
 * gives them, change only their own account, and only Admins and Workforce Managers onboard new users.
 */
export function extendUsersCollection(users: CollectionConfig, { options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  if (!users.auth) {
    throw new Error(`labelOpsPlugin: usersCollection "${users.slug}" must be an auth collection`)
  }
  const host = users.access ?? {}
  return {
    ...users,
    access: {
      ...host,
      read: and(host.read ?? signedIn, usersReadAccess),
      create: and(host.create ?? signedIn, canOnboard),
      update: and(host.update ?? signedIn, usersUpdateAccess),
      delete: and(host.delete ?? signedIn, superAdminOnly),
      // undoing a lock-out is the installation's business: anyone else gets the same 403 whether the
      // account exists or not, so unlock tells nobody which accounts exist
      unlock: and(host.unlock ?? signedIn, superAdminOnly),
    },
    hooks: { ...users.hooks, afterChange: [...(users.hooks?.afterChange ?? []), retitleMembershipsOfUser] },
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
