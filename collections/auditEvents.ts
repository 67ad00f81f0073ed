import type { CollectionConfig } from 'payload'

import { auditEventsAccess } from '../src/access/resources.ts'
import { AUDIT_ACTIONS } from '../src/domain/audit/auditDiff.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const nobody = () => false
const readOnly = { readOnly: true }

/**
 * The audit trail: every administrative change — memberships and roles, invitations, groups and their members,
 * projects (status, collaborators, workflow, settings), ontologies, workflow templates, bulk queue operations —
 * with who made it, when, and what it was before and after, written in the change's own transaction
 * (src/operations/auditTrail.ts). Append-only through every API; readable by the workspace's Admins.
 */
export function createAuditEventsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.auditEvents,
    labels: { singular: 'Audit event', plural: 'Audit trail' },
    graphQL: { singularName: 'AuditEvent', pluralName: 'AuditEvents' },
    admin: {
      group: options.adminGroup,
      defaultColumns: ['createdAt', 'actor', 'action', 'resource', 'summary'],
      useAsTitle: 'summary',
      description: 'Who changed what, and when: administrative changes, before and after. Nobody can change or delete an entry.',
    },
    indexes: [{ fields: ['workspace', 'createdAt'] }, { fields: ['resource', 'documentId'] }],
    access: { create: nobody, read: auditEventsAccess, update: nobody, delete: nobody },
    fields: [
      workspaceField(slugs),
      { name: 'actor', type: 'relationship', relationTo: slugs.users, admin: { ...readOnly, description: 'Empty: the system.' } },
      { name: 'action', type: 'select', required: true, options: [...AUDIT_ACTIONS], admin: readOnly },
      { name: 'resource', type: 'text', required: true, admin: { ...readOnly, description: 'The collection changed (its slug).' } },
      { name: 'documentId', type: 'text', admin: readOnly },
      { name: 'summary', type: 'text', admin: readOnly },
      { name: 'before', type: 'json', admin: readOnly },
      { name: 'after', type: 'json', admin: readOnly },
    ],
  }
}
