import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildPolicyWorld, type PolicyWorld } from '../access/fixtures.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'

let api: TestApi
let world: PolicyWorld
const accessQueries: string[] = []
let counting = false

beforeAll(async () => {
  api = await startTestApi({ logQuery: (query) => counting && query.includes('labelops:access') && accessQueries.push(query) })
  world = await buildPolicyWorld(api)
}, 120_000)
afterAll(() => api?.close())

const as = (token: string | undefined) => ({
  get: (path: string) => {
    const r = api.http().get(path)
    return token ? r.set('Authorization', `JWT ${token}`) : r
  },
  patch: (path: string, body: object) => {
    const r = api.http().patch(path)
    return (token ? r.set('Authorization', `JWT ${token}`) : r).send(body)
  },
  post: (path: string, body: object) => {
    const r = api.http().post(path)
    return (token ? r.set('Authorization', `JWT ${token}`) : r).send(body)
  },
  delete: (path: string) => {
    const r = api.http().delete(path)
    return token ? r.set('Authorization', `JWT ${token}`) : r
  },
})
const stored = (collection: 'workspace-members' | 'users' | 'user-groups', id: number | string) =>
  api.payload.findByID({ collection, id, depth: 0, overrideAccess: true }) as unknown as Promise<Record<string, unknown>>

describe('cross-workspace isolation (an Admin of A looking at B)', () => {
  const admin = () => as(world.tokens.admin)

  it('cannot filter, count or search its way into B over REST', async () => {
    for (const path of [
      `/api/workspace-members?where[workspace][equals]=${world.B}`,
      `/api/workspace-members?where[user][equals]=${world.users.adminB}`,
      `/api/workspace-members?where[user.email][equals]=adminB@policy.test`,
      `/api/user-groups?where[workspace][in]=${world.B}`,
      `/api/users?where[email][like]=policy.test&where[id][equals]=${world.users.taskerB}`,
      `/api/workspaces?where[slug][equals]=workspace-b`,
    ]) {
      const res = await admin().get(path)
      expect(res.status, path).toBe(200)
      expect(res.body.totalDocs, path).toBe(0)
    }
    const count = await admin().get(`/api/workspace-members/count?where[workspace][equals]=${world.B}`)
    expect(count.body).toEqual({ totalDocs: 0 })
    const total = await admin().get('/api/workspace-members/count')
    expect(total.body.totalDocs).toBe(6) // A's six memberships, none of B's
  })

  it('cannot filter its way into B over GraphQL', async () => {
    const res = await api.graphql<{ WorkspaceMembers: { totalDocs: number }; UserGroups: { totalDocs: number } }>(
      `{ WorkspaceMembers(where: { workspace: { equals: ${JSON.stringify(world.B)} } }) { totalDocs }
         UserGroups(where: { workspace: { equals: ${JSON.stringify(world.B)} } }) { totalDocs } }`,
      undefined,
      world.tokens.admin,
    )
    expect(res.data).toEqual({ WorkspaceMembers: { totalDocs: 0 }, UserGroups: { totalDocs: 0 } })
  })

  it('cannot see B through depth or joins, even on a person who belongs to both', async () => {
    // taskerB joins A as well: A's Admin may see the person, but never their B membership
    const joined = {
      body: {
        doc: await api.payload.create({
          collection: 'workspace-members',
          data: { workspace: world.A, user: world.users.taskerB, role: 'tasker' } as never,
        }),
      },
    }
    try {
      const deep = await admin().get(`/api/workspace-members/${joined.body.doc.id}?depth=3`)
      expect(deep.status).toBe(200)
      const memberships = deep.body.user.workspaceMemberships.docs as Array<{ id: number } | number>
      expect(memberships.map((m) => (typeof m === 'object' ? m.id : m))).toEqual([joined.body.doc.id])

      const gql = await api.graphql<{ User: { workspaceMemberships: { docs: Array<{ id: number; workspace: { id: number } }> } } }>(
        `{ User(id: ${JSON.stringify(world.users.taskerB)}) { workspaceMemberships { docs { id workspace { id } } } } }`,
        undefined,
        world.tokens.admin,
      )
      expect(gql.errors).toBeUndefined()
      expect(gql.data?.User.workspaceMemberships.docs.map((doc) => doc.workspace.id)).toEqual([world.A])
    } finally {
      await api.payload.delete({ collection: 'workspace-members', id: joined.body.doc.id, overrideAccess: true })
    }
  })

  it("shows a Tasker only its own membership through the workspace's members join", async () => {
    const res = await as(world.tokens.tasker).get(`/api/workspaces/${world.A}?depth=1`)
    expect(res.status).toBe(200)
    expect(res.body.members.docs.map((doc: { id: number }) => doc.id)).toEqual([world.memberships.taskerA])
  })

  it('cannot move its own records into B', async () => {
    const res = await admin().patch(`/api/workspace-members/${world.memberships.memberA}`, { workspace: world.B })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toMatch(/^workspace: cannot be changed/)
    expect((await stored('workspace-members', world.memberships.memberA)).workspace).toBe(world.A)

    const group = await admin().post('/api/user-groups', { workspace: world.A, name: 'Mixed', members: [world.users.taskerB] })
    expect(group.status).toBe(400)
    expect(group.body.errors[0].message).toMatch(/^members\[0\]: user \S+ is not a member of this workspace/)
  })
})

