import type { CollectionConfig } from 'payload'

import { deriveSlugFrom } from '../hooks/deriveSlug.ts'
import { restEndpointsFor } from '../src/endpoints/fromRegistry.ts'
import { addBuiltInTemplates, addCreatorAsAdmin, cascadeWorkspaceDelete } from '../hooks/workspaceLifecycle.ts'
import { loadActor } from '../src/access/actor.ts'
import { workspacesAccess } from '../src/access/resources.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A Workspace: the tenant that owns every user membership, project, dataset and ontology. */
export function createWorkspacesCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.workspaces,
    labels: { singular: 'Workspace', plural: 'Workspaces' },
    graphQL: { singularName: 'Workspace', pluralName: 'Workspaces' },
    endpoints: restEndpointsFor('workspaces'),
    admin: {
      group: options.adminGroup,
      useAsTitle: 'name',
      defaultColumns: ['name', 'slug', 'updatedAt'],
      description: "Your organisation's environment: every user, project, dataset and ontology lives in one.",
    },
    access: {
      create: async ({ req }) => {
        const actor = await loadActor(req)
        return Boolean(actor) && (actor!.superAdmin || options.canCreateWorkspaces({ req, user: req.user! }))
      },
      read: workspacesAccess('workspaces.read'),
      update: workspacesAccess('workspaces.update'),
      delete: workspacesAccess('workspaces.delete'),
    },
    hooks: {
      afterChange: [addCreatorAsAdmin, addBuiltInTemplates],
      beforeDelete: [cascadeWorkspaceDelete],
    },
    fields: [
      { name: 'name', type: 'text', required: true, maxLength: 120 },
      {
        name: 'issueTags',
        type: 'text',
        hasMany: true,
        maxLength: 64,
        admin: { description: 'The tags Issues in this workspace may carry.' },
      },
      {
        name: 'slug',
        type: 'text',
        unique: true,
        index: true,
        maxLength: 64,
        admin: { position: 'sidebar', description: 'URL-safe id; derived from the name when left empty.' },
        hooks: { beforeValidate: [deriveSlugFrom('name')] },
        validate: (value: unknown) =>
          value == null || value === '' || (typeof value === 'string' && SLUG_PATTERN.test(value))
            ? true
            : 'slug: use lowercase letters, digits and single dashes (e.g. "acme-vision")',
      },
      {
        name: 'members',
        type: 'join',
        collection: slugs.workspaceMembers,
        on: 'workspace',
        admin: { defaultColumns: ['user', 'role'] },
      },
    ],
  }
}
