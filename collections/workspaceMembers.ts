import type { CollectionConfig } from 'payload'

import { leaveGroupsAfterDelete, refreshActorAfterChange } from '../hooks/afterMembershipChange.ts'
import { enforceMembershipRules, guardLastAdminOnDelete } from '../hooks/enforceMembershipRules.ts'
import { titleMembership } from '../hooks/memberTitles.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { workspaceMembersAccess } from '../src/access/resources.ts'
import { workspaceOwnedAccess } from '../src/access/scopedAccess.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { WORKSPACE_ROLE_LABELS, WORKSPACE_ROLES } from '../src/roles.ts'
import { workspaceField } from './fields/workspace.ts'

/** A user's membership of a workspace, with their one workspace role there. Unique per (workspace, user). */
export function createWorkspaceMembersCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.workspaceMembers,
    labels: { singular: 'Workspace member', plural: 'Workspace members' },
    graphQL: { singularName: 'WorkspaceMember', pluralName: 'WorkspaceMembers' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'title',
      defaultColumns: ['user', 'workspace', 'role'],
      description: 'Who belongs to which workspace, as Admin, Workforce Manager, Member or Tasker.',
    },
    indexes: [{ fields: ['workspace', 'user'], unique: true }],
    access: workspaceOwnedAccess('workspaceMembers', workspaceMembersAccess),
    hooks: {
      beforeChange: [preventChangeOf(['workspace', 'user']), enforceMembershipRules, titleMembership],
      afterChange: [refreshActorAfterChange],
      beforeDelete: [guardLastAdminOnDelete],
      afterDelete: [leaveGroupsAfterDelete],
    },
    fields: [
      workspaceField(slugs),
      { name: 'user', type: 'relationship', relationTo: slugs.users, required: true, index: true },
      // the membership's name in lists and relationship fields: its person's email (hooks/memberTitles.ts)
      { name: 'title', type: 'text', admin: { readOnly: true, hidden: true } },
      {
        name: 'role',
        type: 'select',
        required: true,
        defaultValue: 'member',
        index: true,
        options: WORKSPACE_ROLES.map((value) => ({ value, label: WORKSPACE_ROLE_LABELS[value] })),
        // only the roles the signed-in person may give here (the server's rule), with why when narrowed
        admin: {
          components: { Field: 'labelops/rsc#WorkspaceRoleFieldServer' },
        },
      },
    ],
  }
}
