import type { CollectionConfig, Field } from 'payload'

import { DURATION_FIELDS } from '../src/domain/analytics/durations.ts'
import { LABEL_COUNTS } from '../src/domain/analytics/labelCounts.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const nobody = () => false

/**
 * The journal summed by hour: one row per (project, actor, subject, stage, event type, UTC hour) with the number of
 * events, the time spent they carry and its histogram. Written only by the database, in the same statement as
 * the events (a trigger on the journal: src/sql/analytics/rollupTrigger.ts), so each event is counted once;
 * `npm run analytics:rebuild` recomputes it from the journal. Analytics read it instead of the raw events.
 */
export function createTaskRollupsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  const number = (name: string): Field => ({ name, type: 'number', required: true, defaultValue: 0 })
  return {
    slug: slugs.taskRollups,
    admin: { hidden: true },
    graphQL: false,
    access: { create: nobody, read: nobody, update: nobody, delete: nobody },
    // the rollup key; `actorKey` is the actor's id as text ('' for the system), so events without an actor share
    // one row per key too (a NULL would never conflict)
    indexes: [
      { fields: ['project', 'actorKey', 'subjectKey', 'stage', 'type', 'hour'], unique: true },
      { fields: ['project', 'hour'] },
      { fields: ['workspace', 'hour'] },
    ],
    fields: [
      workspaceField(slugs),
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true },
      { name: 'actor', type: 'relationship', relationTo: slugs.users },
      { name: 'actorKey', type: 'text', required: true },
      // a review's: whose work it judged (so an annotator's approvals and rejections are theirs)
      { name: 'subject', type: 'relationship', relationTo: slugs.users },
      { name: 'subjectKey', type: 'text', required: true },
      // the stage the work was in: the event's from-stage, else its to-stage ('' for neither)
      { name: 'stage', type: 'text', required: true },
      { name: 'type', type: 'text', required: true },
      { name: 'hour', type: 'date', required: true },
      number('events'),
      // the events that carried a time spent, and its sum
      number('timedEvents'),
      number('timeMs'),
      // the label items the events' submits created / edited / deleted and their reviews approved / rejected
      ...LABEL_COUNTS.map(number),
      ...DURATION_FIELDS.map(number),
    ],
  }
}
