import type { CollectionConfig } from 'payload'

import { mailInvitation, prepareInvitation, showExpiry } from '../hooks/invitationLifecycle.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { invitationsAccess } from '../src/access/resources.ts'
import { workspaceCreateAccess } from '../src/access/scopedAccess.ts'
import { restEndpointsFor } from '../src/endpoints/fromRegistry.ts'
import { INVITATION_STATUSES } from '../src/domain/invitations/rules.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { WORKSPACE_ROLE_LABELS, WORKSPACE_ROLES } from '../src/roles.ts'
import { workspaceField } from './fields/workspace.ts'

/** A field shown only to the person an invitation is addressed to, or only to everyone else (InvitationAudienceField). */
const shownTo = (audience: 'invitee' | 'others', kind: 'Relationship' | 'Text') => ({
  path: `labelops/client#Invitation${kind}Field`,
  clientProps: { audience },
})

/**
 * An invitation to join a workspace with a role, addressed to an email. Nobody is added to a workspace
 * without saying yes: the person accepts (or declines) after signing in, or creates their account from the
 * mail's link. Until then the inviter sees only the email they typed. Invitations expire.
 */
export function createWorkspaceInvitationsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.invitations,
    labels: { singular: 'Invitation', plural: 'Invitations' },
    graphQL: { singularName: 'WorkspaceInvitation', pluralName: 'WorkspaceInvitations' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'email',
      defaultColumns: ['email', 'workspace', 'role', 'status', 'expiresAt'],
      description: 'People are invited by email and join when they accept.',
    },
    access: {
      create: workspaceCreateAccess('invitations.create'),
      read: invitationsAccess('invitations.read'),
      // answered through /:id/accept and /:id/decline; revoked by deleting
      update: () => false,
      delete: invitationsAccess('invitations.delete'),
    },
    hooks: {
      beforeChange: [preventChangeOf(['workspace', 'email']), prepareInvitation],
      afterChange: [mailInvitation],
      afterRead: [showExpiry],
    },
    endpoints: restEndpointsFor('invitations'),
    fields: [
      {
        ...workspaceField(slugs),
        // the invitee cannot read the workspace before joining: their page shows its name (workspaceName) and asks
        // for nothing they would be refused
        admin: { position: 'sidebar', components: { Field: shownTo('others', 'Relationship') } },
      },
      { name: 'email', type: 'email', required: true, index: true },
      {
        name: 'role',
        type: 'select',
        required: true,
        defaultValue: 'member',
        options: WORKSPACE_ROLES.map((value) => ({ value, label: WORKSPACE_ROLE_LABELS[value] })),
        // only the roles the signed-in person may give here (the server's rule), with why when narrowed
        admin: {
          components: { Field: 'labelops/rsc#WorkspaceRoleFieldServer' },
        },
      },
      {
        name: 'status',
        type: 'select',
        defaultValue: 'pending',
        index: true,
        options: INVITATION_STATUSES.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) })),
        admin: { readOnly: true },
      },
      {
        name: 'workspaceName',
        type: 'text',
        label: 'Workspace',
        admin: { readOnly: true, position: 'sidebar', components: { Field: shownTo('invitee', 'Text') } },
      },
      {
        name: 'invitedBy',
        type: 'relationship',
        relationTo: slugs.users,
        admin: { readOnly: true, components: { Field: shownTo('others', 'Relationship') } },
      },
      // the inviter's email when the invitation was made: what the invitee, who may not read the inviter, sees
      {
        name: 'invitedByEmail',
        type: 'text',
        label: 'Invited by',
        admin: { readOnly: true, components: { Field: shownTo('invitee', 'Text') } },
      },
      { name: 'expiresAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      { name: 'respondedAt', type: 'date', admin: { readOnly: true } },
      // the sign-up token's sha256; the token itself exists only in the mail
      { name: 'tokenHash', type: 'text', hidden: true, index: true },
    ],
  }
}
