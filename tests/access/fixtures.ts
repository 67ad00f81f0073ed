import type { Payload } from 'payload'

import type { TestApi } from '../helpers/api.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import type { ActorName, ProjectSeatActor, Resource } from './policy-table.ts'

type Id = number | string
const PASSWORD = 'policy-pass-123'

/** The world the policy table talks about, built through the Local API as the system (no user). */
export async function buildPolicyWorld(api: TestApi) {
  const { payload } = api
  let serial = 0
  const unique = (prefix: string) => `${prefix}-${++serial}-${Date.now().toString(36)}`
  const user = async (handle: string) =>
    (await payload.create({ collection: 'users', data: { email: `${handle}@policy.test`, password: PASSWORD } })).id
  const workspace = async (name: string) => (await payload.create({ collection: 'workspaces', data: { name } })).id
  const member = async (ws: Id, userId: Id, role: string) =>
    (await payload.create({ collection: 'workspace-members', data: { workspace: ws, user: userId, role } as never })).id
  const group = async (ws: Id, members: Id[], managers: Id[]) =>
    (await payload.create({ collection: 'user-groups', data: { workspace: ws, name: unique('group'), members, managers } as never })).id

  // the demo host makes its first user a super-admin: take that seat before any actor does
  const root = await user('root')
  const A = await workspace('Workspace A')
  const B = await workspace('Workspace B')
  const users: Record<string, Id> = {}
  for (const handle of ['adminA', 'wfmA', 'memberA', 'taskerA', 'tasker2A', 'member2A', 'adminB', 'taskerB', 'outsider']) {
    users[handle] = await user(handle)
  }
  const memberships: Record<string, Id> = {
    adminA: await member(A, users.adminA!, 'admin'),
    wfmA: await member(A, users.wfmA!, 'workforce-manager'),
    memberA: await member(A, users.memberA!, 'member'),
    taskerA: await member(A, users.taskerA!, 'tasker'),
    tasker2A: await member(A, users.tasker2A!, 'tasker'),
    member2A: await member(A, users.member2A!, 'member'),
    adminB: await member(B, users.adminB!, 'admin'),
    taskerB: await member(B, users.taskerB!, 'tasker'),
  }
  const groups: Record<string, Id> = {
    G1: await group(A, [users.tasker2A!, users.member2A!], [users.wfmA!]),
    G2: await group(A, [users.taskerA!], [users.adminA!]),
    GB: await group(B, [users.taskerB!], [users.adminB!]),
  }

  // projects, datasets, ontologies and items, created "by" a user (createdBy is what the scopes read)
  const by = (handle: string) => ({ createdBy: users[handle] })
  const dataset = async (ws: Id, creator: string) =>
    (await payload.create({ collection: 'datasets', data: { workspace: ws, name: unique('dataset'), ...by(creator) } as never })).id
  const ontology = async (ws: Id, creator: string) =>
    (await payload.create({ collection: 'ontologies', data: { workspace: ws, name: unique('ontology'), ...by(creator) } as never })).id
  const item = async (datasetId: Id) =>
    (
      await payload.create({
        collection: 'data-items',
        data: {
          dataset: datasetId,
          name: unique('item'),
          type: 'image',
          source: { kind: 'url', url: 'https://example.com/a.png' },
        } as never,
      })
    ).id
  const project = async (ws: Id, creator: string, extra: Record<string, unknown> = {}) =>
    (
      await payload.create({
        collection: 'projects',
        data: {
          workspace: ws,
          name: unique('project'),
          collaborators: [{ user: users[creator], role: 'admin' }],
          ...by(creator),
          ...extra,
        } as never,
      })
    ).id

  const catalogue: Record<string, Id> = {}
  catalogue.D1 = await dataset(A, 'memberA')
  catalogue.D2 = await dataset(A, 'adminA')
  catalogue.DB = await dataset(B, 'adminB')
  catalogue.O1 = await ontology(A, 'memberA')
  catalogue.O2 = await ontology(A, 'adminA')
  catalogue.OB = await ontology(B, 'adminB')
  catalogue.I1 = await item(catalogue.D1)
  catalogue.I2 = await item(catalogue.D2)
  catalogue.IB = await item(catalogue.DB)
  const workflow = BUILT_IN_TEMPLATES['annotate-review-complete']!.graph
  catalogue.P1 = await project(A, 'memberA', {
    workflow,
    datasets: [catalogue.D1],
    ontology: catalogue.O1,
    collaborators: [
      { user: users.memberA, role: 'admin' },
      { user: users.taskerA, role: 'annotator' },
      { group: groups.G1, role: 'reviewer' },
    ],
  })
  catalogue.P2 = await project(A, 'adminA')
  // P1 is under way (its workers' issues and labels are live work); P2 has not started
  catalogue.PB = await project(B, 'adminB', { workflow, datasets: [catalogue.DB], ontology: catalogue.OB })
  for (const running of [catalogue.P1, catalogue.PB])
    await payload.update({ collection: 'projects', id: running, data: { status: 'in-progress' } as never })
  const taskOf = async (projectId: Id) =>
    (await payload.find({ collection: 'tasks', where: { project: { equals: projectId } }, limit: 1, depth: 0 })).docs[0]!.id
  const eventOf = async (taskId: Id) =>
    (await payload.find({ collection: 'task-events', where: { task: { equals: taskId } }, limit: 1, depth: 0 })).docs[0]!.id
  catalogue.T1 = await taskOf(catalogue.P1)
  catalogue.TB = await taskOf(catalogue.PB)
  catalogue.E1 = await eventOf(catalogue.T1)
  catalogue.EB = await eventOf(catalogue.TB)
  // labels and issues are written by LabelOps' operations; here the system writes them directly
  const label = async (ws: Id, projectId: Id, taskId: Id, author: Id) =>
    (
      await payload.create({
        collection: 'labels',
        data: { workspace: ws, project: projectId, task: taskId, author, objects: [], classifications: [] } as never,
      })
    ).id
  const issue = async (taskId: Id, assignee: Id) =>
    (await payload.create({ collection: 'issues', data: { task: taskId, title: unique('issue'), assignee } as never })).id
  catalogue.L1 = await label(A, catalogue.P1, catalogue.T1, users.taskerA!)
  catalogue.LB = await label(B, catalogue.PB, catalogue.TB, users.taskerB!)
  catalogue.IS1 = await issue(catalogue.T1, users.taskerA!)
  catalogue.ISB = await issue(catalogue.TB, users.taskerB!)
  // invitations, sent by the system: the outsider invited to A as a Tasker, a stranger to A as a Member, one in B
  const invitation = async (ws: Id, email: string, role: string) =>
    (await payload.create({ collection: 'workspace-invitations', data: { workspace: ws, email, role } as never })).id
  catalogue.INV_T = await invitation(A, 'outsider@policy.test', 'tasker')
  catalogue.INV_M = await invitation(A, 'stranger@policy.test', 'member')
  catalogue.INV_B = await invitation(B, 'stranger@policy.test', 'tasker')
  // Payload's own: a lock on a project held by each workspace's Admin, and a preference of each
  // (on invitations, which no case updates: saving a document releases its lock)
  const lock = async (holder: Id, invitationId: Id) =>
    (
      await payload.create({
        collection: 'payload-locked-documents',
        data: {
          document: { relationTo: 'workspace-invitations', value: invitationId },
          user: { relationTo: 'users', value: holder },
        } as never,
      })
    ).id
  // a preference's user is always the one saving it (a field hook sets it from the request)
  const preference = async (owner: Id) => {
    const user = { ...(await payload.findByID({ collection: 'users', id: owner })), collection: 'users' }
    return (
      await payload.create({
        collection: 'payload-preferences',
        data: { key: unique('pref'), value: { columns: [] } } as never,
        user: user as never,
      })
    ).id
  }
  catalogue.LK_A = await lock(users.adminA!, catalogue.INV_M)
  catalogue.LK_B = await lock(users.adminB!, catalogue.INV_B)
  catalogue.PF_A = await preference(users.adminA!)
  catalogue.PF_B = await preference(users.adminB!)
  // a webhook on P1 and one on PB (made by the system), each with one delivery in its log
  const webhook = async (projectId: Id) =>
    (
      await payload.create({
        collection: 'webhook-subscriptions',
        data: { project: projectId, url: `https://hooks.example.com/${unique('hook')}`, events: ['task.submitted'] } as never,
      })
    ).id
  const delivery = async (ws: Id, projectId: Id, subscription: Id) =>
    (
      await payload.create({
        collection: 'webhook-deliveries',
        data: {
          workspace: ws,
          project: projectId,
          subscription,
          event: 'task.submitted',
          messageId: `msg_${unique('d')}`,
          payload: { type: 'task.submitted', data: {} },
          status: 'delivered',
        } as never,
      })
    ).id
  catalogue.WH1 = await webhook(catalogue.P1!)
  catalogue.WHB = await webhook(catalogue.PB!)
  catalogue.WD1 = await delivery(A, catalogue.P1!, catalogue.WH1)
  catalogue.WDB = await delivery(B, catalogue.PB!, catalogue.WHB)
  // the audit trail recorded the set-up itself (as the system): one entry per workspace is kept, so the lists
  // hold exactly the targets the table names (the system removes the rest; no API can)
  const auditEntryOf = async (ws: Id) =>
    (await payload.find({ collection: 'audit-events', where: { workspace: { equals: ws } }, limit: 1, depth: 0 })).docs[0]!.id
  catalogue.AU1 = await auditEntryOf(A)
  catalogue.AUB = await auditEntryOf(B)
  await payload.delete({ collection: 'audit-events', where: { id: { not_in: [catalogue.AU1, catalogue.AUB] } } })

  const actorHandle: Record<ActorName, string | undefined> = {
    anonymous: undefined,
    none: 'outsider',
    admin: 'adminA',
    'workforce-manager': 'wfmA',
    member: 'memberA',
    tasker: 'taskerA',
  }
  const tokens: Partial<Record<ActorName, string>> = {}
  for (const [actor, handle] of Object.entries(actorHandle)) {
    if (handle) tokens[actor as ActorName] = await api.login(`${handle}@policy.test`, PASSWORD)
  }

  /** Ids of the static targets that read and update rows name. */
  const staticTarget = (resource: Resource, target: string): Id => {
    const found =
      resource === 'workspaces'
        ? { A, B }[target]
        : resource === 'workspace-members'
          ? memberships[target.replace(/^m:/, '')]
          : resource === 'user-groups'
            ? groups[target]
            : resource === 'users'
              ? users[target.replace(/^u:/, '')]
              : catalogue[target]
    if (found === undefined) throw new Error(`policy table names an unknown ${resource} target "${target}"`)
    return found
  }

  /** A new record to delete, made afresh for each case so every case starts from the same world. */
  const freshTarget = async (resource: Resource, target: string): Promise<Id> => {
    switch (`${resource}|${target}`) {
      case 'workspaces|fresh workspace like A': {
        const ws = await workspace(unique('ws'))
        for (const handle of ['adminA', 'wfmA', 'memberA', 'taskerA'] as const) {
          await member(ws, users[handle]!, { adminA: 'admin', wfmA: 'workforce-manager', memberA: 'member', taskerA: 'tasker' }[handle])
        }
        return ws
      }
      case 'workspaces|fresh workspace like B': {
        const ws = await workspace(unique('ws'))
        await member(ws, users.adminB!, 'admin')
        return ws
      }
      case 'workspace-members|fresh tasker membership in A':
        return member(A, await user(unique('fresh')), 'tasker')
      case 'workspace-members|fresh member membership in A':
        return member(A, await user(unique('fresh')), 'member')
      case 'workspace-members|fresh workforce-manager membership in A':
        return member(A, await user(unique('fresh')), 'workforce-manager')
      case 'workspace-members|fresh admin membership in A':
        return member(A, await user(unique('fresh')), 'admin')
      case 'workspace-members|fresh tasker membership in B':
        return member(B, await user(unique('fresh')), 'tasker')
      case 'user-groups|fresh group in A managed by wfmA':
        return group(A, [users.taskerA!], [users.wfmA!])
      case 'user-groups|fresh group in A managed by adminA':
        return group(A, [users.taskerA!], [users.adminA!])
      case 'user-groups|fresh group in B':
        return group(B, [users.taskerB!], [users.adminB!])
      case 'users|fresh user, tasker in A': {
        const id = await user(unique('fresh'))
        await member(A, id, 'tasker')
        return id
      }
      case 'users|fresh user in no workspace':
        return user(unique('fresh'))
      case 'projects|fresh project created by memberA':
        return project(A, 'memberA')
      case 'projects|fresh project created by adminA':
        return project(A, 'adminA')
      case 'datasets|fresh dataset created by memberA':
        return dataset(A, 'memberA')
      case 'datasets|fresh dataset created by adminA':
        return dataset(A, 'adminA')
      case 'ontologies|fresh ontology created by memberA':
        return ontology(A, 'memberA')
      case 'ontologies|fresh ontology created by adminA':
        return ontology(A, 'adminA')
      case 'data-items|fresh item in D1':
        return item(catalogue.D1!)
      case 'data-items|fresh item in D2':
        return item(catalogue.D2!)
      case 'tasks|fresh untouched task of P1': {
        const fresh = await item(catalogue.D1!)
        return (
          await payload.create({
            collection: 'tasks',
            data: { workspace: A, project: catalogue.P1, dataItem: fresh, stage: 'annotate' } as never,
          })
        ).id
      }
      case 'task-events|an event of P1':
        return catalogue.E1!
      case 'audit-events|an audit entry of A':
        return catalogue.AU1!
      case 'webhook-subscriptions|fresh webhook on P1':
        return webhook(catalogue.P1!)
      case 'webhook-deliveries|a delivery of P1':
        return catalogue.WD1!
      case 'labels|fresh label on T1':
        return label(A, catalogue.P1!, catalogue.T1!, await user(unique('author')))
      case 'issues|fresh issue on T1':
        return issue(catalogue.T1!, users.taskerA!)
      case 'workspace-invitations|fresh tasker invitation in A':
        return invitation(A, `${unique('invitee')}@policy.test`, 'tasker')
      case 'workspace-invitations|fresh member invitation in A':
        return invitation(A, `${unique('invitee')}@policy.test`, 'member')
      case 'payload-locked-documents|fresh lock of adminA':
        return lock(users.adminA!, catalogue.INV_T!)
      case 'payload-locked-documents|fresh lock of adminB':
        return lock(users.adminB!, catalogue.INV_B!)
      case 'workspace-invitations|fresh tasker invitation in B':
        return invitation(B, `${unique('invitee')}@policy.test`, 'tasker')
    }
    throw new Error(`no fresh ${resource} target "${target}"`)
  }

  /** The body of a create case, plus a where clause that finds what it would have created. */
  const createCase = async (resource: Resource, target: string): Promise<{ data: Record<string, unknown>; enums?: string[] }> => {
    const role = /^(\S+) in [AB]$/.exec(target)?.[1]
    const ws = target.endsWith(' in B') ? B : A
    switch (resource) {
      case 'workspaces':
        return { data: { name: unique('created') } }
      case 'workspace-members':
        return { data: { workspace: ws, user: await user(unique('new')), role }, enums: ['role'] }
      case 'workspace-invitations':
        return { data: { workspace: ws, email: `${unique('invitee')}@policy.test`, role }, enums: ['role'] }
      case 'payload-locked-documents':
      case 'payload-preferences':
        throw new Error(`the policy table has no create rows for ${resource}`)
      case 'user-groups':
        return { data: { workspace: ws, name: unique('created-group') } }
      case 'users':
        return { data: { email: `${unique('created')}@policy.test`, password: PASSWORD } }
      case 'projects':
        return { data: { workspace: ws, name: unique('created-project') } }
      case 'datasets':
        return { data: { workspace: ws, name: unique('created-dataset') } }
      case 'ontologies':
        return { data: { workspace: ws, name: unique('created-ontology') } }
      case 'tasks':
        return { data: { workspace: A, project: catalogue.P1, dataItem: catalogue.I1, stage: 'annotate' } }
      case 'task-events':
        return { data: { workspace: A, project: catalogue.P1, task: catalogue.T1, type: 'approved' }, enums: ['type'] }
      case 'audit-events':
        return { data: { workspace: A, action: 'update', resource: 'projects', summary: unique('forged') }, enums: ['action'] }
      // the workspace is taken from the project; GraphQL's input type still asks for one
      case 'webhook-subscriptions':
        return {
          data: { workspace: A, project: catalogue.P1, url: `https://hooks.example.com/${unique('created')}`, events: ['task.approved'] },
          enums: ['events'],
        }
      case 'webhook-deliveries':
        return {
          data: {
            workspace: A,
            project: catalogue.P1,
            subscription: catalogue.WH1,
            event: 'task.approved',
            messageId: `msg_${unique('forged')}`,
            payload: { type: 'task.approved' },
            status: 'pending',
            attempts: 0,
          },
          enums: ['status'],
        }
      case 'labels':
        return { data: { workspace: A, project: catalogue.P1, task: catalogue.T1, author: users.memberA } }
      // the workspace is taken from the task; GraphQL's input type still asks for one
      case 'issues':
        return { data: { workspace: A, task: catalogue.T1, title: unique('raised') } }
      case 'data-items': {
        const datasetId = catalogue[target.replace(/^item in /, '')]!
        return {
          data: {
            dataset: datasetId,
            name: unique('created-item'),
            type: 'image',
            source: { kind: 'url', url: 'https://example.com/b.png' },
          },
          enums: ['type', 'kind'],
        }
      }
    }
  }

  return { root, A, B, catalogue, users, memberships, groups, tokens, staticTarget, freshTarget, createCase, unique }
}

