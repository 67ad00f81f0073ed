import type { CollectionConfig, Field } from 'payload'

import { LABEL_COUNTS } from '../src/domain/analytics/labelCounts.ts'

import { taskEventsAccess } from '../src/access/resources.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

export const TASK_EVENT_TYPES = [
  'created',
  'claimed',
  'released',
  'expired',
  'submitted',
  'skipped',
  'approved',
  'rejected',
  'reopened',
  'moved',
  'completed',
  'priority-changed',
  'assigned',
  'resolved',
] as const

const nobody = () => false

/**
 * The append-only journal of every task action: the source of analytics and the audit trail. Its order is the
 * `seq` column LabelOps adds (src/sql/journal/journalOrder.ts); replaying a task's rows gives its state (src/domain/workflow/replay.ts).
 */
export function createTaskEventsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.taskEvents,
    labels: { singular: 'Task event', plural: 'Task events' },
    graphQL: { singularName: 'TaskEvent', pluralName: 'TaskEvents' },
    admin: { group: options.adminGroup, defaultColumns: ['type', 'task', 'actor', 'fromStage', 'toStage', 'createdAt'] },
    indexes: [{ fields: ['project', 'createdAt'] }, { fields: ['actor', 'createdAt'] }, { fields: ['task', 'createdAt'] }],
    // written only by LabelOps' operations; no API creates, changes or deletes an event, for anyone
    access: { create: nobody, read: taskEventsAccess, update: nobody, delete: nobody },
    fields: [
      workspaceField(slugs),
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true },
      { name: 'task', type: 'relationship', relationTo: slugs.tasks, required: true },
      { name: 'actor', type: 'relationship', relationTo: slugs.users },
      // whose lease or consensus slot the event gave (claimed) or ended (expired, released, submitted...): with
      // it the journal alone says who holds the task (src/domain/workflow/replay.ts)
      { name: 'holder', type: 'relationship', relationTo: slugs.users },
      { name: 'type', type: 'select', required: true, options: [...TASK_EVENT_TYPES] },
      { name: 'fromStage', type: 'text' },
      { name: 'toStage', type: 'text' },
      { name: 'fromStatus', type: 'text' },
      { name: 'toStatus', type: 'text' },
      { name: 'timeSpentMs', type: 'number', min: 0 },
      { name: 'note', type: 'textarea' },
      // for analytics: whose work a review judged (approved / rejected), and how many label items a submit
      // created, edited and deleted (against what the last review saw) or a review approved and rejected
      { name: 'subject', type: 'relationship', relationTo: slugs.users },
      ...LABEL_COUNTS.map((name): Field => ({ name, type: 'number', min: 0 })),
      // an action that ended the actor's own hold: how long they held the task (server clock); timeSpentMs is its active part
      { name: 'heldMs', type: 'number', min: 0 },
      // the submit that closed a consensus round: the round's agreement (0..1), and 1 to count the round
      { name: 'agreement', type: 'number', min: 0, max: 1 },
      { name: 'agreementRounds', type: 'number', min: 0 },
    ],
  }
}
