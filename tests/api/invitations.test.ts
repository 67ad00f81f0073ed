import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'

// People join a workspace by saying yes: an invitation by email, accepted or declined after signing in, or
// an account made from the mail's link. Until then the inviter sees only the email they typed.
let api: TestApi
let admin: { id: number | string; token: string }
let workspace: number
const mails: Array<{ to: string; subject: string; text: string }> = []

beforeAll(async () => {
  api = await startTestApi()
  api.payload.sendEmail = async (message: unknown) => {
    mails.push(message as never)
  }
  await api.createUser('root@invite.test')
  admin = await api.createUser('admin@invite.test')
  workspace = (await as(admin.token).post('/api/workspaces', { name: 'Invite WS' })).body.doc.id
})
afterAll(() => api?.close())

function as(token?: string) {
  const auth = <T extends { set: (name: string, value: string) => T }>(req: T) => (token ? req.set('Authorization', `JWT ${token}`) : req)
  return {
    get: (path: string) => auth(api.http().get(path)),
    post: (path: string, body: object) => auth(api.http().post(path)).send(body),
    patch: (path: string, body: object) => auth(api.http().patch(path)).send(body),
    delete: (path: string) => auth(api.http().delete(path)),
  }
}
const memberships = (user: number | string) =>
  api.payload.find({
    collection: 'workspace-members',
    where: { and: [{ workspace: { equals: workspace } }, { user: { equals: user } }] },
    overrideAccess: true,
  })