export type PolicyWorld = Awaited<ReturnType<typeof buildPolicyWorld>>

/** What an update case writes, and the stored field that shows whether it landed. */
export function harmlessUpdate(
  resource: Resource,
  marker: string,
  current: Record<string, unknown>,
): { data: Record<string, unknown>; enums?: string[] } {
  switch (resource) {
    case 'workspaces':
      return { data: { name: marker } }
    case 'workspace-members':
      return { data: { role: current.role }, enums: ['role'] } // same role: only updatedAt moves
    case 'workspace-invitations':
      return { data: { workspaceName: marker } }
    case 'payload-locked-documents':
      return { data: { globalSlug: marker } }
    case 'payload-preferences':
      return { data: { value: { marker } } }
    case 'user-groups':
      return { data: { description: marker } }
    case 'users':
      return { data: { name: marker } }
    case 'projects':
      return { data: { name: marker } }
    case 'datasets':
      return { data: { description: marker } }
    case 'ontologies':
      return { data: { name: marker } }
    case 'data-items':
      return { data: { name: marker } }
    case 'tasks':
      return { data: { priority: Number(current.priority) === 60 ? 61 : 60 } }
    case 'task-events':
      return { data: { note: marker } }
    case 'audit-events':
      return { data: { summary: marker } }
    case 'webhook-subscriptions':
      return { data: { description: marker } }
    case 'webhook-deliveries':
      return { data: { lastError: marker } }
    case 'labels':
      return { data: { objects: [] } }
    case 'issues':
      return { data: { resolutionNote: marker } }
  }
}

