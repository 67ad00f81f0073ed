import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { createStreetOntology } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * The audit trail over REST and GraphQL: administrative changes — memberships and roles, invitations, groups,
 * project status, collaborators and settings, ontologies, bulk queue operations — each recorded with who made
 * it and what it was before and after; readable by the workspace's Admins only; changed by nobody.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number | string

type Entry = {
  id: number | string
  actor: number | string | null
  action: string
  resource: string
  documentId: string | null
  summary: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 2, reviewers: 1 })
  project = (await world.startProject('Annotate → Review → Complete')).project
}, 180_000)
afterAll(() => api?.close())

const trail = async (where = '') =>
  (await world.asAdmin.get(`/api/audit-events?where[workspace][equals]=${world.workspace}${where}&sort=-createdAt&limit=200&depth=0`)).body
    .docs as Entry[]
const latest = async (resource: string) => (await trail(`&where[resource][equals]=${resource}`))[0]!

describe('the audit trail', () => {
  it('records the workspace, its invitations and memberships as people made them', async () => {
    const all = await trail()
    const created = all.find((entry) => entry.resource === 'workspaces' && entry.action === 'create')!
    expect(created).toMatchObject({ actor: world.admin.id, documentId: String(world.workspace), after: { name: 'Workflow WS' } })
    const invitations = all.filter((entry) => entry.resource === 'workspace-invitations')
    // each invitation was created by the Admin and accepted by the invitee
    const ann1 = world.annotators[0]!
    const accepted = invitations.find((entry) => entry.action === 'update' && entry.actor === ann1.id)!
    expect(accepted).toMatchObject({ before: { status: 'pending' }, after: { status: 'accepted' } })
    expect(invitations.find((entry) => entry.action === 'create' && entry.after?.email === ann1.email)).toMatchObject({
      actor: world.admin.id,
    })
    // no token ever reaches the trail
    expect(JSON.stringify(invitations)).not.toMatch(/tokenHash/)
    // accepting made the membership, in the invitee's name
    expect(
      all.find((entry) => entry.resource === 'workspace-members' && entry.action === 'create' && entry.actor === ann1.id),
    ).toMatchObject({
      after: { user: ann1.id, role: 'tasker' },
    })
    // the built-in templates come with the workspace, unrecorded
    expect(all.filter((entry) => entry.resource === 'workflow-templates')).toEqual([])
  })

  it('records a role change, a group, a project’s status and collaborators, and an ontology, before and after', async () => {
    const membership = (
      await world.asAdmin.get(
        `/api/workspace-members?where[workspace][equals]=${world.workspace}&where[user][equals]=${world.tm.id}&depth=0`,
      )
    ).body.docs[0]
    expect((await world.asAdmin.patch(`/api/workspace-members/${membership.id}`, { role: 'workforce-manager' })).status).toBe(200)
    expect(await latest('workspace-members')).toMatchObject({
      action: 'update',
      actor: world.admin.id,
      documentId: String(membership.id),
      before: { role: 'member' },
      after: { role: 'workforce-manager' },
      summary: `Membership of user ${world.tm.id}: role changed`,
    })

    const group = (
      await world.asAdmin.post('/api/user-groups', { workspace: world.workspace, name: 'Night shift', members: [world.annotators[0]!.id] })
    ).body.doc
    expect(
      (await world.asAdmin.patch(`/api/user-groups/${group.id}`, { members: [world.annotators[0]!.id, world.annotators[1]!.id] })).status,
    ).toBe(200)
    const groupEntries = await trail(`&where[resource][equals]=user-groups&where[documentId][equals]=${group.id}`)
    expect(groupEntries.map((entry) => entry.action)).toEqual(['update', 'create'])
    expect(groupEntries[0]).toMatchObject({
      before: { members: [world.annotators[0]!.id] },
      after: { members: [world.annotators[0]!.id, world.annotators[1]!.id] },
    })

    expect((await world.asAdmin.patch(`/api/projects/${project}`, { status: 'paused' })).status).toBe(200)
    expect(await latest('projects')).toMatchObject({
      action: 'update',
      before: { status: 'in-progress' },
      after: { status: 'paused' },
      summary: 'Project "Annotate → Review → Complete project": status changed',
    })
    const started = (await trail(`&where[resource][equals]=projects&where[documentId][equals]=${project}`)).map((entry) => [
      entry.action,
      entry.after?.status ?? null,
    ])
    expect(started).toEqual([
      ['update', 'paused'],
      ['update', 'in-progress'],
      ['create', 'not-started'],
    ])
    expect((await world.asAdmin.patch(`/api/projects/${project}`, { status: 'in-progress', settings: { leaseMinutes: 45 } })).status).toBe(
      200,
    )
    expect((await latest('projects')).after).toMatchObject({
      status: 'in-progress',
      settings: expect.objectContaining({ leaseMinutes: 45 }),
    })

    const ontology = await createStreetOntology(world)
    expect((await world.asAdmin.patch(`/api/ontologies/${ontology}`, { name: 'Street v2' })).status).toBe(200)
    expect(await latest('ontologies')).toMatchObject({ before: { name: 'Street' }, after: { name: 'Street v2' } })
  })

  it('records a bulk queue operation as asked and as done', async () => {
    const answer = await world
      .call(world.tm.token)
      .post('/api/tasks/bulk', { project, filter: {}, operation: 'set-priority', priority: 70 })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(await latest('tasks')).toMatchObject({
      action: 'bulk',
      actor: world.tm.id,
      documentId: null,
      after: { project, operation: 'set-priority', priority: 70, matched: 2, changed: 2 },
    })
  })

  it('records nothing for a change that was refused', async () => {
    const before = (await trail()).length
    expect((await world.asAdmin.patch(`/api/projects/${project}`, { status: 'completed-and-gone' })).status).toBeGreaterThanOrEqual(400)
    expect((await world.call(world.annotators[0]!.token).patch(`/api/ontologies/1`, { name: 'x' })).status).toBeGreaterThanOrEqual(400)
    expect((await trail()).length).toBe(before)
  })

  it('is read by the workspace’s Admins only, over REST and GraphQL', async () => {
    const [entry] = await trail()
    for (const person of [world.tm, world.annotators[0]!, world.reviewers[0]!]) {
      const listed = await world.call(person.token).get('/api/audit-events?limit=100')
      expect(listed.status === 403 || listed.body.totalDocs === 0, JSON.stringify(listed.body).slice(0, 200)).toBe(true)
      expect([403, 404]).toContain((await world.call(person.token).get(`/api/audit-events/${entry!.id}`)).status)
      const graphql = await api.graphql<{ AuditEvents: { docs: unknown[] } }>('{ AuditEvents { docs { id } } }', {}, person.token)
      expect(graphql.data?.AuditEvents?.docs ?? []).toEqual([])
    }
    const admin = await api.graphql<{ AuditEvents: { docs: Array<{ action: string }> } }>(
      '{ AuditEvents(limit: 5) { docs { id action resource summary } } }',
      {},
      world.admin.token,
    )
    expect(admin.errors).toBeUndefined()
    expect(admin.data!.AuditEvents.docs.length).toBe(5)
  })

  it('is changed by nobody, the Admin included, through REST or GraphQL', async () => {
    const [entry] = await trail()
    expect((await world.asAdmin.post('/api/audit-events', { workspace: world.workspace, action: 'create', resource: 'x' })).status).toBe(
      403,
    )
    expect((await world.asAdmin.patch(`/api/audit-events/${entry!.id}`, { summary: 'nothing happened' })).status).toBe(403)
    expect((await world.asAdmin.delete(`/api/audit-events/${entry!.id}`)).status).toBe(403)
    const mutation = await api.graphql(
      'mutation ($id: Int!) { updateAuditEvent(id: $id, data: { summary: "nothing happened" }) { id } }',
      { id: entry!.id },
      world.admin.token,
    )
    expect(mutation.errors?.length).toBeGreaterThan(0)
    expect((await trail())[0]).toEqual(entry)
  })

  it('downloads as CSV for the workspace’s Admins, filtered, and for nobody else', async () => {
    const csv = await world.asAdmin.get(`/api/workspaces/${world.workspace}/audit?resource=projects&action=update`)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    const lines = csv.text.trim().split('\r\n')
    expect(lines[0]).toBe('at,actor,action,collection,document,summary,before,after')
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.slice(1).every((line) => line.includes(',update,projects,'))).toBe(true)
    expect(lines.some((line) => line.includes(world.admin.email) && line.includes('status changed'))).toBe(true)
    const json = (await world.asAdmin.get(`/api/workspaces/${world.workspace}/audit?format=json&action=bulk`)).body
    expect(json).toMatchObject({ truncated: false, entries: [expect.objectContaining({ action: 'bulk', resource: 'tasks' })] })
    const bad = await world.asAdmin.get(`/api/workspaces/${world.workspace}/audit?from=yesterday`)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].data.errors[0].path).toBe('from')
    expect((await world.call(world.tm.token).get(`/api/workspaces/${world.workspace}/audit`)).status).toBe(403)
    expect((await world.call(world.annotators[0]!.token).get(`/api/workspaces/${world.workspace}/audit`)).status).toBe(403)
    const graphql = await api.graphql<{ workspaceAudit: { entries: unknown[] } }>(
      'query ($workspace: ID!) { workspaceAudit(workspace: $workspace, params: { format: "json" }) }',
      { workspace: world.workspace },
      world.tm.token,
    )
    expect(graphql.errors?.[0]?.message).toMatch(/audit trail is for the workspace’s Admins/)
  })
})
