/**
 * The access policy, written from the seed's role descriptions — independently of src/roles.ts, which it
 * checks. Each row names a resource, an action, a target from the fixtures (tests/access/fixtures.ts) and the
 * actors who are ALLOWED; every other actor is denied. Workspace A is the actors' own; B is another tenant.
 *
 * Actors: anonymous (no session), none (signed in, in no workspace), and one user per workspace role in A.
 * Fixture people in A: adminA, wfmA, memberA, taskerA, tasker2A, member2A (tasker2A and member2A are in group
 * G1, which wfmA manages; taskerA is in G2, which adminA manages). In B: adminB, taskerB (in group GB).
 *
 * Projects in A: P1, created by memberA, with taskerA as Annotator and group G1 as Reviewers, using dataset D1
 * (created by memberA; item I1) and ontology O1 (memberA); P2, created by adminA, nobody else on it. D2 (item
 * I2) and O2 were created by adminA and no project uses them. B has PB, DB (item IB) and OB.
 *
 * P1 and PB run Annotate -> Review -> Complete, so each has a task: T1 (for I1) and TB; E1 and EB are their
 * `created` journal rows. L1 is taskerA's label on T1 (LB taskerB's on TB); IS1 is an issue on T1 assigned to
 * taskerA (ISB one on TB assigned to taskerB).
 */
export const ACTORS = ['anonymous', 'none', 'admin', 'workforce-manager', 'member', 'tasker'] as const
export type ActorName = (typeof ACTORS)[number]

export const RESOURCES = [
  'workspaces',
  'workspace-members',
  'workspace-invitations',
  'user-groups',
  'users',
  'projects',
  'datasets',
  'ontologies',
  'data-items',
  'tasks',
  'task-events',
  'audit-events',
  'webhook-subscriptions',
  'webhook-deliveries',
  'labels',
  'issues',
  'payload-locked-documents',
  'payload-preferences',
] as const
export type Resource = (typeof RESOURCES)[number]
export type Action = 'create' | 'read' | 'update' | 'delete'

export type PolicyRow = { resource: Resource; action: Action; target: string; allow: readonly ActorName[] }

const IN_A = ['admin', 'workforce-manager', 'member', 'tasker'] as const
const SIGNED_IN = ['none', ...IN_A] as const
const NOBODY = [] as const
const row = (resource: Resource, action: Action, target: string, allow: readonly ActorName[]): PolicyRow => ({
  resource,
  action,
  target,
  allow,
})