export const storedDoc = (payload: Payload, resource: Resource, id: Id) =>
  payload.findByID({ collection: resource, id, depth: 0, overrideAccess: true, disableErrors: true }) as Promise<Record<
    string,
    unknown
  > | null>

/**
 * The project seats of PROJECT_POLICY on top of the policy world: tmA (a Member of A) joins P1 as its Team
 * Manager; each seat signs in. P1's collaborators then: memberA Admin, taskerA Annotator, G1 Reviewers, tmA
 * Team Manager (`collaborators`, to put them back after a case changed them).
 */
export async function addProjectSeats(api: TestApi, world: PolicyWorld) {
  const { payload } = api
  const tmA = (await payload.create({ collection: 'users', data: { email: 'tmA@policy.test', password: PASSWORD } })).id
  await payload.create({ collection: 'workspace-members', data: { workspace: world.A, user: tmA, role: 'member' } as never })
  const collaborators = [
    { user: world.users.memberA, role: 'admin' },
    { user: world.users.taskerA, role: 'annotator' },
    { group: world.groups.G1, role: 'reviewer' },
    { user: tmA, role: 'team-manager' },
  ]
  await payload.update({ collection: 'projects', id: world.catalogue.P1!, data: { collaborators } as never })
  const handles: Record<ProjectSeatActor, string> = {
    annotator: 'taskerA',
    reviewer: 'tasker2A',
    'team-manager': 'tmA',
    'project-admin': 'memberA',
    'workspace-admin': 'adminA',
    'no-project-role': 'wfmA',
  }
  const users: Record<string, Id> = { ...world.users, tmA }
  const seatUsers = {} as Record<ProjectSeatActor, Id>
  const seatTokens = {} as Record<ProjectSeatActor, string>
  for (const [seat, handle] of Object.entries(handles) as Array<[ProjectSeatActor, string]>) {
    seatUsers[seat] = users[handle]!
    seatTokens[seat] = await api.login(`${handle}@policy.test`, PASSWORD)
  }
  return { seatUsers, seatTokens, collaborators }
}
