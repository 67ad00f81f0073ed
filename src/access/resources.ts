import type { Access, Where } from 'payload'

import { type Actor, type Id, loadActor, sameId } from './actor.ts'
import { anyOf } from './compose.ts'
import { grantsOf } from './grants.ts'
import { projectRolesWith } from '../domain/projects/capabilities.ts'
import { loadVisibleUserIds } from '../sql/access/actorRows.ts'
import { type ScopeResolver, scopedAccess } from './scopedAccess.ts'

const inWorkspaces = (workspaces: Id[]) => ({ workspace: { in: workspaces } })
const groupsIn = (groups: Actor['managedGroups'], workspaces: Id[]) =>
  groups.filter((group) => workspaces.some((workspace) => sameId(workspace, group.workspace))).map((group) => group.id)

/** The people in the groups the actor manages in `workspaces` (loaded with the actor). */
const managedPeopleIn = (actor: Actor, workspaces: Id[]): Id[] => [
  ...new Set(actor.managedPeople.filter((tie) => workspaces.some((workspace) => sameId(workspace, tie.workspace))).map((tie) => tie.user)),
]

export const workspacesAccess = (capability: 'workspaces.read' | 'workspaces.update' | 'workspaces.delete') =>
  scopedAccess(capability, { all: ({ workspaces }) => ({ id: { in: workspaces } }) })

export const workspaceMembersAccess = (capability: 'workspaceMembers.read' | 'workspaceMembers.update' | 'workspaceMembers.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    taskers: ({ workspaces }) => ({ and: [inWorkspaces(workspaces), { role: { equals: 'tasker' } }] }),
    own: ({ actor, workspaces }) => ({ and: [inWorkspaces(workspaces), { user: { equals: actor.userId } }] }),
    managed: ({ actor, workspaces }) => {
      const users = managedPeopleIn(actor, workspaces)
      return users.length > 0 && { and: [inWorkspaces(workspaces), { user: { in: users } }] }
    },
  })

export const userGroupsAccess = (capability: 'userGroups.read' | 'userGroups.update' | 'userGroups.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    managed: ({ actor, workspaces }) => {
      const ids = groupsIn(actor.managedGroups, workspaces)
      return ids.length > 0 && { id: { in: ids } }
    },
    own: ({ actor, workspaces }) => {
      const ids = groupsIn(actor.memberGroups, workspaces)
      return ids.length > 0 && { id: { in: ids } }
    },
  })

/**
 * The people directory (read access added to the host's users collection): everyone sees themselves;
 * beyond that, the users.read grants — all members, Taskers, or members of managed groups — in one query.
 */
export const usersReadAccess: Access = async ({ req }) => {
  const actor = await loadActor(req)
  if (!actor) return false
  if (actor.superAdmin) return true
  const grants = grantsOf(actor, 'users.read')
  req.context.labelOpsVisibleUsers ??= loadVisibleUserIds(req, { allIn: grants.get('all') ?? [], taskersIn: grants.get('taskers') ?? [] })
  const visible = [...((await req.context.labelOpsVisibleUsers) as Id[]), ...managedPeopleIn(actor, grants.get('managed') ?? [])]
  const others = visible.filter((id) => !sameId(id, actor.userId))
  return anyOf([{ id: { equals: actor.userId } }, ...(others.length > 0 ? [{ id: { in: others } }] : [])])
}

/** Users change only their own account (super-admins any). */
export const usersUpdateAccess: Access = async ({ req, id }) => {
  const actor = await loadActor(req)
  if (!actor) return false
  if (actor.superAdmin) return true
  return id !== undefined ? sameId(id, actor.userId) : { id: { equals: actor.userId } }
}

const idsIn = (ties: Array<{ id: Id; workspace: Id }>, workspaces: Id[]) => [
  ...new Set(ties.filter((tie) => workspaces.some((workspace) => sameId(workspace, tie.workspace))).map((tie) => tie.id)),
]
const createdBy = (actor: Actor, workspaces: Id[]) => ({ and: [inWorkspaces(workspaces), { createdBy: { equals: actor.userId } }] })
const idIn = (ids: Id[]) => ids.length > 0 && { id: { in: ids } }

/** The projects the actor runs (their project roles hold project.manage there): the 'project-managed' scope. */
const RUNNING_ROLES = projectRolesWith('project.manage')
const managedProjectsIn = (actor: Actor, workspaces: Id[]) =>
  idsIn(
    actor.projectRoles.filter((tie) => RUNNING_ROLES.includes(tie.role)).map((tie) => ({ id: tie.project, workspace: tie.workspace })),
    workspaces,
  )

export const projectsAccess = (capability: 'projects.read' | 'projects.update' | 'projects.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    created: ({ actor, workspaces }) => createdBy(actor, workspaces),
    invited: ({ actor, workspaces }) =>
      idIn(
        idsIn(
          actor.projectRoles.map((tie) => ({ id: tie.project, workspace: tie.workspace })),
          workspaces,
        ),
      ),
    'project-managed': ({ actor, workspaces }) => idIn(managedProjectsIn(actor, workspaces)),
  })

export const datasetsAccess = (capability: 'datasets.read' | 'datasets.update' | 'datasets.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    created: ({ actor, workspaces }) => createdBy(actor, workspaces),
    invited: ({ actor, workspaces }) => idIn(idsIn(actor.projectDatasets, workspaces)),
  })

