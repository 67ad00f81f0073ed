import type { CollectionConfig } from 'payload'

import { enforceGroupRules } from '../hooks/enforceGroupRules.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { userGroupsAccess } from '../src/access/resources.ts'
import { workspaceOwnedAccess } from '../src/access/scopedAccess.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

/** A named pool of annotators and reviewers, assigned to projects and workflow stages in bulk. */
export function createUserGroupsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.userGroups,
    labels: { singular: 'User group', plural: 'User groups' },
    graphQL: { singularName: 'UserGroup', pluralName: 'UserGroups' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'name',
      defaultColumns: ['name', 'workspace', 'updatedAt'],
      description: 'Named pools of annotators and reviewers; a group given a project role gives it to all its members.',
    },
    indexes: [{ fields: ['workspace', 'name'], unique: true }],
    access: workspaceOwnedAccess('userGroups', userGroupsAccess),
    hooks: {
      beforeChange: [preventChangeOf(['workspace']), enforceGroupRules],
    },
    fields: [
      workspaceField(slugs),
      { name: 'name', type: 'text', required: true, maxLength: 120 },
      { name: 'description', type: 'textarea', maxLength: 2000 },
      { name: 'members', type: 'relationship', relationTo: slugs.users, hasMany: true },
      {
        name: 'managers',
        type: 'relationship',
        relationTo: slugs.users,
        hasMany: true,
        admin: { description: 'Admins or Workforce Managers of the workspace who run this group.' },
      },
    ],
  }
}