export const POLICY: PolicyRow[] = [
  // Workspaces: every member sees their own; only its Admin changes or deletes it; anyone signed in may
  // start a new one (self-service default: `canCreateWorkspaces`), becoming its Admin.
  row('workspaces', 'read', 'A', IN_A),
  row('workspaces', 'read', 'B', NOBODY),
  row('workspaces', 'update', 'A', ['admin']),
  row('workspaces', 'update', 'B', NOBODY),
  row('workspaces', 'delete', 'fresh workspace like A', ['admin']),
  row('workspaces', 'delete', 'fresh workspace like B', NOBODY),
  row('workspaces', 'create', 'new workspace', SIGNED_IN),

  // Memberships: Admins and Members see everyone in A; a Workforce Manager sees its Taskers, the members of
  // the groups it manages and itself; a Tasker only itself. Admins manage all; Workforce Managers only Taskers.
  row('workspace-members', 'read', 'm:adminA', ['admin', 'member']),
  row('workspace-members', 'read', 'm:wfmA', ['admin', 'member', 'workforce-manager']),
  row('workspace-members', 'read', 'm:memberA', ['admin', 'member']),
  row('workspace-members', 'read', 'm:taskerA', ['admin', 'member', 'workforce-manager', 'tasker']),
  row('workspace-members', 'read', 'm:tasker2A', ['admin', 'member', 'workforce-manager']),
  row('workspace-members', 'read', 'm:member2A', ['admin', 'member', 'workforce-manager']),
  row('workspace-members', 'read', 'm:adminB', NOBODY),
  row('workspace-members', 'read', 'm:taskerB', NOBODY),
  row('workspace-members', 'update', 'm:adminA', ['admin']),
  row('workspace-members', 'update', 'm:wfmA', ['admin']),
  row('workspace-members', 'update', 'm:memberA', ['admin']),
  row('workspace-members', 'update', 'm:taskerA', ['admin', 'workforce-manager']),
  row('workspace-members', 'update', 'm:tasker2A', ['admin', 'workforce-manager']),
  row('workspace-members', 'update', 'm:member2A', ['admin']),
  row('workspace-members', 'update', 'm:adminB', NOBODY),
  row('workspace-members', 'update', 'm:taskerB', NOBODY),
  row('workspace-members', 'delete', 'fresh tasker membership in A', ['admin', 'workforce-manager']),
  row('workspace-members', 'delete', 'fresh member membership in A', ['admin']),
  row('workspace-members', 'delete', 'fresh workforce-manager membership in A', ['admin']),
  row('workspace-members', 'delete', 'fresh admin membership in A', ['admin']),
  row('workspace-members', 'delete', 'fresh tasker membership in B', NOBODY),
  // Nobody adds a person directly: people join by accepting an invitation (super-admins and the system aside).
  row('workspace-members', 'create', 'tasker in A', NOBODY),
  row('workspace-members', 'create', 'member in A', NOBODY),
  row('workspace-members', 'create', 'admin in A', NOBODY),
  row('workspace-members', 'create', 'tasker in B', NOBODY),

  // Invitations: Admins invite any role, Workforce Managers Taskers, and see and revoke what they may send;
  // the invitee (here the signed-in outsider, invited to A as a Tasker) sees the invitation addressed to
  // them. Nobody edits one: it is answered (accept / decline) or revoked (delete).
  row('workspace-invitations', 'read', 'INV_T', ['admin', 'workforce-manager', 'none']),
  row('workspace-invitations', 'read', 'INV_M', ['admin']),
  row('workspace-invitations', 'read', 'INV_B', NOBODY),
  row('workspace-invitations', 'update', 'INV_T', NOBODY),
  row('workspace-invitations', 'update', 'INV_M', NOBODY),
  row('workspace-invitations', 'create', 'tasker in A', ['admin', 'workforce-manager']),
  row('workspace-invitations', 'create', 'member in A', ['admin']),
  row('workspace-invitations', 'create', 'admin in A', ['admin']),
  row('workspace-invitations', 'create', 'tasker in B', NOBODY),
  row('workspace-invitations', 'delete', 'fresh tasker invitation in A', ['admin', 'workforce-manager']),
  row('workspace-invitations', 'delete', 'fresh member invitation in A', ['admin']),
  row('workspace-invitations', 'delete', 'fresh tasker invitation in B', NOBODY),

  // Payload's own collections: a document lock (adminA editing P1: LK_A; adminB editing PB: LK_B) and a
  // preference (adminA's PF_A, adminB's PF_B) are their owner's alone.
  row('payload-locked-documents', 'read', 'LK_A', ['admin']),
  row('payload-locked-documents', 'read', 'LK_B', NOBODY),
  row('payload-locked-documents', 'update', 'LK_A', ['admin']),
  row('payload-locked-documents', 'update', 'LK_B', NOBODY),
  row('payload-locked-documents', 'delete', 'fresh lock of adminA', ['admin']),
  row('payload-locked-documents', 'delete', 'fresh lock of adminB', NOBODY),
  row('payload-preferences', 'read', 'PF_A', ['admin']),
  row('payload-preferences', 'read', 'PF_B', NOBODY),
  row('payload-preferences', 'update', 'PF_A', ['admin']),
  row('payload-preferences', 'update', 'PF_B', NOBODY),

  // User groups: Admins and Members see all of A's; a Workforce Manager the groups it manages; a Tasker the
  // groups it belongs to. Admins and Workforce Managers create them; a WFM edits only the ones it manages.
  row('user-groups', 'read', 'G1', ['admin', 'member', 'workforce-manager']),
  row('user-groups', 'read', 'G2', ['admin', 'member', 'tasker']),
  row('user-groups', 'read', 'GB', NOBODY),
  row('user-groups', 'update', 'G1', ['admin', 'workforce-manager']),
  row('user-groups', 'update', 'G2', ['admin']),
  row('user-groups', 'update', 'GB', NOBODY),
  row('user-groups', 'delete', 'fresh group in A managed by wfmA', ['admin', 'workforce-manager']),
  row('user-groups', 'delete', 'fresh group in A managed by adminA', ['admin']),
  row('user-groups', 'delete', 'fresh group in B', NOBODY),
  row('user-groups', 'create', 'group in A', ['admin', 'workforce-manager']),
  row('user-groups', 'create', 'group in B', NOBODY),

  // Users (the host's auth collection): everyone sees themselves; Admins and Members see A's people; a WFM
  // its Taskers and managed group members; a Tasker nobody else. People change only their own account;
  // only super-admins delete accounts; Admins and Workforce Managers onboard new ones.
  row('users', 'read', 'u:adminA', ['admin', 'member']),
  row('users', 'read', 'u:wfmA', ['admin', 'member', 'workforce-manager']),
  row('users', 'read', 'u:memberA', ['admin', 'member']),
  row('users', 'read', 'u:taskerA', ['admin', 'member', 'workforce-manager', 'tasker']),
  row('users', 'read', 'u:tasker2A', ['admin', 'member', 'workforce-manager']),
  row('users', 'read', 'u:member2A', ['admin', 'member', 'workforce-manager']),
  row('users', 'read', 'u:adminB', NOBODY),
  row('users', 'read', 'u:taskerB', NOBODY),
  row('users', 'read', 'u:outsider', ['none']),
  row('users', 'update', 'u:adminA', ['admin']),
  row('users', 'update', 'u:wfmA', ['workforce-manager']),
  row('users', 'update', 'u:memberA', ['member']),
  row('users', 'update', 'u:taskerA', ['tasker']),
  row('users', 'update', 'u:tasker2A', NOBODY),
  row('users', 'update', 'u:adminB', NOBODY),
  row('users', 'update', 'u:outsider', ['none']),
  row('users', 'delete', 'fresh user, tasker in A', NOBODY),
  row('users', 'delete', 'fresh user in no workspace', NOBODY),
  row('users', 'create', 'new user', ['admin', 'workforce-manager']),

  // Projects: Admins see all; Members and Workforce Managers what they created or were invited to; Taskers
  // only the projects they are assigned to. The creator (a project Admin) and workspace Admins edit it.
  row('projects', 'read', 'P1', ['admin', 'member', 'tasker']),
  row('projects', 'read', 'P2', ['admin']),
  row('projects', 'read', 'PB', NOBODY),
  row('projects', 'update', 'P1', ['admin', 'member']),
  row('projects', 'update', 'P2', ['admin']),
  row('projects', 'update', 'PB', NOBODY),
  row('projects', 'delete', 'fresh project created by memberA', ['admin', 'member']),
  row('projects', 'delete', 'fresh project created by adminA', ['admin']),
  row('projects', 'create', 'project in A', ['admin', 'workforce-manager', 'member']),
  row('projects', 'create', 'project in B', NOBODY),

  // Datasets: Taskers never list datasets; everyone else sees what they created or what their projects use.
  row('datasets', 'read', 'D1', ['admin', 'member']),
  row('datasets', 'read', 'D2', ['admin']),
  row('datasets', 'read', 'DB', NOBODY),
  row('datasets', 'update', 'D1', ['admin', 'member']),
  row('datasets', 'update', 'D2', ['admin']),
  row('datasets', 'update', 'DB', NOBODY),
  row('datasets', 'delete', 'fresh dataset created by memberA', ['admin', 'member']),
  row('datasets', 'delete', 'fresh dataset created by adminA', ['admin']),
  row('datasets', 'create', 'dataset in A', ['admin', 'workforce-manager', 'member']),
  row('datasets', 'create', 'dataset in B', NOBODY),

  // Ontologies: like datasets, but a Tasker reads the ontology of a project it works on.
  row('ontologies', 'read', 'O1', ['admin', 'member', 'tasker']),
  row('ontologies', 'read', 'O2', ['admin']),
  row('ontologies', 'read', 'OB', NOBODY),
  row('ontologies', 'update', 'O1', ['admin', 'member']),
  row('ontologies', 'update', 'O2', ['admin']),
  row('ontologies', 'update', 'OB', NOBODY),
  row('ontologies', 'delete', 'fresh ontology created by memberA', ['admin', 'member']),
  row('ontologies', 'delete', 'fresh ontology created by adminA', ['admin']),
  row('ontologies', 'create', 'ontology in A', ['admin', 'workforce-manager', 'member']),
  row('ontologies', 'create', 'ontology in B', NOBODY),

  // Data items follow their dataset; a Tasker reads the items its projects label.
  row('data-items', 'read', 'I1', ['admin', 'member', 'tasker']),
  row('data-items', 'read', 'I2', ['admin']),
  row('data-items', 'read', 'IB', NOBODY),
  row('data-items', 'update', 'I1', ['admin', 'member']),
  row('data-items', 'update', 'I2', ['admin']),
  row('data-items', 'update', 'IB', NOBODY),
  row('data-items', 'delete', 'fresh item in D1', ['admin', 'member']),
  row('data-items', 'delete', 'fresh item in D2', ['admin']),
  row('data-items', 'create', 'item in D1', ['admin', 'member']),
  row('data-items', 'create', 'item in D2', ['admin']),
  row('data-items', 'create', 'item in DB', NOBODY),

  // Tasks: workspace Admins and the project's Admins/Team Managers see and manage them; workers see the tasks
  // they hold (the queue serves them). Tasks come only from datasets; stage and status move only by actions.
  row('tasks', 'read', 'T1', ['admin', 'member']),
  row('tasks', 'read', 'TB', NOBODY),
  row('tasks', 'update', 'T1', ['admin', 'member']),
  row('tasks', 'update', 'TB', NOBODY),
  row('tasks', 'delete', 'fresh untouched task of P1', ['admin', 'member']),
  row('tasks', 'create', 'task in P1', NOBODY),

  // The journal: read like tasks; nobody writes it through an API.
  row('task-events', 'read', 'E1', ['admin', 'member']),
  row('task-events', 'read', 'EB', NOBODY),
  row('task-events', 'update', 'E1', NOBODY),
  row('task-events', 'delete', 'an event of P1', NOBODY),
  row('task-events', 'create', 'event in P1', NOBODY),

  // The audit trail: the workspace's Admins read it; nobody writes, changes or deletes an entry through any API.
  row('audit-events', 'read', 'AU1', ['admin']),
  row('audit-events', 'read', 'AUB', NOBODY),
  row('audit-events', 'update', 'AU1', NOBODY),
  row('audit-events', 'delete', 'an audit entry of A', NOBODY),
  row('audit-events', 'create', 'audit entry in A', NOBODY),

  // Webhooks: whoever runs the project keeps them (workspace Admins, and P1's creator memberA); their delivery
  // log is read by the same people and written by nobody through any API (the database and the worker write it).
  row('webhook-subscriptions', 'read', 'WH1', ['admin', 'member']),
  row('webhook-subscriptions', 'read', 'WHB', NOBODY),
  row('webhook-subscriptions', 'update', 'WH1', ['admin', 'member']),
  row('webhook-subscriptions', 'update', 'WHB', NOBODY),
  row('webhook-subscriptions', 'delete', 'fresh webhook on P1', ['admin', 'member']),
  row('webhook-subscriptions', 'create', 'webhook on P1', ['admin', 'member']),
  row('webhook-deliveries', 'read', 'WD1', ['admin', 'member']),
  row('webhook-deliveries', 'read', 'WDB', NOBODY),
  row('webhook-deliveries', 'update', 'WD1', NOBODY),
  row('webhook-deliveries', 'delete', 'a delivery of P1', NOBODY),
  row('webhook-deliveries', 'create', 'delivery in P1', NOBODY),

  // Labels: their author and whoever runs the project read them; nobody writes them through CRUD (only the
  // label endpoint, by the author holding the lease: tests/api/labels.test.ts).
  row('labels', 'read', 'L1', ['admin', 'member', 'tasker']),
  row('labels', 'read', 'LB', NOBODY),
  row('labels', 'update', 'L1', NOBODY),
  row('labels', 'delete', 'fresh label on T1', NOBODY),
  row('labels', 'create', 'label on T1', NOBODY),

  // Issues: the people in an issue (here taskerA, its assignee) and whoever runs the project see and update it;
  // raising one on a task takes working that task or running its project (T1 is untouched: managers only);
  // deleting takes running the project.
  row('issues', 'read', 'IS1', ['admin', 'member', 'tasker']),
  row('issues', 'read', 'ISB', NOBODY),
  row('issues', 'update', 'IS1', ['admin', 'member', 'tasker']),
  row('issues', 'update', 'ISB', NOBODY),
  row('issues', 'delete', 'fresh issue on T1', ['admin', 'member']),
  row('issues', 'create', 'issue on T1', ['admin', 'member']),
]

