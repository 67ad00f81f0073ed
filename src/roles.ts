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
 * - project-managed: projects the actor runs — where a project role of theirs holds `project.manage` (project
 *   Admins and Team Managers)
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
/** a workspace's Admins, and in any role whoever runs the project (its Admins and Team Managers) */
const ADMINS_AND_PROJECT_RUNNERS = {
  admin: ALL,
  'workforce-manager': ['project-managed'],
  member: ['project-managed'],
  tasker: ['project-managed'],
} as const

/**
 * The one capability table: `resource.action` -> the workspace roles that hold it and the scope they hold it in.
 * Access functions ask this table (through src/access); nothing else decides who may do what.
 * What a person may do inside one project is in its project half, PROJECT_CAPABILITIES, below.
 */
export const CAPABILITIES = {
  'workspaces.read': { admin: ALL, 'workforce-manager': ALL, member: ALL, tasker: ALL },
  'workspaces.update': { admin: ALL },
  'workspaces.delete': { admin: ALL },
  /** the workspace report: throughput, utilisation and quality across every project, and everyone's figures */
  'workspaces.analytics.read': { admin: ALL },
  /** the audit trail: who changed what, before and after; written only by LabelOps, read by the workspace's Admins */
  'auditEvents.read': { admin: ALL },

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
  'tasks.read': {
    admin: ALL,
    'workforce-manager': ['project-managed', 'own'],
    member: ['project-managed', 'own'],
    tasker: ['project-managed', 'own'],
  },
  'tasks.update': { admin: ALL, 'workforce-manager': ['project-managed'], member: ['project-managed'], tasker: ['project-managed'] },
  'tasks.delete': { admin: ALL, 'workforce-manager': ['project-managed'], member: ['project-managed'], tasker: ['project-managed'] },
  /** the journal is append-only: nobody creates, updates or deletes events through any API */
  'taskEvents.read': {
    admin: ALL,
    'workforce-manager': ['project-managed', 'own'],
    member: ['project-managed', 'own'],
    tasker: ['project-managed', 'own'],
  },
  // Issues: raised on a task by whoever works it or runs the project; seen and updated by the people in them
  // (raiser, assignee, the task's workers, commenters) and by those who run the project; deleted only by them.
  'issues.read': {
    admin: ALL,
    'workforce-manager': ['project-managed', 'own'],
    member: ['project-managed', 'own'],
    tasker: ['project-managed', 'own'],
  },
  'issues.create': { admin: ALL, 'workforce-manager': ALL, member: ALL, tasker: ALL },
  'issues.update': {
    admin: ALL,
    'workforce-manager': ['project-managed', 'own'],
    member: ['project-managed', 'own'],
    tasker: ['project-managed', 'own'],
  },
  'issues.delete': { admin: ALL, 'workforce-manager': ['project-managed'], member: ['project-managed'], tasker: ['project-managed'] },
  // Labels: written only through PUT /api/tasks/:id/label by their author while holding the lease; read by
  // their author and by those who run the project (reviewers get them with the task they claim).
  'labels.read': {
    admin: ALL,
    'workforce-manager': ['project-managed', 'own'],
    member: ['project-managed', 'own'],
    tasker: ['project-managed', 'own'],
  },
  /** a project's webhooks: whoever runs the project keeps them (creating one is checked against the project: project.manage) */
  'webhookSubscriptions.read': ADMINS_AND_PROJECT_RUNNERS,
  'webhookSubscriptions.update': ADMINS_AND_PROJECT_RUNNERS,
  'webhookSubscriptions.delete': ADMINS_AND_PROJECT_RUNNERS,
  /** the webhook outbox and delivery log: written only by the database and the delivery worker */
  'webhookDeliveries.read': ADMINS_AND_PROJECT_RUNNERS,
  /** imported pre-labels and gold sets: whoever runs the project (a gold set is never shown to the people it measures) */
  'referenceLabels.read': ADMINS_AND_PROJECT_RUNNERS,
  /** consensus branches (who holds which of a task's N slots) are written only by the queue */
  'consensusBranches.read': {
    admin: ALL,
    'workforce-manager': ['project-managed', 'own'],
    member: ['project-managed', 'own'],
    tasker: ['project-managed', 'own'],
  },
} as const satisfies Record<string, Grant>

export type Capability = keyof typeof CAPABILITIES

/**
 * Who holds a project grant: the four project roles, and `workspace-admin` — the workspace's Admins (and
 * super-admins), who run every project of their workspace whatever their project roles.
 */
export const PROJECT_SEATS = [...PROJECT_ROLES, 'workspace-admin'] as const
export type ProjectSeat = (typeof PROJECT_SEATS)[number]