describe('mass assignment changes nothing', () => {
  it('a Tasker cannot raise its own role, move its membership or touch another', async () => {
    const tasker = as(world.tokens.tasker)
    expect((await tasker.patch(`/api/workspace-members/${world.memberships.taskerA}`, { role: 'admin' })).status).toBe(403)
    expect((await tasker.patch(`/api/workspace-members/${world.memberships.taskerA}`, { workspace: world.B })).status).toBe(403)
    expect((await tasker.patch(`/api/workspace-members/${world.memberships.memberA}`, { role: 'tasker' })).status).toBe(403)
    expect((await tasker.post('/api/workspace-members', { workspace: world.B, user: world.users.taskerA, role: 'admin' })).status).toBe(403)
    expect(await stored('workspace-members', world.memberships.taskerA)).toMatchObject({ role: 'tasker', workspace: world.A })
    expect(await stored('workspace-members', world.memberships.memberA)).toMatchObject({ role: 'member' })
  })

  it("a Member cannot change roles, its own or anyone else's", async () => {
    const member = as(world.tokens.member)
    expect((await member.patch(`/api/workspace-members/${world.memberships.memberA}`, { role: 'admin' })).status).toBe(403)
    expect((await member.patch(`/api/workspace-members/${world.memberships.taskerA}`, { role: 'member' })).status).toBe(403)
    expect((await stored('workspace-members', world.memberships.memberA)).role).toBe('member')
    expect((await stored('workspace-members', world.memberships.taskerA)).role).toBe('tasker')
  })

  it('nobody makes themselves a host super-admin through their own account', async () => {
    const res = await as(world.tokens.tasker).patch(`/api/users/${world.users.taskerA}`, { name: 'Tess', superAdmin: true })
    expect(res.status).toBe(200) // the allowed field lands, the forbidden one is dropped
    expect(await stored('users', world.users.taskerA)).toMatchObject({ name: 'Tess', superAdmin: false })
  })
})