/**
 * The queue's operations, by the same actors, on P1 (In progress for these cases; T1 held by taskerA for the
 * heartbeat) and on B's PB. Claims and the listing: whoever works on the project — its Admins and Team
 * Managers, its Annotators and Reviewers — and workspace Admins; a heartbeat only by the lease's holder; bulk
 * queue operations only by those who run the project.
 */
export const QUEUE_OPERATIONS = ['claim next', 'claim task', 'heartbeat', 'bulk', 'queue listing'] as const
export type QueueOperation = (typeof QUEUE_OPERATIONS)[number]
export type QueuePolicyRow = { operation: QueueOperation; target: 'P1' | 'PB'; allow: readonly ActorName[] }
const queueRow = (operation: QueueOperation, target: 'P1' | 'PB', allow: readonly ActorName[]): QueuePolicyRow => ({
  operation,
  target,
  allow,
})

export const QUEUE_POLICY: QueuePolicyRow[] = [
  queueRow('claim next', 'P1', ['admin', 'member', 'tasker']),
  queueRow('claim next', 'PB', NOBODY),
  queueRow('claim task', 'P1', ['admin', 'member', 'tasker']),
  queueRow('claim task', 'PB', NOBODY),
  queueRow('heartbeat', 'P1', ['tasker']),
  queueRow('heartbeat', 'PB', NOBODY),
  queueRow('bulk', 'P1', ['admin', 'member']),
  queueRow('bulk', 'PB', NOBODY),
  queueRow('queue listing', 'P1', ['admin', 'member', 'tasker']),
  queueRow('queue listing', 'PB', NOBODY),
]

