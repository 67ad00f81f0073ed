import { canInProject, type ProjectActor } from './capabilities.ts'

export type { ProjectActor } from './capabilities.ts'

/** The seed's project statuses, in lifecycle order. */
export const PROJECT_STATUSES = ['not-started', 'in-progress', 'paused', 'completed', 'cancelled', 'archived'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
  archived: 'Archived',
}

/** Allowed status moves. Archived projects come back (to Completed) only through a workspace Admin. */
export const STATUS_TRANSITIONS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  'not-started': ['in-progress', 'cancelled', 'archived'],
  'in-progress': ['paused', 'completed', 'cancelled'],
  paused: ['in-progress', 'completed', 'cancelled'],
  completed: ['in-progress', 'archived'],
  cancelled: ['not-started', 'archived'],
  archived: ['completed'],
}

const label = (status: ProjectStatus) => PROJECT_STATUS_LABELS[status]

/** The statuses a project saved as `saved` (none yet: a new one, Not started) may be given: itself and its moves. Pure. */
export function allowedStatusOptions(saved: unknown): ProjectStatus[] {
  const from = (PROJECT_STATUSES as readonly unknown[]).includes(saved) ? (saved as ProjectStatus) : 'not-started'
  return [from, ...STATUS_TRANSITIONS[from]]
}

/** Why this actor may not move the project from `from` to `to`, or undefined. Pure. */
export function statusChangeProblem(actor: ProjectActor, from: ProjectStatus, to: ProjectStatus): string | undefined {
  if (from === to) return undefined
  if (!canInProject(actor, 'project.status.update')) return 'only workspace Admins and project Admins or Team Managers change the status'
  if (!STATUS_TRANSITIONS[from].includes(to)) {
    return `cannot go from ${label(from)} to ${label(to)} (allowed: ${STATUS_TRANSITIONS[from].map(label).join(', ') || 'none'})`
  }
  if (from === 'archived' && !canInProject(actor, 'project.archived.write')) return 'only workspace Admins restore an archived project'
  return undefined
}

/** An archived project is read-only for everyone but workspace Admins. Pure. */
export function archivedEditProblem(actor: ProjectActor, status: ProjectStatus): string | undefined {
  return status === 'archived' && !canInProject(actor, 'project.archived.write')
    ? 'the project is archived: read-only for all but workspace Admins'
    : undefined
}

/**
 * The gate every task route calls: Annotators and Reviewers work only on In progress projects; workspace
 * Admins, project Admins and Team Managers keep full access whatever the status. Pure.
 */
export function taskWorkProblem(actor: ProjectActor, status: ProjectStatus): string | undefined {
  if (status === 'in-progress' || canInProject(actor, 'project.inactive.write')) return undefined
  return `the project is ${label(status)}: its tasks open again when it is In progress`
}

/**
 * The gate of every change inside a project — task actions, labels, reviews, queue operations, task and issue
 * edits: an Archived project is read-only for all but workspace Admins, and its workers change nothing unless
 * it is In progress. Pure.
 */
export function projectWriteProblem(actor: ProjectActor, status: ProjectStatus): string | undefined {
  return archivedEditProblem(actor, status) ?? taskWorkProblem(actor, status)
}
