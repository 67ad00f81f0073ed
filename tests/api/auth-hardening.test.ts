import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * The demo host's auth hardening, over REST and GraphQL: login attempts are limited (five wrong passwords lock the
 * account), service accounts act with an API key and exactly their user's rights, and taking a membership away
 * takes effect on the very next request, live tokens included.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3, reviewers: 1 })
  project = (await world.startProject('Annotate → Complete')).project
}, 180_000)
afterAll(() => api?.close())

/** Refused without saying whether the document exists (403) or pretending it does not (404). */
const DENIED = [403, 404]
const login = (email: string, password: string) => api.http().post('/api/users/login').send({ email, password })

describe('login attempts', () => {
  it('locks an account after five wrong passwords, even against the right one, and says so', async () => {
    await api.createUser('locked@auth.test', 'right-password-1')
    for (let attempt = 0; attempt < 5; attempt++) expect((await login('locked@auth.test', 'wrong-password')).status).toBe(401)
    const refused = await login('locked@auth.test', 'right-password-1')
    expect(refused.status).toBe(401)
    expect(JSON.stringify(refused.body)).toMatch(/locked/i)
    // another account is not affected
    await api.createUser('fine@auth.test', 'right-password-1')
    expect((await login('fine@auth.test', 'right-password-1')).status).toBe(200)
  })
})

describe('API keys for service accounts', () => {
  it('act with exactly their user’s rights', async () => {
    const key = 'svc-key-0123456789abcdef0123456789abcdef'
    const service = await api.payload.create({
      collection: 'users',
      data: { email: 'pipeline@auth.test', password: 'pipeline-password-1', enableAPIKey: true, apiKey: key } as never,
    })
    const withKey = (path: string) => api.http().get(path).set('Authorization', `users API-Key ${key}`)
    // not in the workspace yet: the project is not theirs to see
    expect(DENIED).toContain((await withKey(`/api/projects/${project}`)).status)
    expect((await withKey('/api/users/me')).body.user.email).toBe('pipeline@auth.test')
    // made a Member of the workspace and the project's Team Manager: they see it, its queue and its analytics
    await api.payload.create({
      collection: 'workspace-members',
      data: { workspace: world.workspace, user: service.id, role: 'member' } as never,
      overrideAccess: true,
    })
    const doc = await api.payload.findByID({ collection: 'projects', id: project, depth: 0, overrideAccess: true })
    await api.payload.update({
      collection: 'projects',
      id: project,
      data: {
        collaborators: [...((doc as { collaborators?: unknown[] }).collaborators ?? []), { user: service.id, role: 'team-manager' }],
      } as never,
      overrideAccess: true,
    })
    expect((await withKey(`/api/projects/${project}`)).status).toBe(200)
    expect((await withKey(`/api/projects/${project}/queue`)).status).toBe(200)
    // ...but no more than a Team Manager: the workspace report is its Admins'
    expect((await withKey(`/api/workspaces/${world.workspace}/analytics`)).status).toBe(403)
    const graphql = await api
      .http()
      .post('/api/graphql')
      .set('Authorization', `users API-Key ${key}`)
      .send({ query: 'query ($id: ID!) { projectAnalytics(project: $id) }', variables: { id: project } })
    expect(graphql.body.errors).toBeUndefined()
    expect(graphql.body.data.projectAnalytics.scope).toBe('team')
    // a wrong key is nobody
    const stranger = (path: string) => api.http().get(path).set('Authorization', 'users API-Key not-a-key')
    expect((await stranger('/api/users/me')).body.user).toBeNull()
    expect(DENIED).toContain((await stranger(`/api/projects/${project}`)).status)
  })
})

describe('taking rights away', () => {
  it('takes effect on the very next request, for a live token too', async () => {
    const person = await api.createUser('leaving@auth.test')
    const membership = await api.payload.create({
      collection: 'workspace-members',
      data: { workspace: world.workspace, user: person.id, role: 'admin' } as never,
      overrideAccess: true,
    })
    const as = world.call(person.token)
    expect((await as.get(`/api/projects/${project}`)).status).toBe(200)
    expect((await as.get(`/api/workspaces/${world.workspace}/analytics`)).status).toBe(200)
    // demoted to Member: the workspace report is gone at once
    await api.payload.update({
      collection: 'workspace-members',
      id: membership.id,
      data: { role: 'member' } as never,
      overrideAccess: true,
    })
    expect((await as.get(`/api/workspaces/${world.workspace}/analytics`)).status).toBe(403)
    // removed: the workspace and its projects are gone at once, with the same token
    await api.payload.delete({ collection: 'workspace-members', id: membership.id, overrideAccess: true })
    expect(DENIED).toContain((await as.get(`/api/projects/${project}`)).status)
    expect(DENIED).toContain((await as.get(`/api/workspaces/${world.workspace}`)).status)
    const graphql = await api.graphql<{ Workspace: unknown }>(
      'query ($id: Int!) { Workspace(id: $id) { name } }',
      { id: world.workspace },
      person.token,
    )
    expect(graphql.data?.Workspace ?? null).toBeNull()
  })
})