/**
 * The workspace report (GET /api/workspaces/:id/analytics; GraphQL workspaceAnalytics): the workspace's Admins
 * only — a project's team reads its Analytics tab instead.
 */
export const REPORT_POLICY: ReadonlyArray<{ target: 'A' | 'B'; allow: readonly ActorName[] }> = [
  { target: 'A', allow: ['admin'] },
  { target: 'B', allow: NOBODY },
]

/**
 * The project half of the policy: for each project capability, a case on P1 (In progress, Annotate -> Review
 * -> Complete, one task T1 for I1) and the project seats ALLOWED; every other seat is denied. Written from the
 * README's "who may do what", independently of PROJECT_CAPABILITIES in src/roles.ts, which it checks.
 *
 * Seats (one person each, all in workspace A): annotator (taskerA, Annotator of P1), reviewer (tasker2A,
 * Reviewer through group G1), team-manager (tmA, a Member who is P1's Team Manager), project-admin (memberA,
 * P1's creator and Admin), workspace-admin (adminA, no project role), and no-project-role (wfmA: in A, not in P1).
 * "holding T1" means the case starts with T1's lease held by that seat; otherwise nobody holds it.
 */
export const PROJECT_SEAT_ACTORS = ['annotator', 'reviewer', 'team-manager', 'project-admin', 'workspace-admin', 'no-project-role'] as const
export type ProjectSeatActor = (typeof PROJECT_SEAT_ACTORS)[number]

