import type { CollectionConfig } from 'payload'

import { labelsAccess } from '../src/access/resources.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const nobody = () => false

/**
 * One label per task and author: the objects drawn (geometry by shape, normalised to 0..1) and the answers to
 * the ontology's classifications, validated against the project's ontology. Saved as a draft with
 * PUT /api/tasks/:id/label while the author holds the task's lease; submitted (frozen) with the task.
 */
export function createLabelsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  const readOnly = { readOnly: true }
  return {
    slug: slugs.labels,
    labels: { singular: 'Label', plural: 'Labels' },
    graphQL: { singularName: 'Label', pluralName: 'Labels' },
    admin: { group: options.adminGroup, defaultColumns: ['task', 'author', 'status', 'updatedAt'] },
    indexes: [{ fields: ['task', 'author'], unique: true }],
    // written only by LabelOps' label operation (author, lease and ontology checked there)
    access: { create: nobody, read: labelsAccess, update: nobody, delete: nobody },
    fields: [
      workspaceField(slugs),
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true, index: true, admin: readOnly },
      { name: 'task', type: 'relationship', relationTo: slugs.tasks, required: true, admin: readOnly },
      { name: 'ontology', type: 'relationship', relationTo: slugs.ontologies, index: true, admin: readOnly },
      { name: 'author', type: 'relationship', relationTo: slugs.users, required: true, admin: readOnly },
      {
        name: 'status',
        type: 'select',
        defaultValue: 'draft',
        options: [
          { value: 'draft', label: 'Draft' },
          { value: 'submitted', label: 'Submitted' },
        ],
        admin: readOnly,
      },
      { name: 'objects', type: 'json', defaultValue: [], admin: readOnly },
      { name: 'classifications', type: 'json', defaultValue: [], admin: readOnly },
      {
        name: 'featureIds',
        type: 'text',
        hasMany: true,
        index: true,
        admin: { ...readOnly, description: "The ontology features this label uses (the ontology's in-use check)." },
      },
      { name: 'submittedAt', type: 'date', admin: readOnly },
      { name: 'reviewRound', type: 'number', defaultValue: 0, admin: { ...readOnly, description: 'How many reviews the label has had.' } },
      {
        name: 'review',
        type: 'json',
        admin: {
          ...readOnly,
          description:
            'The last verdict on each object and classification: { "object:<id>" | "classification:<id>": { verdict, note, round } }.',
        },
      },
      {
        name: 'reviewedSnapshot',
        type: 'json',
        admin: {
          ...readOnly,
          description: 'The objects and classifications as last reviewed: what changed since is shown to the next reviewer.',
        },
      },
    ],
  }
}
