import type { CollectionConfig } from 'payload'

import { issueRules } from '../hooks/issueRules.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { issuesAccess } from '../src/access/resources.ts'
import { workspaceCreateAccess } from '../src/access/scopedAccess.ts'
import { ANCHOR_KINDS, ISSUE_STATUSES } from '../src/domain/issues/rules.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const ANCHOR_LABELS: Record<(typeof ANCHOR_KINDS)[number], string> = {
  'data-unit': 'Data unit',
  frame: 'Frame',
  coordinate: 'Coordinate',
  'frame-range': 'Frame range',
  label: 'Label',
}

/**
 * The seed's Issues: raised on a task by the people who work it (or run the project), anchored to the data
 * unit, a frame, a coordinate, a frame range or a label object; rich-text body, workspace tags, an assignee,
 * a comment thread (each comment editable only by its author) and open/resolved with its history.
 */
export function createIssuesCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  const readOnly = { readOnly: true }
  return {
    slug: slugs.issues,
    labels: { singular: 'Issue', plural: 'Issues' },
    graphQL: { singularName: 'Issue', pluralName: 'Issues' },
    admin: { group: options.adminGroup, useAsTitle: 'title', defaultColumns: ['title', 'status', 'task', 'assignee', 'raisedBy'] },
    // open issues per task, per project, per annotator (assignee) and per reviewer (raisedBy) are counted by analytics
    indexes: [
      { fields: ['task', 'status'] },
      { fields: ['project', 'status'] },
      { fields: ['assignee', 'status'] },
      { fields: ['raisedBy', 'status'] },
    ],
    access: {
      create: workspaceCreateAccess('issues.create'),
      read: issuesAccess('issues.read'),
      update: issuesAccess('issues.update'),
      delete: issuesAccess('issues.delete'),
    },
    hooks: { beforeValidate: [issueRules], beforeChange: [preventChangeOf(['workspace', 'project', 'task', 'raisedBy', 'dataItem'])] },
    fields: [
      { name: 'title', type: 'text', required: true, maxLength: 200 },
      { name: 'task', type: 'relationship', relationTo: slugs.tasks, required: true },
      {
        name: 'status',
        type: 'select',
        defaultValue: 'open',
        index: true,
        options: ISSUE_STATUSES.map((value) => ({ value, label: value === 'open' ? 'Open' : 'Resolved' })),
      },
      { name: 'body', type: 'richText' },
      {
        name: 'anchor',
        type: 'group',
        fields: [
          {
            name: 'kind',
            type: 'select',
            defaultValue: 'data-unit',
            options: ANCHOR_KINDS.map((value) => ({ value, label: ANCHOR_LABELS[value] })),
          },
          { name: 'frame', type: 'number', min: 0 },
          { name: 'frameEnd', type: 'number', min: 0 },
          { name: 'x', type: 'number' },
          { name: 'y', type: 'number' },
          {
            name: 'labelObject',
            type: 'text',
            maxLength: 128,
            admin: { description: 'For a label anchor: the object id, or classification:<feature id>.' },
          },
        ],
      },
      { name: 'tags', type: 'text', hasMany: true, maxLength: 64 },
      { name: 'assignee', type: 'relationship', relationTo: slugs.users, index: true },
      { name: 'resolutionNote', type: 'textarea', admin: { description: 'Why it was resolved (or reopened); kept in the history.' } },
      {
        name: 'comments',
        type: 'array',
        fields: [
          { name: 'body', type: 'textarea', required: true },
          { name: 'author', type: 'relationship', relationTo: slugs.users, admin: readOnly },
          { name: 'postedAt', type: 'date', admin: readOnly },
          { name: 'editedAt', type: 'date', admin: readOnly },
        ],
      },
      {
        name: 'history',
        type: 'array',
        admin: { ...readOnly, description: 'Every open / resolve, by whom and when.' },
        fields: [
          { name: 'status', type: 'text' },
          { name: 'by', type: 'relationship', relationTo: slugs.users },
          { name: 'at', type: 'date' },
          { name: 'note', type: 'textarea' },
        ],
      },
      { name: 'participants', type: 'relationship', relationTo: slugs.users, hasMany: true, admin: { ...readOnly, position: 'sidebar' } },
      { ...workspaceField(slugs), admin: { ...readOnly, position: 'sidebar' } },
      { name: 'project', type: 'relationship', relationTo: slugs.projects, index: true, admin: { ...readOnly, position: 'sidebar' } },
      { name: 'dataItem', type: 'relationship', relationTo: slugs.dataItems, admin: { ...readOnly, position: 'sidebar' } },
      { name: 'raisedBy', type: 'relationship', relationTo: slugs.users, index: true, admin: { ...readOnly, position: 'sidebar' } },
    ],
  }
}