export const PROJECT_CASES = [
  'claim next task',
  'submit T1 in annotate, holding it',
  'submit T1 in annotate, nobody holding it',
  'approve T1 in review, holding it',
  'approve T1 in review, nobody holding it',
  'move T1 to review',
  'bulk set-priority on T1',
  'list the queue',
  'list the queue and see T1 held by someone else',
  'save a draft label on T1, holding it',
  'raise an issue on T1, holding it',
  'raise an issue on T1, nobody holding it',
  'retitle an issue one raised',
  'retitle an issue someone else raised (one is assigned it)',
  'pause the project',
  'add a project Admin',
  'submit T1 in a Paused project, holding it',
  'rename an Archived project',
  'read T1, nobody holding it',
  "read P1's analytics",
  "read another person's analytics in P1",
  "export P1's labels",
  'import pre-labels into P1',
] as const
export type ProjectCase = (typeof PROJECT_CASES)[number]
export type ProjectPolicyRow = { capability: string; scope: 'own' | 'team'; case: ProjectCase; allow: readonly ProjectSeatActor[] }

const WORKERS_AND_RUNNERS = ['annotator', 'reviewer', 'team-manager', 'project-admin', 'workspace-admin'] as const
const RUNNERS = ['team-manager', 'project-admin', 'workspace-admin'] as const
const projectRow = (
  capability: string,
  scope: 'own' | 'team',
  projectCase: ProjectCase,
  allow: readonly ProjectSeatActor[],
): ProjectPolicyRow => ({ capability, scope, case: projectCase, allow })

