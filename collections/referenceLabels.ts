import type { CollectionConfig } from 'payload'

import { referenceLabelsAccess } from '../src/access/resources.ts'
import { REFERENCE_KINDS } from '../src/domain/exchange/importRecords.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const nobody = () => false
const readOnly = { readOnly: true }

/**
 * Labels brought in from outside, one of each kind per task: a pre-label (an annotator who has no label of
 * their own on the task starts from it) or the task's gold label (what a benchmark scores against). Written
 * only by the label import (POST /api/projects/:id/import-labels), validated against the project's ontology
 * like any label; read by whoever runs the project — never by the people a gold set measures.
 */
export function createReferenceLabelsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.referenceLabels,
    labels: { singular: 'Reference label', plural: 'Reference labels' },
    graphQL: { singularName: 'ReferenceLabel', pluralName: 'ReferenceLabels' },
    admin: {
      group: options.adminGroup,
      defaultColumns: ['task', 'kind', 'source', 'importedBy', 'updatedAt'],
      description: 'Pre-labels and gold labels imported from LabelOps JSON or COCO (Queue tab → Import labels).',
    },
    indexes: [{ fields: ['task', 'kind'], unique: true }],
    access: { create: nobody, read: referenceLabelsAccess, update: nobody, delete: nobody },
    fields: [
      { ...workspaceField(slugs), admin: { ...readOnly, position: 'sidebar' } },
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true, index: true, admin: readOnly },
      { name: 'task', type: 'relationship', relationTo: slugs.tasks, required: true, admin: readOnly },
      {
        name: 'kind',
        type: 'select',
        required: true,
        options: REFERENCE_KINDS.map((value) => ({ value, label: value === 'pre-label' ? 'Pre-label' : 'Gold' })),
        admin: readOnly,
      },
      { name: 'objects', type: 'json', defaultValue: [], admin: readOnly },
      { name: 'classifications', type: 'json', defaultValue: [], admin: readOnly },
      { name: 'source', type: 'text', maxLength: 500, admin: { ...readOnly, description: 'The import it came from.' } },
      { name: 'importedBy', type: 'relationship', relationTo: slugs.users, admin: readOnly },
    ],
  }
}
