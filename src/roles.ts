/** Workspace roles, from the seed's "Workspace roles" table, most powerful first. */
export const WORKSPACE_ROLES = ['admin', 'workforce-manager', 'member', 'tasker'] as const
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number]

export const WORKSPACE_ROLE_LABELS: Record<WorkspaceRole, string> = {
  admin: 'Admin',
  'workforce-manager': 'Workforce Manager',
  member: 'Member',
  tasker: 'Tasker',
}

/** Project roles, held per project by collaborators (users or user groups). */
export const PROJECT_ROLES = ['admin', 'team-manager', 'reviewer', 'annotator'] as const
export type ProjectRole = (typeof PROJECT_ROLES)[number]

export const PROJECT_ROLE_LABELS: Record<ProjectRole, string> = {
  admin: 'Admin',
  'team-manager': 'Team Manager',
  reviewer: 'Reviewer',
  annotator: 'Annotator',
}

/**
 * Which records of a resource a grant covers, inside the workspaces where the actor holds the role:
 * - all: every record of the resource in that workspace
 * - taskers: records about Taskers (their memberships, their user records)
 * - managed: records of the user groups the actor manages (the groups, or their members)
 * - own: records about the actor (their membership, the groups they belong to, their user record)
 * - created: records the actor created (projects, datasets, ontologies; data items of datasets they created)
 * - invited: records of the projects the actor collaborates on, directly or through a group (the projects,
 *   their datasets, their ontology, the data items of those datasets)
 * - project-managed: projects where the actor is a project Admin or Team Manager
 */
export type Scope = 'all' | 'taskers' | 'managed' | 'own' | 'created' | 'invited' | 'project-managed'

export type Grant = Partial<Record<WorkspaceRole, readonly Scope[]>>

const ALL = ['all'] as const
const OWN = ['own'] as const
const TASKERS = ['taskers'] as const
const MANAGED = ['managed'] as const
const CREATED = ['created'] as const
const INVITED = ['invited'] as const
const CREATED_OR_INVITED = ['created', 'invited'] as const
const RUNS = ['created', 'project-managed'] as const

/**
 * The one capability table: `resource.action` -> the workspace roles that hold it and the scope they hold it in.
 * Access functions ask this table (through src/access); nothing else decides who may do what.
 * Project roles join this table with the projects issue.
 */