export const PROJECT_POLICY: ProjectPolicyRow[] = [
  // Whoever works on the project is served tasks (a Reviewer is told "nothing for you" while T1 is in annotate).
  projectRow('project.claim', 'own', 'claim next task', WORKERS_AND_RUNNERS),
  // Annotate stages: Annotators on what they hold; those who run the project also on a task nobody holds.
  projectRow('project.annotate', 'own', 'submit T1 in annotate, holding it', ['annotator', ...RUNNERS]),
  projectRow('project.annotate', 'team', 'submit T1 in annotate, nobody holding it', RUNNERS),
  // Review stages: the same for Reviewers.
  projectRow('project.review', 'own', 'approve T1 in review, holding it', ['reviewer', ...RUNNERS]),
  projectRow('project.review', 'team', 'approve T1 in review, nobody holding it', RUNNERS),
  // Moving tasks and bulk queue operations: those who run the project.
  projectRow('project.move', 'team', 'move T1 to review', RUNNERS),
  projectRow('project.bulk', 'team', 'bulk set-priority on T1', RUNNERS),
  // The queue: everyone on the project sees theirs; only those who run it see tasks others hold.
  projectRow('project.queue.read', 'own', 'list the queue', WORKERS_AND_RUNNERS),
  projectRow('project.queue.read', 'team', 'list the queue and see T1 held by someone else', RUNNERS),
  // Labels: drawn by whoever annotates, holding the task (managers too claim first); never by a Reviewer.
  projectRow('project.labels.write', 'own', 'save a draft label on T1, holding it', ['annotator', ...RUNNERS]),
  // Issues: raised on a task one works, or on any task by those who run the project; what an issue says is
  // changed by who raised it, or by those who run the project.
  projectRow('project.issues.raise', 'own', 'raise an issue on T1, holding it', WORKERS_AND_RUNNERS),
  projectRow('project.issues.raise', 'team', 'raise an issue on T1, nobody holding it', RUNNERS),
  projectRow('project.issues.edit', 'own', 'retitle an issue one raised', WORKERS_AND_RUNNERS),
  projectRow('project.issues.edit', 'team', 'retitle an issue someone else raised (one is assigned it)', RUNNERS),
  // The project itself: status by those who run it; Admin rows by project and workspace Admins only.
  projectRow('project.status.update', 'team', 'pause the project', RUNNERS),
  projectRow('project.collaborators.admins', 'team', 'add a project Admin', ['project-admin', 'workspace-admin']),
  // Outside In progress only those who run the project work; an Archived project only workspace Admins change.
  projectRow('project.inactive.write', 'team', 'submit T1 in a Paused project, holding it', RUNNERS),
  projectRow('project.archived.write', 'team', 'rename an Archived project', ['workspace-admin']),
  // Running the project: every task of it, held by anyone or nobody.
  projectRow('project.manage', 'team', 'read T1, nobody holding it', RUNNERS),
  // Analytics: everyone on the project sees their own figures; those who run it see anyone's.
  projectRow('project.analytics.read', 'own', "read P1's analytics", WORKERS_AND_RUNNERS),
  projectRow('project.analytics.read', 'team', "read another person's analytics in P1", RUNNERS),
  // Labels out and in (export, pre-labels and gold sets): those who run the project.
  projectRow('project.labels.export', 'team', "export P1's labels", RUNNERS),
  projectRow('project.labels.import', 'team', 'import pre-labels into P1', RUNNERS),
]
