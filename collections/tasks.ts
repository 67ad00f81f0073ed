import type { CollectionConfig } from 'payload'

import { gateTaskDelete, gateTaskUpdate } from '../hooks/gateTaskChanges.ts'
import { guardTaskDelete } from '../hooks/guardDeletes.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { protectWorkflowFields } from '../hooks/protectWorkflowFields.ts'
import { taskEditsAsQueueOperations } from '../hooks/taskEditsAsQueueOperations.ts'
import { tasksAccess } from '../src/access/resources.ts'
import { restEndpointsFor } from '../src/endpoints/fromRegistry.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { TASK_STATUSES } from '../src/domain/workflow/transition.ts'
import { workspaceField } from './fields/workspace.ts'

const STATUS_LABELS: Record<(typeof TASK_STATUSES)[number], string> = {
  new: 'New',
  assigned: 'Assigned',
  reopened: 'Reopened',
  skipped: 'Skipped',
  completed: 'Completed',
}

/**
 * One data item moving through one project's workflow. Stage and status change only through workflow actions
 * (POST /api/tasks/:id/<action>), each in one transaction, checked against `version`, and journaled.
 */
export function createTasksCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.tasks,
    labels: { singular: 'Task', plural: 'Tasks' },
    graphQL: { singularName: 'Task', pluralName: 'Tasks' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'title',
      defaultColumns: ['title', 'project', 'stage', 'status', 'priority', 'assignee'],
    },
    indexes: [{ fields: ['project', 'dataItem'], unique: true }, { fields: ['project', 'status', 'priority'] }],
    access: {
      // tasks come from the datasets a project uses (and imports into them), never from a create call
      create: () => false,
      read: tasksAccess('tasks.read'),
      update: tasksAccess('tasks.update'),
      delete: tasksAccess('tasks.delete'),
    },
    hooks: {
      beforeChange: [
        preventChangeOf(['workspace', 'project', 'dataItem']),
        protectWorkflowFields,
        gateTaskUpdate,
        taskEditsAsQueueOperations,
      ],
      beforeDelete: [gateTaskDelete, guardTaskDelete],
    },
    endpoints: restEndpointsFor('tasks'),
    fields: [
      workspaceField(slugs),
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true, index: true },
      { name: 'dataItem', type: 'relationship', relationTo: slugs.dataItems, required: true, index: true },
      { name: 'stage', type: 'text', required: true, index: true },
      {
        // the task's name in lists and relationship fields: its data item's name, written by the SQL that creates
        // tasks and kept in step when the item is renamed (src/sql/tasks/taskTitles.ts); never set through the API
        name: 'title',
        type: 'text',
        access: { create: () => false, update: () => false },
        admin: { readOnly: true, description: "The data item's name." },
      },
      {
        name: 'status',
        type: 'select',
        defaultValue: 'new',
        index: true,
        options: TASK_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
      },
      {
        name: 'priority',
        type: 'number',
        defaultValue: 50,
        min: 0,
        max: 100,
        index: true,
        // never empty (the queue sorts and pages on it) — checked here rather than with `required`, which would
        // make it a mandatory argument of GraphQL's (refused anyway) create mutation
        validate: (value: unknown) =>
          typeof value === 'number' && value >= 0 && value <= 100 ? true : 'priority: must be a number from 0 to 100',
      },
      {
        name: 'assignee',
        type: 'relationship',
        relationTo: slugs.users,
        index: true,
        admin: { description: 'An explicit reservation: only this person is served the task.' },
      },
      { name: 'leaseHolder', type: 'relationship', relationTo: slugs.users, index: true, admin: { readOnly: true } },
      { name: 'leaseExpiresAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      { name: 'version', type: 'number', defaultValue: 1, admin: { readOnly: true, position: 'sidebar' } },
      { name: 'skippedBy', type: 'json', defaultValue: [], admin: { readOnly: true } },
      { name: 'lastActorByStage', type: 'json', defaultValue: {}, admin: { readOnly: true } },
      {
        name: 'round',
        type: 'number',
        defaultValue: 1,
        admin: { readOnly: true, description: 'Counts the stages the task has entered: consensus branches belong to one round.' },
      },
      { name: 'consensusSubmissions', type: 'number', defaultValue: 0, admin: { readOnly: true } },
      {
        // written when a consensus round's last branch is submitted (src/operations/consensusAgreement.ts)
        name: 'consensusAgreement',
        type: 'json',
        admin: {
          readOnly: true,
          description: 'The last consensus round: its agreement score, the annotator × annotator matrix and the best-agreeing branch.',
        },
      },
      { name: 'rejectionNote', type: 'textarea', admin: { readOnly: true } },
    ],
  }
}
