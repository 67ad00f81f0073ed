import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { ID_RULE } from '../helpers/ids.ts'

// Each request here is one an attacker with an account sent (issue "Hostile input"): each must get a 4xx in
// Payload's error shape, change nothing, and leave the server answering.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number
let taskId: number
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api)
  const started = await world.startProject('Annotate → Review → Complete')
  project = started.project
  taskId = started.tasks[0]!.id
  process.on('unhandledRejection', onUnhandled)
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await api?.close()
})

const expectRefused = (res: { status: number; body: { errors?: Array<{ message: string }> } }, status?: number) => {
  if (status) expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.status).toBeGreaterThanOrEqual(400)
  expect(res.status).toBeLessThan(500)
  expect(res.body.errors?.[0]?.message).toEqual(expect.any(String))
}

async function expectAlive() {
  await new Promise((resolve) => setTimeout(resolve, 50)) // let any stray rejection surface
  expect(unhandled).toEqual([])
  expect((await api.http().get('/healthz')).status).toBe(200)
}

describe('filters the caller may not run', () => {
  it('refuses filters that follow more than one relationship, with a 400 naming the path, and lives on', async () => {
    const tasker = world.call(world.annotators[0]!.token)
    const member = world.call(world.tm.token)
    const cases: Array<[ReturnType<typeof world.call>, string, string]> = [
      [tasker, '/api/issues?where[task.project.name][like]=x', 'where.task.project.name'],
      [member, '/api/data-items?where[dataset.createdBy.email][like]=x', 'where.dataset.createdBy.email'],
      [tasker, '/api/users?where[workspaceMemberships.workspace.name][like]=x', 'where.workspaceMemberships.workspace.name'],
      [member, '/api/workspaces?where[members.user.email][like]=x', 'where.members.user.email'],
    ]
    for (const [caller, path, field] of cases) {
      const res = await caller.get(path)
      expectRefused(res, 400)
      expect(res.body.errors[0].message).toContain(`${field}: a filter may follow at most 1 relationship`)
    }
    const outsider = await api.createUser('nobody@hostile.test')
    expectRefused(await world.call(outsider.token).get('/api/users?where[workspaceMemberships.workspace.name][like]=x'), 400)
    const json = await tasker.get('/api/tasks?where[dataItem.metadata.secret][equals]=x')
    expectRefused(json, 400)
    expect(json.body.errors[0].message).toContain(
      'where.dataItem.metadata.secret.equals: a filter may not look inside a JSON field of a related document',
    )
    await expectAlive()
  })

  it('still answers one-hop filters', async () => {
    const res = await world.asAdmin.get(`/api/tasks?where[dataItem.name][like]=f&where[project][equals]=${project}&depth=0`)
    expect(res.status).toBe(200)
  })

  it('refuses malformed ids, limits and pages with a 400 naming the parameter', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/workspaces/%ff', 400, 'malformed'],
      [`/api/workspaces/${'x'.repeat(60)}`, 400, `id: ${ID_RULE}`],
      ["/api/workspaces?where[id][in]=' OR '1'='1", 400, `where.id.in: ${ID_RULE}`],
      ['/api/tasks?where[assignee][equals]=abc', 400, `where.assignee.equals: ${ID_RULE}`],
      ['/api/tasks?where[priority][greater_than]=lots', 400, 'where.priority.greater_than: must be a finite number'],
      ['/api/tasks?where[createdAt][greater_than]=yesterday-ish', 400, 'where.createdAt.greater_than: must be a date'],
      ['/api/projects?where[name][equals]=a%00b', 400, 'must not contain a NUL character'],
      ['/api/workspaces?limit=1e400', 400, 'limit: must be a whole number from 0 to 1000'],
      ['/api/workspaces?limit=99999999999999999999', 400, 'limit: must be a whole number'],
      ['/api/workspaces?page=-5', 400, 'page: must be a whole number from 1'],
      ['/api/workspaces?depth=-1', 400, 'depth: must be a whole number from 0 to 10'],
      ['/api/workspaces?where={not json', 400, 'not valid JSON'],
    ]
    for (const [path, status, message] of cases) {
      const res = await world.asAdmin.get(path)
      expectRefused(res, status)
      expect(res.body.errors[0].message).toContain(message)
    }
    await expectAlive()
  })

  it('answers 404 for the version routes of collections without versions, and for collections without REST', async () => {
    for (const slug of ['workspaces', 'tasks', 'projects', 'users', 'payload-preferences', 'payload-locked-documents']) {
      expectRefused(await world.asAdmin.get(`/api/${slug}/versions`), 404)
      expectRefused(await world.asAdmin.get(`/api/${slug}/versions/1`), 404)
      expectRefused(await world.asAdmin.post(`/api/${slug}/versions/1`, {}), 404)
    }
    expectRefused(await world.asAdmin.get('/api/payload-migrations'), 404)
    await expectAlive()
  })
})

