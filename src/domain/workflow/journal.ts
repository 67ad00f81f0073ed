import type { TaskAction } from './permissions.ts'
import type { Effect, TaskState } from './transition.ts'

type Id = number | string

/** The journal row type of each workflow action. */
export const ACTION_EVENT: Record<TaskAction, string> = {
  submit: 'submitted',
  skip: 'skipped',
  release: 'released',
  approve: 'approved',
  reject: 'rejected',
  move: 'moved',
}

export type FollowUpEvent = { type: 'reopened' | 'assigned' | 'completed'; note: string | null }

/**
 * The journal rows an action writes after its own row: what its effects did to the task — sent back for
 * rework (`reopened`), reserved for the annotator it returns to (`assigned`), finished (`completed`) — so the
 * journal alone tells a task's whole story. Pure.
 */
export function followUpEvents({
  effects,
  next,
  assignedTo,
}: {
  effects: Effect[]
  next: TaskState
  assignedTo?: Id | null
}): FollowUpEvent[] {
  const events: FollowUpEvent[] = []
  if (next.status === 'reopened' && effects.some((effect) => effect.type === 'entered'))
    events.push({ type: 'reopened', note: `back to ${next.stage} for rework` })
  if (assignedTo != null) events.push({ type: 'assigned', note: `returned to user ${assignedTo} for rework` })
  const completed = effects.find((effect) => effect.type === 'completed')
  if (completed) events.push({ type: 'completed', note: `reached ${completed.stage}` })
  return events
}