export const ontologiesAccess = (capability: 'ontologies.read' | 'ontologies.update' | 'ontologies.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    created: ({ actor, workspaces }) => createdBy(actor, workspaces),
    invited: ({ actor, workspaces }) => idIn(idsIn(actor.projectOntologies, workspaces)),
  })

/** Data items follow their dataset: "created" means items of datasets the actor created. */
export const dataItemsAccess = (capability: 'dataItems.read' | 'dataItems.update' | 'dataItems.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    created: ({ actor, workspaces }) => ({ and: [inWorkspaces(workspaces), { 'dataset.createdBy': { equals: actor.userId } }] }),
    invited: ({ actor, workspaces }) => {
      const datasets = idsIn(actor.projectDatasets, workspaces)
      return datasets.length > 0 && { dataset: { in: datasets } }
    },
  })

/** The records (tasks, events, labels, issues...) of the projects the actor runs as project Admin or Team Manager. */
const inManagedProjects: ScopeResolver = ({ actor, workspaces }) => {
  const projects = managedProjectsIn(actor, workspaces)
  return projects.length > 0 && { project: { in: projects } }
}

export const workflowTemplatesAccess = (capability: 'workflowTemplates.read' | 'workflowTemplates.update' | 'workflowTemplates.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    created: ({ actor, workspaces }) => createdBy(actor, workspaces),
  })

/** Tasks: all of a workspace, every task of the projects one runs, or the ones one holds. */
export const tasksAccess = (capability: 'tasks.read' | 'tasks.update' | 'tasks.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    'project-managed': inManagedProjects,
    own: ({ actor, workspaces }): Where => ({
      and: [inWorkspaces(workspaces), { or: [{ assignee: { equals: actor.userId } }, { leaseHolder: { equals: actor.userId } }] }],
    }),
  })

/** The journal: all of a workspace, the events of the projects one runs, or one's own actions. */
export const taskEventsAccess = scopedAccess('taskEvents.read', {
  all: ({ workspaces }) => inWorkspaces(workspaces),
  'project-managed': inManagedProjects,
  own: ({ actor, workspaces }) => ({ and: [inWorkspaces(workspaces), { actor: { equals: actor.userId } }] }),
})

/** Consensus branches: all of a workspace, the branches of the projects one runs, or one's own. */
export const consensusBranchesAccess = scopedAccess('consensusBranches.read', {
  all: ({ workspaces }) => inWorkspaces(workspaces),
  'project-managed': inManagedProjects,
  own: ({ actor, workspaces }) => ({ and: [inWorkspaces(workspaces), { annotator: { equals: actor.userId } }] }),
})

/** Issues: all of a workspace, the issues of the projects one runs, or the ones one takes part in. */
export const issuesAccess = (capability: 'issues.read' | 'issues.update' | 'issues.delete') =>
  scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    'project-managed': inManagedProjects,
    own: ({ actor, workspaces }) => ({ and: [inWorkspaces(workspaces), { participants: { in: [actor.userId] } }] }),
  })

/** Labels: all of a workspace, the labels of the projects one runs, or one's own. */
export const labelsAccess = scopedAccess('labels.read', {
  all: ({ workspaces }) => inWorkspaces(workspaces),
  'project-managed': inManagedProjects,
  own: ({ actor, workspaces }) => ({ and: [inWorkspaces(workspaces), { author: { equals: actor.userId } }] }),
})

/**
 * Invitations: Admins see their workspaces' invitations, Workforce Managers those for Taskers; everyone
 * signed in also sees the invitations addressed to their own email (to accept or decline them).
 */
export const invitationsAccess = (capability: 'invitations.read' | 'invitations.delete'): Access => {
  const scoped = scopedAccess(capability, {
    all: ({ workspaces }) => inWorkspaces(workspaces),
    taskers: ({ workspaces }) => ({ and: [inWorkspaces(workspaces), { role: { equals: 'tasker' } }] }),
  })
  return async (args) => {
    const result = await scoped(args)
    const email = (args.req.user as { email?: unknown } | null)?.email
    if (result === true || capability !== 'invitations.read' || typeof email !== 'string') return result
    return anyOf([...(result ? [result] : []), { email: { equals: email.trim().toLowerCase() } }])
  }
}

/** The audit trail: a workspace's Admins read all of it; nobody else any. */
export const auditEventsAccess = scopedAccess('auditEvents.read', { all: ({ workspaces }) => inWorkspaces(workspaces) })

/** Webhooks and their deliveries: all of a workspace, or those of the projects one runs. */
export const webhookSubscriptionsAccess = (
  capability: 'webhookSubscriptions.read' | 'webhookSubscriptions.update' | 'webhookSubscriptions.delete',
) => scopedAccess(capability, { all: ({ workspaces }) => inWorkspaces(workspaces), 'project-managed': inManagedProjects })
export const webhookDeliveriesAccess = scopedAccess('webhookDeliveries.read', {
  all: ({ workspaces }) => inWorkspaces(workspaces),
  'project-managed': inManagedProjects,
})

/** Imported pre-labels and gold sets: all of a workspace, or those of the projects one runs. */
export const referenceLabelsAccess = scopedAccess('referenceLabels.read', {
  all: ({ workspaces }) => inWorkspaces(workspaces),
  'project-managed': inManagedProjects,
})

/**
 * Creating a webhook takes running its project (project.manage, checked by the collection's rules once the
 * project is known); Payload's create access sees only whether the caller is signed in with a workspace.
 */
export const webhookSubscriptionsCreateAccess: Access = async ({ req }) => {
  const actor = await loadActor(req)
  return Boolean(actor && (actor.superAdmin || actor.memberships.length > 0))
}