describe('adding people', () => {
  it('never adds an existing account directly: a direct membership is refused and changes nothing', async () => {
    const stranger = await api.createUser('stranger@invite.test')
    const res = await as(admin.token).post('/api/workspace-members', { workspace, user: stranger.id, role: 'tasker' })
    expect(res.status).toBe(403)
    expect((await memberships(stranger.id)).totalDocs).toBe(0)
    // the Tasker who makes a workspace cannot pull anyone into it either
    const tasker = await api.createUser('selfstarter@invite.test')
    const own = (await as(tasker.token).post('/api/workspaces', { name: 'Mine' })).body.doc.id
    expect((await as(tasker.token).post('/api/workspace-members', { workspace: own, user: stranger.id, role: 'member' })).status).toBe(403)
    expect([403, 404]).toContain((await as(tasker.token).get(`/api/users/${stranger.id}`)).status)
  })

  it('invites an existing account; the inviter sees only the email until the person accepts', async () => {
    const person = await api.createUser('person@invite.test')
    const invited = await as(admin.token).post('/api/workspace-invitations', {
      workspace,
      email: ' Person@Invite.test ',
      role: 'member',
      // what the invitee is shown of the workspace and the inviter is the server's to say
      workspaceName: 'Bank of Trust',
      invitedByEmail: 'ceo@bank.test',
    })
    expect(invited.status).toBe(201)
    expect(invited.body.doc).toMatchObject({
      email: 'person@invite.test',
      role: 'member',
      status: 'pending',
      workspaceName: 'Invite WS',
      invitedByEmail: 'admin@invite.test',
    })
    expect(invited.body.doc.tokenHash).toBeUndefined()
    expect(mails.at(-1)).toMatchObject({ to: 'person@invite.test', subject: 'You are invited to join Invite WS on LabelOps' })
    // nothing of the account reaches the inviter before acceptance
    expect([403, 404]).toContain((await as(admin.token).get(`/api/users/${person.id}`)).status)
    expect((await as(admin.token).get('/api/users?where[email][equals]=person@invite.test')).body.docs).toEqual([])
    expect(JSON.stringify((await as(admin.token).get(`/api/workspace-invitations/${invited.body.doc.id}?depth=2`)).body)).not.toContain(
      String(person.id) + ',',
    )
    // the invitee sees it, the workspace does not see them yet
    const mine = await as(person.token).get('/api/workspace-invitations')
    expect(mine.body.docs.map((doc: { id: number }) => doc.id)).toEqual([invited.body.doc.id])
    expect(mine.body.docs[0]).toMatchObject({ workspaceName: 'Invite WS', invitedByEmail: 'admin@invite.test' })
    expect([403, 404]).toContain((await as(person.token).get(`/api/workspaces/${workspace}`)).status)

    const accepted = await as(person.token).post(`/api/workspace-invitations/${invited.body.doc.id}/accept`, {})
    expect(accepted.status).toBe(200)
    expect(accepted.body.doc.status).toBe('accepted')
    expect((await memberships(person.id)).docs.map((doc) => doc.role)).toEqual(['member'])
    expect((await as(person.token).get(`/api/workspaces/${workspace}`)).status).toBe(200)
    expect((await as(admin.token).get(`/api/users/${person.id}`)).status).toBe(200)
    // answered once only
    expect((await as(person.token).post(`/api/workspace-invitations/${invited.body.doc.id}/accept`, {})).status).toBe(409)
  })

  it('lets the invitee decline; nobody else may answer for them', async () => {
    const person = await api.createUser('decliner@invite.test')
    const other = await api.createUser('other@invite.test')
    const invited = (await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'decliner@invite.test', role: 'tasker' }))
      .body.doc
    expect((await as(other.token).post(`/api/workspace-invitations/${invited.id}/accept`, {})).status).toBe(404)
    expect((await as(admin.token).post(`/api/workspace-invitations/${invited.id}/accept`, {})).status).toBe(404)
    expect((await as(other.token).get(`/api/workspace-invitations/${invited.id}`)).status).toBe(404)
    const declined = await as(person.token).post(`/api/workspace-invitations/${invited.id}/decline`, {})
    expect(declined.status).toBe(200)
    expect(declined.body.doc.status).toBe('declined')
    expect((await memberships(person.id)).totalDocs).toBe(0)
    expect((await as(person.token).post(`/api/workspace-invitations/${invited.id}/accept`, {})).status).toBe(409)
    // the inviter still learns nothing of the account
    expect([403, 404]).toContain((await as(admin.token).get(`/api/users/${person.id}`)).status)
  })

  it('lets invitations expire', async () => {
    const person = await api.createUser('late@invite.test')
    const invited = (await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'late@invite.test', role: 'tasker' }))
      .body.doc
    await api.payload.update({
      collection: 'workspace-invitations',
      id: invited.id,
      data: { expiresAt: new Date(Date.now() - 1000).toISOString() } as never,
      overrideAccess: true,
    })
    expect((await as(admin.token).get(`/api/workspace-invitations/${invited.id}`)).body.status).toBe('expired')
    const late = await as(person.token).post(`/api/workspace-invitations/${invited.id}/accept`, {})
    expect(late.status).toBe(410)
    expect((await memberships(person.id)).totalDocs).toBe(0)
    // an expired invitation does not block a new one
    expect(
      (await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'late@invite.test', role: 'tasker' })).status,
    ).toBe(201)
  })

  it('refuses a second open invitation, an invitation of a member, and revokes by delete', async () => {
    await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'twice@invite.test', role: 'tasker' })
    const twice = await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'twice@invite.test', role: 'member' })
    expect(twice.status).toBe(409)
    expect(twice.body.errors[0].message).toContain('email: an invitation to this address is already open')
    const member = await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'admin@invite.test', role: 'tasker' })
    expect(member.status).toBe(409)
    const open = (await as(admin.token).get('/api/workspace-invitations?where[email][equals]=twice@invite.test')).body.docs[0]
    expect((await as(admin.token).delete(`/api/workspace-invitations/${open.id}`)).status).toBe(200)
    expect(
      (await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'twice@invite.test', role: 'member' })).status,
    ).toBe(201)
    // invitations are answered, never edited
    expect((await as(admin.token).patch(`/api/workspace-invitations/${open.id}`, { role: 'admin' })).status).toBeGreaterThanOrEqual(403)
  })

  it('invites a new address with a sign-up link: the account and the membership come together', async () => {
    const invited = (await as(admin.token).post('/api/workspace-invitations', { workspace, email: 'fresh@invite.test', role: 'tasker' }))
      .body.doc
    const link = /(\S*sign-up\?token=\S+)/.exec(mails.at(-1)!.text)![1]!
    const token = new URL(link, 'http://localhost').searchParams.get('token')!
    const described = await api.http().get(`/api/workspace-invitations/sign-up?token=${encodeURIComponent(token)}`)
    expect(described.body).toMatchObject({ email: 'fresh@invite.test', workspaceName: 'Invite WS', role: 'tasker', status: 'pending' })
    expect(
      (
        await api
          .http()
          .post('/api/workspace-invitations/sign-up')
          .send({ token: 'x'.repeat(43), password: 'long-enough-1' })
      ).status,
    ).toBe(404)
    expect((await api.http().post('/api/workspace-invitations/sign-up').send({ token, password: 'short' })).status).toBe(400)
    const signedUp = await api.http().post('/api/workspace-invitations/sign-up').send({ token, password: 'long-enough-1' })
    expect(signedUp.status).toBe(201)
    const login = await api.login('fresh@invite.test', 'long-enough-1')
    expect((await as(login).get(`/api/workspaces/${workspace}`)).status).toBe(200)
    expect((await memberships(signedUp.body.user.id)).docs.map((doc) => doc.role)).toEqual(['tasker'])
    expect((await as(admin.token).get(`/api/workspace-invitations/${invited.id}`)).body.status).toBe('accepted')
    expect((await api.http().post('/api/workspace-invitations/sign-up').send({ token, password: 'long-enough-1' })).status).toBe(409)
  })

  it('works the same over GraphQL: invite, accept, decline', async () => {
    const person = await api.createUser('graph@invite.test')
    const created = await api.graphql<{ createWorkspaceInvitation: { id: number; status: string } }>(
      'mutation ($data: mutationWorkspaceInvitationInput!) { createWorkspaceInvitation(data: $data) { id status email } }',
      { data: { workspace, email: 'graph@invite.test', role: 'tasker' } },
      admin.token,
    )
    expect(created.errors).toBeUndefined()
    const id = created.data!.createWorkspaceInvitation.id
    const stranger = await api.graphql(`mutation { acceptWorkspaceInvitation(id: ${JSON.stringify(id)}) { id } }`, {}, admin.token)
    expect(stranger.errors?.[0]?.extensions?.statusCode).toBe(404)
    const accepted = await api.graphql<{ acceptWorkspaceInvitation: { status: string } }>(
      `mutation { acceptWorkspaceInvitation(id: ${JSON.stringify(id)}) { status } }`,
      {},
      person.token,
    )
    expect(accepted.errors).toBeUndefined()
    expect(accepted.data?.acceptWorkspaceInvitation.status).toBe('accepted')
    expect((await memberships(person.id)).totalDocs).toBe(1)

    const other = await api.createUser('graph2@invite.test')
    const second = await api.graphql<{ createWorkspaceInvitation: { id: number } }>(
      'mutation ($data: mutationWorkspaceInvitationInput!) { createWorkspaceInvitation(data: $data) { id } }',
      { data: { workspace, email: 'graph2@invite.test', role: 'tasker' } },
      admin.token,
    )
    const declined = await api.graphql<{ declineWorkspaceInvitation: { status: string } }>(
      `mutation { declineWorkspaceInvitation(id: ${JSON.stringify(second.data!.createWorkspaceInvitation.id)}) { status } }`,
      {},
      other.token,
    )
    expect(declined.data?.declineWorkspaceInvitation.status).toBe('declined')
    expect((await memberships(other.id)).totalDocs).toBe(0)
  })
})