export const CAPABILITIES = {
  'workspaces.read': { admin: ALL, 'workforce-manager': ALL, member: ALL, tasker: ALL },
  'workspaces.update': { admin: ALL },
  'workspaces.delete': { admin: ALL },

  'workspaceMembers.read': { admin: ALL, 'workforce-manager': ['taskers', 'managed', 'own'], member: ALL, tasker: OWN },
  /** nobody adds a person directly (super-admins and the system aside): people join by accepting an invitation */
  'workspaceMembers.create': {},
  'workspaceMembers.update': { admin: ALL, 'workforce-manager': TASKERS },
  'workspaceMembers.delete': { admin: ALL, 'workforce-manager': TASKERS },

  /** invitations to join a workspace (the role rules of memberships apply: a WFM invites Taskers only) */
  'invitations.create': { admin: ALL, 'workforce-manager': TASKERS },
  /** beyond these grants, a signed-in person sees the invitations addressed to their own email */
  'invitations.read': { admin: ALL, 'workforce-manager': TASKERS },
  /** revoking an open invitation */
  'invitations.delete': { admin: ALL, 'workforce-manager': TASKERS },

  'userGroups.read': { admin: ALL, 'workforce-manager': ['managed', 'own'], member: ALL, tasker: OWN },
  'userGroups.create': { admin: ALL, 'workforce-manager': ALL },
  'userGroups.update': { admin: ALL, 'workforce-manager': MANAGED },
  'userGroups.delete': { admin: ALL, 'workforce-manager': MANAGED },

  /** the people directory: which users' records an actor may see */
  'users.read': { admin: ALL, 'workforce-manager': ['taskers', 'managed', 'own'], member: ALL, tasker: OWN },
  /** onboarding: creating a user account (then a membership) */
  'users.create': { admin: ALL, 'workforce-manager': ALL },

  // Projects: Admins see all; Workforce Managers and Members what they create or are invited to; Taskers
  // only the projects they are assigned to. A project's Admins and Team Managers run it.
  'projects.read': { admin: ALL, 'workforce-manager': CREATED_OR_INVITED, member: CREATED_OR_INVITED, tasker: INVITED },
  'projects.create': { admin: ALL, 'workforce-manager': ALL, member: ALL },
  'projects.update': { admin: ALL, 'workforce-manager': RUNS, member: RUNS, tasker: ['project-managed'] },
  'projects.delete': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },

  'datasets.read': { admin: ALL, 'workforce-manager': CREATED_OR_INVITED, member: CREATED_OR_INVITED },
  'datasets.create': { admin: ALL, 'workforce-manager': ALL, member: ALL },
  /** includes bulk import into the dataset */
  'datasets.update': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },
  'datasets.delete': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },

  /** Taskers read what their work needs: the items and ontology of the projects they are assigned to */
  'dataItems.read': { admin: ALL, 'workforce-manager': CREATED_OR_INVITED, member: CREATED_OR_INVITED, tasker: INVITED },
  'dataItems.create': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },
  'dataItems.update': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },
  'dataItems.delete': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },

  'ontologies.read': { admin: ALL, 'workforce-manager': CREATED_OR_INVITED, member: CREATED_OR_INVITED, tasker: INVITED },
  'ontologies.create': { admin: ALL, 'workforce-manager': ALL, member: ALL },
  'ontologies.update': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },
  'ontologies.delete': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },

  // Workflow templates are shared in the workspace; the built-in four are read-only.
  'workflowTemplates.read': { admin: ALL, 'workforce-manager': ALL, member: ALL },
  'workflowTemplates.create': { admin: ALL, 'workforce-manager': ALL, member: ALL },
  'workflowTemplates.update': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },
  'workflowTemplates.delete': { admin: ALL, 'workforce-manager': CREATED, member: CREATED },

  // Tasks: project Admins and Team Managers see and manage every task of their projects; workers see the
  // tasks they hold or worked. Stage and status change only through workflow actions (src/operations).
  'tasks.read': { admin: ALL, 'workforce-manager': ['project-managed', 'own'], member: ['project-managed', 'own'], tasker: ['project-managed', 'own'] },
  'tasks.update': { admin: ALL, 'workforce-manager': ['project-managed'], member: ['project-managed'], tasker: ['project-managed'] },
  'tasks.delete': { admin: ALL, 'workforce-manager': ['project-managed'], member: ['project-managed'], tasker: ['project-managed'] },
  /** the journal is append-only: nobody creates, updates or deletes events through any API */
  'taskEvents.read': { admin: ALL, 'workforce-manager': ['project-managed', 'own'], member: ['project-managed', 'own'], tasker: ['project-managed', 'own'] },
  // Issues: raised on a task by whoever works it or runs the project; seen and updated by the people in them
  // (raiser, assignee, the task's workers, commenters) and by those who run the project; deleted only by them.
  'issues.read': { admin: ALL, 'workforce-manager': ['project-managed', 'own'], member: ['project-managed', 'own'], tasker: ['project-managed', 'own'] },
  'issues.create': { admin: ALL, 'workforce-manager': ALL, member: ALL, tasker: ALL },
  'issues.update': { admin: ALL, 'workforce-manager': ['project-managed', 'own'], member: ['project-managed', 'own'], tasker: ['project-managed', 'own'] },
  'issues.delete': { admin: ALL, 'workforce-manager': ['project-managed'], member: ['project-managed'], tasker: ['project-managed'] },
  // Labels: written only through PUT /api/tasks/:id/label by their author while holding the lease; read by
  // their author and by those who run the project (reviewers get them with the task they claim).
  'labels.read': { admin: ALL, 'workforce-manager': ['project-managed', 'own'], member: ['project-managed', 'own'], tasker: ['project-managed', 'own'] },
  /** consensus branches (who holds which of a task's N slots) are written only by the queue */
  'consensusBranches.read': { admin: ALL, 'workforce-manager': ['project-managed', 'own'], member: ['project-managed', 'own'], tasker: ['project-managed', 'own'] },
} as const satisfies Record<string, Grant>

export type Capability = keyof typeof CAPABILITIES

/** The roles a Workforce Manager may hand out; an Admin may hand out any. */
export const ASSIGNABLE_ROLES: Record<WorkspaceRole, readonly WorkspaceRole[]> = {
  admin: WORKSPACE_ROLES,
  'workforce-manager': ['tasker'],
  member: [],
  tasker: [],
}
