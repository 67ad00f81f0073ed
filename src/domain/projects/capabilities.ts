import {
  PROJECT_CAPABILITIES,
  PROJECT_SEATS,
  STAGE_CAPABILITIES,
  type ProjectCapability,
  type ProjectRole,
  type ProjectScope,
  type ProjectSeat,
  type WorkspaceRole,
} from '../../roles.ts'

/** One person as one project sees them: super-admin or not, their workspace role, their project roles. */
export type ProjectActor = {
  superAdmin?: boolean
  workspaceRole?: WorkspaceRole
  /** the actor's roles in this project (directly or through a group) */
  projectRoles: readonly ProjectRole[]
}

/** The seats an actor holds in a project: their project roles, and workspace-admin for Admins and super-admins. Pure. */
export function seatsOf(actor: ProjectActor): ProjectSeat[] {
  const workspaceAdmin = Boolean(actor.superAdmin) || actor.workspaceRole === 'admin'
  return [...actor.projectRoles, ...(workspaceAdmin ? (['workspace-admin'] as const) : [])]
}

/** Whether the actor has any seat in the project at all (outsiders are answered 404: the project is not theirs to see). Pure. */
export const inProject = (actor: ProjectActor): boolean => seatsOf(actor).length > 0

/** The widest scope in which the actor holds `capability` in the project ('team' over 'own'), or undefined. Pure. */
export function projectScopeOf(actor: ProjectActor, capability: ProjectCapability): ProjectScope | undefined {
  const grant = PROJECT_CAPABILITIES[capability] as Partial<Record<ProjectSeat, readonly ProjectScope[]>>
  const scopes = seatsOf(actor).flatMap((seat) => grant[seat] ?? [])
  return scopes.includes('team') ? 'team' : scopes.includes('own') ? 'own' : undefined
}

/**
 * `canInProject(actor, 'project.bulk')`: whether the actor holds the capability in this project; with a scope,
 * whether they hold it that far (a team grant covers 'own'). Pure.
 */
export function canInProject(actor: ProjectActor, capability: ProjectCapability, scope?: ProjectScope): boolean {
  const held = projectScopeOf(actor, capability)
  return held !== undefined && (scope !== 'team' || held === 'team')
}

/** The project roles whose grant of `capability` reaches `scope` (for access Where clauses over many projects). Pure. */
export function projectRolesWith(capability: ProjectCapability, scope?: ProjectScope): ProjectRole[] {
  const grant = PROJECT_CAPABILITIES[capability] as Partial<Record<ProjectSeat, readonly ProjectScope[]>>
  return (Object.keys(grant) as ProjectSeat[]).filter(
    (seat): seat is ProjectRole => seat !== 'workspace-admin' && (scope !== 'team' || grant[seat]!.includes('team')),
  )
}

/** Working a stage: the capability its type takes (STAGE_CAPABILITIES), or undefined for a stage nobody works. Pure. */
export function stageCapability(stageType: string): ProjectCapability | undefined {
  return Object.hasOwn(STAGE_CAPABILITIES, stageType) ? STAGE_CAPABILITIES[stageType] : undefined
}

/** Why the actor may not use `capability` (in `scope`), in words that name who may, or undefined. Pure. */
export function projectCapabilityProblem(actor: ProjectActor, capability: ProjectCapability, scope?: ProjectScope): string | undefined {
  if (canInProject(actor, capability, scope)) return undefined
  return `${WHAT[capability]} only by ${holdersOf(capability, scope)}`
}

const SEAT_NAMES: Record<ProjectSeat, string> = {
  admin: 'project Admins',
  'team-manager': 'Team Managers',
  reviewer: 'Reviewers',
  annotator: 'Annotators',
  'workspace-admin': 'workspace Admins',
}

function holdersOf(capability: ProjectCapability, scope?: ProjectScope): string {
  const grant = PROJECT_CAPABILITIES[capability] as Partial<Record<ProjectSeat, readonly ProjectScope[]>>
  const names = PROJECT_SEATS.filter((seat) => grant[seat] && (scope !== 'team' || grant[seat].includes('team'))).map(
    (seat) => SEAT_NAMES[seat],
  )
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** What each capability lets one do, said so that "... only by <holders>" follows. */
const WHAT: Record<ProjectCapability, string> = {
  'project.manage': 'the project is run',
  'project.claim': 'tasks of this project are served',
  'project.annotate': 'tasks in annotate and consensus stages are worked',
  'project.review': 'tasks in review stages are worked',
  'project.move': 'tasks are moved',
  'project.bulk': 'queue operations are run',
  'project.queue.read': "the project's queue is seen",
  'project.labels.write': 'labels are drawn',
  'project.issues.raise': 'issues are raised',
  'project.issues.edit': 'what an issue says is changed',
  'project.analytics.read': "the project's analytics are read",
  'project.labels.export': "the project's labels are exported",
  'project.labels.import': 'labels are imported into the project',
  'project.status.update': "the project's status is changed",
  'project.collaborators.admins': 'project Admins are added, changed or removed',
  'project.inactive.write': 'a project that is not In progress is changed',
  'project.archived.write': 'an archived project is changed',
}
