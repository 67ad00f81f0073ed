import type { CollectionConfig, Field } from 'payload'

import { DURATION_FIELDS } from '../src/domain/analytics/durations.ts'
import { EVENT_SUMS } from '../src/domain/analytics/eventSums.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const nobody = () => false

/**
 * The journal summed, at three grains (ROLLUP_GRAINS): per person by UTC hour and by UTC day — one row per
 * (project, actor, subject, stage, event type, hour or day) — and for everyone together by UTC hour, each with
 * the number of events, the time spent they carry and its histogram, and the label counts. Written only by the
 * database, in the same statement as the events (triggers on the journal: src/sql/analytics/rollupTrigger.ts),
 * so each event is counted once at each grain; `npm run analytics:rebuild` recomputes them from the journal.
 * Analytics read them instead of the raw events: days for whole days, hours for the rest, everyone's hours for
 * time buckets. No timestamps and only the indexes reads need, so the triggers' upserts stay cheap (HOT updates).
 */
export function createTaskRollupsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  const number = (name: string): Field => ({ name, type: 'number', required: true, defaultValue: 0 })
  return {
    slug: slugs.taskRollups,
    admin: { hidden: true },
    graphQL: false,
    access: { create: nobody, read: nobody, update: nobody, delete: nobody },
    timestamps: false,
    // the rollup key, which also serves reads (a project, a grain, then the time): `actorKey` is the actor's id as
    // text ('' for the system, '*' for everyone together), so events without an actor share one row per key too
    // (a NULL would never conflict)
    indexes: [
      { fields: ['project', 'grain', 'hour', 'actorKey', 'subjectKey', 'stage', 'type'], unique: true },
      { fields: ['workspace', 'grain', 'hour'] },
    ],
    fields: [
      { ...workspaceField(slugs), index: false },
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true, index: false },
      // 'hour' or 'day' (UTC), per person; 'all-hour': everyone together, by UTC hour
      { name: 'grain', type: 'text', required: true },
      { name: 'actor', type: 'relationship', relationTo: slugs.users, index: false },
      { name: 'actorKey', type: 'text', required: true },
      // a review's: whose work it judged (so an annotator's approvals and rejections are theirs)
      { name: 'subject', type: 'relationship', relationTo: slugs.users, index: false },
      { name: 'subjectKey', type: 'text', required: true },
      // the stage the work was in: the event's from-stage, else its to-stage ('' for neither)
      { name: 'stage', type: 'text', required: true },
      { name: 'type', type: 'text', required: true },
      // the hour's or the day's start
      { name: 'hour', type: 'date', required: true },
      number('events'),
      // the events that carried a time spent, and its sum
      number('timedEvents'),
      number('timeMs'),
      // the label items the events' submits created / edited / deleted and their reviews approved / rejected,
      // and the time the actors held the tasks their actions ended (heldMs)
      ...EVENT_SUMS.map(number),
      ...DURATION_FIELDS.map(number),
    ],
  }
}