describe('malformed writes', () => {
  it('refuses wrong content types, invalid JSON, NUL characters and 10,000-deep bodies on collection writes, writing nothing', async () => {
    const before = (await world.asAdmin.get(`/api/projects?where[workspace][equals]=${world.workspace}&limit=0&depth=0`)).body.totalDocs
    const auth = { Authorization: `JWT ${world.admin.token}` }
    const post = (body: string, type: string) => api.http().post('/api/projects').set(auth).set('Content-Type', type).send(body)
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    const bodies: Array<[string, string]> = [
      ['{"name": "half', 'application/json'],
      ['name=x&workspace=1', 'text/plain'],
      [JSON.stringify({ workspace: world.workspace, name: 'a\u0000b' }), 'application/json'],
      [`{"workspace": ${world.workspace}, "name": "deep", "tags": ${deep}}`, 'application/json'],
      [`{"workspace": ${world.workspace}, "name": "deep", "description": ${deep}}`, 'application/json'],
      [JSON.stringify([{ workspace: world.workspace, name: 'in a list' }]), 'application/json'],
      [JSON.stringify({ workspace: 'NaN', name: 'x' }), 'application/json'],
    ]
    for (const [body, type] of bodies) expectRefused(await post(body, type))
    const after = (await world.asAdmin.get(`/api/projects?where[workspace][equals]=${world.workspace}&limit=0&depth=0`)).body.totalDocs
    expect(after).toBe(before)
    await expectAlive()
  })

  it('refuses a NUL character in an update and leaves the document as it was', async () => {
    const res = await world.asAdmin.patch(`/api/projects/${project}`, { name: 'bad\u0000name' })
    expectRefused(res, 400)
    expect(res.body.errors[0].message).toContain('data.name: must not contain a NUL character')
    expect((await world.asAdmin.get(`/api/projects/${project}?depth=0`)).body.name).not.toContain('bad')
  })

  it('refuses malformed bodies on the custom endpoints', async () => {
    const cases: Array<[string, unknown]> = [
      ['/api/tasks/bulk', { project: 'NaN', ids: [taskId], operation: 'release' }],
      ['/api/tasks/bulk', [{ project }]],
      ['/api/tasks/bulk', { project, ids: 'all', operation: 'release' }],
      [`/api/tasks/${taskId}/submit`, { expectedVersion: 'one' }],
      [`/api/tasks/${taskId}/submit`, []],
      [`/api/tasks/abc/submit`, { expectedVersion: 1 }],
      [`/api/projects/NaN/next`, {}],
      [`/api/projects/${'9'.repeat(30)}/next`, {}],
    ]
    for (const [path, body] of cases) expectRefused(await world.asAdmin.post(path, body as object))
    await expectAlive()
  })
})

describe('GraphQL', () => {
  it('answers malformed arguments with client errors, never a 500', async () => {
    const queries = [
      ['query { Tasks(where: { assignee: { equals: "abc" } }) { docs { id } } }', `where.assignee.equals: ${ID_RULE}`],
      ['query { Workspaces(limit: 100000) { docs { id } } }', 'limit: must be a whole number'],
      ['query { Workspaces(page: -5) { docs { id } } }', 'page: must be a whole number'],
      ['query { Projects(where: { name: { equals: "a\\u0000b" } }) { docs { id } } }', 'NUL'],
      [`mutation { updateProject(id: ${JSON.stringify(project)}, data: { name: "a\\u0000b" }) { id } }`, 'NUL'],
    ] as const
    for (const [query, fragment] of queries) {
      const res = await api.graphql(query, {}, world.admin.token)
      expect(res.errors?.length, query).toBeGreaterThan(0)
      expect(res.errors![0]!.message).toContain(fragment)
      expect(res.errors![0]!.extensions?.statusCode).toBe(400)
    }
    await expectAlive()
  })
})

describe('request limits', () => {
  it('refuses a JSON body over 5 MB, declared or sent in chunks, with a 413 and nothing written', async () => {
    const before = (await world.asAdmin.get(`/api/projects?where[workspace][equals]=${world.workspace}&limit=0&depth=0`)).body.totalDocs
    const big = JSON.stringify({ workspace: world.workspace, name: 'big', description: 'x'.repeat(6 * 1024 * 1024) })
    const declared = await api
      .http()
      .post('/api/projects')
      .set('Authorization', `JWT ${world.admin.token}`)
      .set('Content-Type', 'application/json')
      .send(big)
    expect(declared.status).toBe(413)
    const { request } = await import('node:http')
    const chunked = await new Promise<number>((resolve) => {
      const req = request(
        `${api.baseUrl}/api/projects`,
        {
          method: 'POST',
          headers: { Authorization: `JWT ${world.admin.token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', () => resolve(-1))
      for (let i = 0; i < 7; i++) req.write(big.slice(i * 1024 * 1024, (i + 1) * 1024 * 1024))
      req.end()
    })
    expect([413, -1]).toContain(chunked) // a 413, or the connection closed on the oversized body
    expect((await world.asAdmin.get(`/api/projects?where[workspace][equals]=${world.workspace}&limit=0&depth=0`)).body.totalDocs).toBe(
      before,
    )
    await expectAlive()
  })

  it('refuses GraphQL documents past the depth and alias limits', async () => {
    const deep = `{ Workspaces { docs { ${'members { docs { workspace { '.repeat(4)}id${' } } }'.repeat(4)} } } }`
    const tooDeep = await api.graphql(deep, {}, world.admin.token)
    expect(tooDeep.errors?.[0]?.message).toMatch(/^query: at most 12 nesting depth per request/)
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: Workspaces { totalDocs }`).join(' ')} }`
    const tooMany = await api.graphql(aliases, {}, world.admin.token)
    expect(tooMany.errors?.[0]?.message).toMatch(/^query: at most 30 aliases per request/)
    const fine = await api.graphql('{ a: Workspaces { totalDocs } b: Projects { totalDocs } }', {}, world.admin.token)
    expect(fine.errors).toBeUndefined()
    await expectAlive()
  })
})
