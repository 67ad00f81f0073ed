import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'

let api: TestApi
let token: string

beforeAll(async () => {
  api = await startTestApi()
  token = (await api.createUser('lead@example.com')).token
})
afterAll(() => api?.close())

describe('the headless API server (createServer)', () => {
  it('answers /healthz after checking the database', async () => {
    const res = await api.http().get('/healthz')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  it('creates a workspace over REST from a JSON body and reads it back', async () => {
    const created = await api.http().post('/api/workspaces').set('Authorization', `JWT ${token}`).send({ name: 'Acme Vision' })
    expect(created.status).toBe(201)
    expect(created.body.doc).toMatchObject({ name: 'Acme Vision', slug: 'acme-vision' })

    const read = await api.http().get(`/api/workspaces/${created.body.doc.id}`).set('Authorization', `JWT ${token}`)
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ id: created.body.doc.id, name: 'Acme Vision' })
  })

  it('creates and reads a workspace over GraphQL', async () => {
    const created = await api.graphql<{ createWorkspace: { id: number; name: string; slug: string } }>(
      'mutation ($data: mutationWorkspaceInput!) { createWorkspace(data: $data) { id name slug } }',
      { data: { name: 'Graph Labs' } },
      token,
    )
    expect(created.errors).toBeUndefined()
    expect(created.data?.createWorkspace).toMatchObject({ name: 'Graph Labs', slug: 'graph-labs' })

    const read = await api.graphql<{ Workspace: { name: string } }>(
      // ids are Int in GraphQL with serial ids, String with uuid ones
      `query ($id: ${typeof created.data!.createWorkspace.id === 'number' ? 'Int' : 'String'}!) { Workspace(id: $id) { name } }`,
      { id: created.data!.createWorkspace.id },
      token,
    )
    expect(read.data?.Workspace.name).toBe('Graph Labs')
  })

  it('logs in with a cookie and authenticates the next request with it alone', async () => {
    const agent = api.http()
    const login = await agent.post('/api/users/login').send({ email: 'lead@example.com', password: 'correct-horse-battery' })
    expect(login.status).toBe(200)
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? [])
    expect(cookies.some((cookie) => cookie.startsWith('payload-token='))).toBe(true)

    const me = await agent.get('/api/users/me') // the agent replays the cookie; no Authorization header
    expect(me.status).toBe(200)
    expect(me.body.user?.email).toBe('lead@example.com')

    const anonymous = await api.http().get('/api/users/me')
    expect(anonymous.body.user).toBeNull()
  })

  it('logs out: the cleared cookie stops authenticating the agent', async () => {
    const agent = api.http()
    await agent.post('/api/users/login').send({ email: 'lead@example.com', password: 'correct-horse-battery' })
    const logout = await agent.post('/api/users/logout')
    expect(logout.status).toBe(200)
    const me = await agent.get('/api/users/me')
    expect(me.body.user).toBeNull()
  })

  it("answers an unknown route with 404 in Payload's errors shape", async () => {
    for (const path of ['/api/no-such-collection', '/api/workspaces/1/no-such-action', '/elsewhere']) {
      const res = await api.http().get(path)
      expect(res.status, path).toBe(404)
      expect(res.body.errors?.[0]?.message, path).toMatch(/not found/i)
    }
  })

  it('answers a malformed JSON body with 400, not 500, and writes nothing', async () => {
    const before = await api.payload.count({ collection: 'workspaces' })
    const res = await api
      .http()
      .post('/api/workspaces')
      .set('Authorization', `JWT ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"name": "Broken",')
    expect(res.status).toBe(400)
    expect(res.body.errors?.[0]?.message).toMatch(/invalid json/i)
    expect(await api.payload.count({ collection: 'workspaces' })).toEqual(before)

    const gql = await api.http().post('/api/graphql').set('Content-Type', 'application/json').send('{"query": ')
    expect(gql.status).toBe(400)
  })

  it('refuses anonymous writes', async () => {
    const res = await api.http().post('/api/workspaces').send({ name: 'Nope' })
    expect(res.status).toBe(403)
    expect(res.body.errors?.[0]?.message).toBeTruthy()
  })
})