/**
 * How far a project grant reaches:
 * - own: the holder's own work — the stages their role works and that name them (or name nobody), the tasks
 *   they hold, their labels, the issues they raised or the tasks they work, their own figures
 * - team: everyone's work in the project — every working stage whoever it names, tasks nobody holds, every
 *   task, issue and figure of the project
 * A team grant includes the own one.
 */
export type ProjectScope = 'own' | 'team'
export type ProjectGrant = Partial<Record<ProjectSeat, readonly ProjectScope[]>>

const P_OWN = ['own'] as const
const P_TEAM = ['team'] as const
/** project Admins, Team Managers and workspace Admins run the project: they hold its grants for the team */
const RUNNERS = { admin: P_TEAM, 'team-manager': P_TEAM, 'workspace-admin': P_TEAM } as const
/** ...and its Annotators and Reviewers hold the worker's grants for their own work */
const RUNNERS_AND_WORKERS = { ...RUNNERS, reviewer: P_OWN, annotator: P_OWN } as const

/**
 * The project half of the capability table: `project.action` -> the project seats that hold it and the scope
 * they hold it in. Every operation, hook and queue module asks it through `canInProject()` /
 * `assertCan()` (src/domain/projects/capabilities.ts, src/access/assertCan.ts); nothing else checks a project role.
 */
export const PROJECT_CAPABILITIES = {
  /** running the project: its settings and collaborators, and every task, label, issue, journal row and consensus branch of it (the 'project-managed' scope of CAPABILITIES) */
  'project.manage': RUNNERS,
  /** being served tasks from the queue (next, or one given task) and keeping the lease: own — the stages one's role works and that name one; team — every working stage */
  'project.claim': RUNNERS_AND_WORKERS,
  /** acting on a task in an annotate or consensus stage (submit, skip, release): own — while holding it; team — also a task nobody holds */
  'project.annotate': { ...RUNNERS, annotator: P_OWN },
  /** acting on a task in a review stage (approve, reject, a review's verdicts), same scopes as annotating */
  'project.review': { ...RUNNERS, reviewer: P_OWN },
  /** moving a task to any working or end stage */
  'project.move': RUNNERS,
  /** queue operations on many tasks at once (assign, release, set priority, move), and a task's priority or assignee edited directly */
  'project.bulk': RUNNERS,
  /** the queue listing: own — what one could be served or holds in the stages one works; team — every task */
  'project.queue.read': RUNNERS_AND_WORKERS,
  /** drawing one's own label on a task one holds in an annotate or consensus stage (managers too must claim it first) */
  'project.labels.write': { admin: P_OWN, 'team-manager': P_OWN, 'workspace-admin': P_OWN, annotator: P_OWN },
  /** raising an issue: own — on a task one works (submitted, decided, holds or has reserved); team — on any task */
  'project.issues.raise': RUNNERS_AND_WORKERS,
  /** changing what an issue says (title, body, anchor): own — the issues one raised; team — any */
  'project.issues.edit': RUNNERS_AND_WORKERS,
  /** the project's analytics: own — one's own figures; team — everyone's */
  'project.analytics.read': RUNNERS_AND_WORKERS,
  /** downloading the project's labels (LabelOps JSON, COCO) */
  'project.labels.export': RUNNERS,
  /** importing labels as pre-labels or as a gold set */
  'project.labels.import': RUNNERS,
  /** moving the project along its status transitions */
  'project.status.update': RUNNERS,
  /** adding, changing or removing the project's Admin rows (Team Managers manage every other collaborator) */
  'project.collaborators.admins': { admin: P_TEAM, 'workspace-admin': P_TEAM },
  /** working and changing tasks while the project is not In progress (Not started, Paused, Completed, Cancelled) */
  'project.inactive.write': RUNNERS,
  /** changing anything in an Archived project (which is read-only for everyone else), restoring it included */
  'project.archived.write': { 'workspace-admin': P_TEAM },
} as const satisfies Record<`project.${string}`, ProjectGrant>

export type ProjectCapability = keyof typeof PROJECT_CAPABILITIES

/** Working a stage takes the capability of its type; router, complete and archive stages are worked by nobody. */
export const STAGE_CAPABILITIES: Readonly<Record<string, ProjectCapability>> = {
  annotate: 'project.annotate',
  consensus: 'project.annotate',
  review: 'project.review',
}

/** The roles a Workforce Manager may hand out; an Admin may hand out any. */
export const ASSIGNABLE_ROLES: Record<WorkspaceRole, readonly WorkspaceRole[]> = {
  admin: WORKSPACE_ROLES,
  'workforce-manager': ['tasker'],
  member: [],
  tasker: [],
}
