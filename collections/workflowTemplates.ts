import type { CollectionConfig } from 'payload'

import { guardBuiltInTemplates, validateTemplateGraph } from '../hooks/workflowTemplateRules.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { stampCreatedBy } from '../hooks/stampCreatedBy.ts'
import { workflowTemplatesAccess } from '../src/access/resources.ts'
import { workspaceOwnedAccess } from '../src/access/scopedAccess.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { createdByField } from './fields/createdBy.ts'
import { workflowBuilder } from './fields/workflowBuilder.ts'
import { workspaceField } from './fields/workspace.ts'

/** Reusable workflow graphs. Every workspace starts with the four built-in patterns (read-only). */
export function createWorkflowTemplatesCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.workflowTemplates,
    labels: { singular: 'Workflow template', plural: 'Workflow templates' },
    graphQL: { singularName: 'WorkflowTemplate', pluralName: 'WorkflowTemplates' },
    admin: { group: options.adminGroup, useAsTitle: 'name', defaultColumns: ['name', 'builtIn', 'workspace', 'updatedAt'] },
    access: workspaceOwnedAccess('workflowTemplates', workflowTemplatesAccess),
    hooks: {
      beforeValidate: [validateTemplateGraph],
      beforeChange: [preventChangeOf(['workspace']), guardBuiltInTemplates, stampCreatedBy],
      beforeDelete: [guardBuiltInTemplates as never],
    },
    fields: [
      workspaceField(slugs),
      { name: 'name', type: 'text', required: true, maxLength: 200 },
      { name: 'description', type: 'textarea', maxLength: 2000 },
      {
        name: 'builtIn',
        type: 'checkbox',
        defaultValue: false,
        admin: { readOnly: true, position: 'sidebar' },
        access: { create: () => false, update: () => false },
      },
      {
        name: 'graph',
        type: 'json',
        required: true,
        admin: {
          description: 'Stages and the pathways between them. Add stages from the palette; drag from an output to a stage to connect.',
          components: { Field: workflowBuilder(options, 'template') },
        },
      },
      createdByField(slugs),
    ],
  }
}