describe('privilege escalation', () => {
  it('a Workforce Manager invites Taskers only, and the refusal names the field and the rule', async () => {
    const wfm = as(world.tokens['workforce-manager'])
    await api.payload.create({ collection: 'users', data: { email: 'newcomer@policy.test', password: 'x-password-1' } })
    for (const role of ['admin', 'workforce-manager', 'member']) {
      const res = await wfm.post('/api/workspace-invitations', { workspace: world.A, email: 'newcomer@policy.test', role })
      expect(res.status, role).toBe(403)
      expect(res.body.errors[0].message, role).toMatch(/^role: a Workforce Manager can only assign Tasker/)
    }
    const invited = await wfm.post('/api/workspace-invitations', { workspace: world.A, email: 'newcomer@policy.test', role: 'tasker' })
    expect(invited.status).toBe(201)
    const newcomer = as(await api.login('newcomer@policy.test', 'x-password-1'))
    expect((await newcomer.post(`/api/workspace-invitations/${invited.body.doc.id}/accept`, {})).status).toBe(200)
    const membership = (
      await api.payload.find({
        collection: 'workspace-members',
        where: { and: [{ workspace: { equals: world.A } }, { 'user.email': { equals: 'newcomer@policy.test' } }] },
        overrideAccess: true,
      })
    ).docs[0]!
    expect(membership.role).toBe('tasker')
    const promote = await wfm.patch(`/api/workspace-members/${membership.id}`, { role: 'member' })
    expect(promote.status).toBe(403)
    expect((await stored('workspace-members', membership.id)).role).toBe('tasker')
  })

  it("a Workforce Manager cannot change its own role nor another manager's", async () => {
    const wfm = as(world.tokens['workforce-manager'])
    expect((await wfm.patch(`/api/workspace-members/${world.memberships.wfmA}`, { role: 'admin' })).status).toBe(403)
    expect((await wfm.patch(`/api/workspace-members/${world.memberships.adminA}`, { role: 'tasker' })).status).toBe(403)
    expect((await stored('workspace-members', world.memberships.wfmA)).role).toBe('workforce-manager')
    expect((await stored('workspace-members', world.memberships.adminA)).role).toBe('admin')
  })

  it('an Admin cannot change its own role', async () => {
    const res = await as(world.tokens.admin).patch(`/api/workspace-members/${world.memberships.adminA}`, { role: 'member' })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toBe('role: nobody changes their own role')
  })

  it('a workspace keeps at least one Admin, even when two Admins demote each other at once', async () => {
    const ws = (await as(world.tokens.admin).post('/api/workspaces', { name: 'Two Admins' })).body.doc
    const second = {
      body: {
        doc: await api.payload.create({
          collection: 'workspace-members',
          data: { workspace: ws.id, user: world.users.memberA, role: 'admin' } as never,
        }),
      },
    }
    const first = (
      await api.payload.find({
        collection: 'workspace-members',
        where: { and: [{ workspace: { equals: ws.id } }, { user: { equals: world.users.adminA } }] },
        overrideAccess: true,
      })
    ).docs[0]!
    const [a, b] = await Promise.all([
      as(world.tokens.admin).patch(`/api/workspace-members/${second.body.doc.id}`, { role: 'member' }),
      as(world.tokens.member).patch(`/api/workspace-members/${first.id}`, { role: 'member' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const admins = await api.payload.count({
      collection: 'workspace-members',
      where: { and: [{ workspace: { equals: ws.id } }, { role: { equals: 'admin' } }] },
      overrideAccess: true,
    })
    expect(admins.totalDocs).toBe(1)
    const survivor = (
      await api.payload.find({
        collection: 'workspace-members',
        where: { and: [{ workspace: { equals: ws.id } }, { role: { equals: 'admin' } }] },
        overrideAccess: true,
      })
    ).docs[0]!
    const token = a.status === 200 ? world.tokens.admin : world.tokens.member
    expect(token).toBeDefined()
    const removeLast = await as(world.tokens.admin).delete(`/api/workspace-members/${survivor.id}`)
    expect([403, 409]).toContain(removeLast.status)
    expect(
      await api.payload.count({ collection: 'workspace-members', where: { id: { equals: survivor.id } }, overrideAccess: true }),
    ).toEqual({ totalDocs: 1 })
  })

  it('removing a membership removes access on the very next request', async () => {
    const tasker = (await api.payload.create({ collection: 'users', data: { email: 'leaver@policy.test', password: 'x-password-1' } })).id
    const membership = {
      body: {
        doc: await api.payload.create({
          collection: 'workspace-members',
          data: { workspace: world.A, user: tasker, role: 'tasker' } as never,
        }),
      },
    }
    const group = await as(world.tokens.admin).patch(`/api/user-groups/${world.groups.G2}`, { members: [world.users.taskerA, tasker] })
    expect(group.status).toBe(200)
    const token = await api.login('leaver@policy.test', 'x-password-1')
    expect((await as(token).get(`/api/workspaces/${world.A}`)).status).toBe(200)
    expect((await as(token).get(`/api/user-groups/${world.groups.G2}`)).status).toBe(200)

    expect((await as(world.tokens.admin).delete(`/api/workspace-members/${membership.body.doc.id}`)).status).toBe(200)
    expect([403, 404]).toContain((await as(token).get(`/api/workspaces/${world.A}`)).status)
    expect((await as(token).get('/api/workspaces')).body.docs ?? []).toEqual([])
    expect([403, 404]).toContain((await as(token).get(`/api/user-groups/${world.groups.G2}`)).status)
    // and leaving the workspace took the user out of its groups
    expect((await stored('user-groups', world.groups.G2)).members as number[]).toEqual([world.users.taskerA])
  })
})

describe('anonymous requests', () => {
  it('see nothing of any LabelOps collection, over REST and GraphQL', async () => {
    for (const slug of ['workspaces', 'workspace-members', 'user-groups', 'users']) {
      const res = await api.http().get(`/api/${slug}`)
      expect([200, 403], slug).toContain(res.status)
      expect(res.body.docs ?? [], slug).toEqual([])
    }
    const gql = await api.graphql<Record<string, unknown>>(
      '{ Workspaces { docs { id } } WorkspaceMembers { docs { id } } UserGroups { docs { id } } }',
    )
    expect(Object.values(gql.data ?? {}).every((value) => value === null)).toBe(true)
  })
})

describe('the cost of access', () => {
  it('is at most two queries per request, however much the request reads', async () => {
    for (const [actor, path] of [
      ['workforce-manager', '/api/users?depth=2&limit=100'],
      ['member', '/api/workspace-members?depth=2&limit=100'],
      ['tasker', `/api/workspaces/${world.A}?depth=2`],
      ['admin', '/api/user-groups?depth=2&limit=100'],
    ] as const) {
      accessQueries.length = 0
      counting = true
      const res = await as(world.tokens[actor]).get(path)
      counting = false
      expect(res.status, path).toBe(200)
      expect(accessQueries.length, `${actor} ${path}`).toBeGreaterThan(0)
      expect(accessQueries.length, `${actor} ${path}`).toBeLessThanOrEqual(2)
    }
  })
})
