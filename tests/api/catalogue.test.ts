// Ontologies, bulk import and projects over REST, as the people who use them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildPolicyWorld, type PolicyWorld } from '../access/fixtures.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { assertProjectWritable } from '../../src/operations/projectGate.ts'
import { createLocalReq } from 'payload'

let api: TestApi
let world: PolicyWorld

beforeAll(async () => {
  api = await startTestApi()
  world = await buildPolicyWorld(api)
}, 120_000)
afterAll(() => api?.close())

const as = (token: string | undefined) => ({
  get: (path: string) => api.http().get(path).set('Authorization', `JWT ${token}`),
  post: (path: string, body: object | string, type = 'application/json') =>
    api
      .http()
      .post(path)
      .set('Authorization', `JWT ${token}`)
      .set('Content-Type', type)
      .send(body as object),
  patch: (path: string, body: object) => api.http().patch(path).set('Authorization', `JWT ${token}`).send(body),
})
const member = () => as(world.tokens.member)
const countItems = async (dataset: number | string) =>
  (await api.payload.count({ collection: 'data-items', where: { dataset: { equals: dataset } }, overrideAccess: true })).totalDocs

describe('ontologies', () => {
  const valid = {
    objects: [{ name: 'Car', shape: 'bounding-box', colour: '#ff0000' }],
    classifications: [{ id: 'weather', name: 'Weather', type: 'radio', options: [{ id: 'rain', label: 'Rain' }] }],
  }

  it('stores a valid ontology and gives new features stable ids', async () => {
    const res = await member().post('/api/ontologies', { workspace: world.A, name: 'Driving', ...valid })
    expect(res.status).toBe(201)
    const car = res.body.doc.objects[0]
    expect(car.id).toMatch(/^car-[0-9a-f]{6}$/)
    const again = await member().patch(`/api/ontologies/${res.body.doc.id}`, { name: 'Driving v2' })
    expect(again.body.doc.objects[0].id).toBe(car.id) // ids never move
  })

  it('refuses a bad structure with 400 naming the path, and stores nothing', async () => {
    const before = (await api.payload.count({ collection: 'ontologies', overrideAccess: true })).totalDocs
    const res = await member().post('/api/ontologies', {
      workspace: world.A,
      name: 'Broken',
      objects: [{ name: 'Box', shape: 'circle' }],
      classifications: [...valid.classifications, { name: 'Notes', type: 'text' }, { name: 'Empty', type: 'checklist', options: [] }],
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toContain('classifications[2].options: needs at least one option')
    expect(res.body.errors[0].message).toContain('objects[0].shape: must be one of')
    expect((await api.payload.count({ collection: 'ontologies', overrideAccess: true })).totalDocs).toBe(before)
  })

  it('lets features be added and removed freely while no labels use them', async () => {
    const created = await member().post('/api/ontologies', { workspace: world.A, name: 'Editable', ...valid })
    const id = created.body.doc.id
    const added = await member().patch(`/api/ontologies/${id}`, {
      objects: [...created.body.doc.objects, { name: 'Sign', shape: 'point' }],
    })
    expect(added.status).toBe(200)
    const removed = await member().patch(`/api/ontologies/${id}`, { classifications: [] })
    expect(removed.status).toBe(200)
  })
})

describe('bulk import', () => {
  const importInto = (dataset: number | string, body: string, type: string, token = world.tokens.member) =>
    as(token).post(`/api/datasets/${dataset}/import`, body, type)

  it('imports a JSON array, counting accepted rows and listing each rejected one', async () => {
    const dataset = (await member().post('/api/datasets', { workspace: world.A, name: 'JSON set' })).body.doc.id
    const rows = [
      { externalId: 'a', type: 'image', url: 'https://cdn.example.com/a.png', width: 640, height: 480, metadata: { camera: 'front' } },
      { externalId: 'b', type: 'imagery', url: 'https://cdn.example.com/b.png' },
      { externalId: 'c', type: 'text', source: { kind: 'text', text: 'hello' } },
      { externalId: 'd', type: 'video', url: 'not a url', frames: 0 },
    ]
    const res = await importInto(dataset, JSON.stringify(rows), 'application/json')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ accepted: 2, created: 2, updated: 0, rejectedCount: 2 })
    expect(res.body.rejected).toEqual(
      expect.arrayContaining([
        { row: 2, field: 'type', rule: expect.stringMatching(/^must be one of image/) },
        { row: 4, field: 'url', rule: 'must be a URL' },
        { row: 4, field: 'frames', rule: 'must be at least 1' },
      ]),
    )
    expect(await countItems(dataset)).toBe(2)
    const stored = (await api.payload.find({ collection: 'data-items', where: { externalId: { equals: 'a' } }, overrideAccess: true }))
      .docs[0] as Record<string, any>
    expect(stored).toMatchObject({
      name: 'a',
      type: 'image',
      width: 640,
      height: 480,
      metadata: { camera: 'front' },
      workspace: expect.anything(),
    })
    expect(stored.source).toMatchObject({ kind: 'url', url: 'https://cdn.example.com/a.png' })
  })

  it('imports NDJSON and CSV, and a re-import updates instead of duplicating', async () => {
    const dataset = (await member().post('/api/datasets', { workspace: world.A, name: 'Mixed set' })).body.doc.id
    const ndjson = [
      '{"externalId":"x1","type":"image","url":"https://e.com/1.png"}',
      '{oops',
      '{"externalId":"x2","type":"audio","url":"https://e.com/2.wav"}',
    ].join('\n')
    const first = await importInto(dataset, ndjson, 'application/x-ndjson')
    expect(first.body).toMatchObject({
      accepted: 2,
      created: 2,
      rejectedCount: 1,
      rejected: [{ row: 2, field: '(row)', rule: 'is not valid JSON' }],
    })

    const csv =
      'externalId,type,url,width,metadata\nx1,image,https://e.com/1-v2.png,1024,"{""split"":""train""}"\nx3,document,https://e.com/3.pdf,,\nx4,image,,,\n'
    const second = await importInto(dataset, csv, 'text/csv')
    expect(second.body).toMatchObject({ accepted: 2, created: 1, updated: 1, rejectedCount: 1 })
    expect(second.body.rejected).toEqual([{ row: 3, field: 'source', rule: 'needs a url, an uploaded media id or inline text' }])
    expect(await countItems(dataset)).toBe(3)
    const x1 = (
      await api.payload.find({
        collection: 'data-items',
        where: { and: [{ dataset: { equals: dataset } }, { externalId: { equals: 'x1' } }] },
        overrideAccess: true,
      })
    ).docs[0] as Record<string, any>
    expect(x1).toMatchObject({ width: 1024, metadata: { split: 'train' } })
    expect(x1.source.url).toBe('https://e.com/1-v2.png')
  })

  it('handles the same externalId twice in one file (the later row wins) and batches larger files', async () => {
    const dataset = (await member().post('/api/datasets', { workspace: world.A, name: 'Big set' })).body.doc.id
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ externalId: `n${i % 2400}`, type: 'image', url: `https://e.com/${i}.png` }),
    )
    const res = await importInto(dataset, lines.join('\n'), 'application/x-ndjson')
    expect(res.body).toMatchObject({ accepted: 2500, created: 2400, updated: 100, rejectedCount: 0 })
    expect(await countItems(dataset)).toBe(2400)
  })

  it('refuses people who may not change the dataset, and unknown formats', async () => {
    const body = JSON.stringify([{ externalId: 'z', type: 'image', url: 'https://e.com/z.png' }])
    expect((await importInto(world.catalogue.D2!, body, 'application/json')).status).toBe(403) // D2 is adminA's
    expect((await importInto(world.catalogue.D1!, body, 'application/json', world.tokens.tasker)).status).toBe(403)
    expect((await importInto(world.catalogue.DB!, body, 'application/json', world.tokens.admin)).status).toBe(403)
    expect((await importInto(world.catalogue.D1!, 'a,b', 'application/xml')).status).toBe(415)
    expect(await countItems(world.catalogue.D2!)).toBe(1)
    expect(await countItems(world.catalogue.DB!)).toBe(1)
  })
})

describe('projects', () => {
  it('makes the creator a project Admin and filters by tag', async () => {
    const res = await member().post('/api/projects', { workspace: world.A, name: 'Tagged', tags: ['lidar', 'q4'] })
    expect(res.status).toBe(201)
    expect(res.body.doc.collaborators).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: world.users.memberA }), role: 'admin' }),
    ])
    const byTag = await member().get('/api/projects?where[tags][in]=lidar&depth=0')
    expect(byTag.body.docs.map((doc: { name: string }) => doc.name)).toEqual(['Tagged'])
  })

  it('moves status only along allowed transitions, and only for those who run the project', async () => {
    const created = await member().post('/api/projects', {
      workspace: world.A,
      name: 'Transitions',
      collaborators: [
        { user: world.users.memberA, role: 'admin' },
        { user: world.users.taskerA, role: 'annotator' },
      ],
    })
    const id = created.body.doc.id
    expect((await as(world.tokens.tasker).patch(`/api/projects/${id}`, { status: 'in-progress' })).status).toBe(403)
    expect((await member().patch(`/api/projects/${id}`, { status: 'completed' })).status).toBe(409)
    expect((await member().patch(`/api/projects/${id}`, { status: 'in-progress' })).status).toBe(200)
    expect((await member().patch(`/api/projects/${id}`, { status: 'paused' })).status).toBe(200)
    const stored = await api.payload.findByID({ collection: 'projects', id, overrideAccess: true })
    expect(stored.status).toBe('paused')
  })

  it('keeps an archived project read-only for all but workspace Admins', async () => {
    const id = (await member().post('/api/projects', { workspace: world.A, name: 'To archive' })).body.doc.id
    expect((await member().patch(`/api/projects/${id}`, { status: 'archived' })).status).toBe(200)
    const locked = await member().patch(`/api/projects/${id}`, { name: 'Renamed' })
    expect(locked.status).toBe(423)
    expect(locked.body.errors[0].message).toMatch(/archived: read-only/)
    expect((await as(world.tokens.admin).patch(`/api/projects/${id}`, { status: 'completed' })).status).toBe(200)
  })

  it('gives a group role to the group members, following later membership changes', async () => {
    const project = (
      await as(world.tokens.admin).post('/api/projects', {
        workspace: world.A,
        name: 'Group project',
        collaborators: [{ group: world.groups.G2, role: 'annotator' }],
      })
    ).body.doc.id
    expect((await as(world.tokens.tasker).get(`/api/projects/${project}`)).status).toBe(200) // taskerA is in G2
    await as(world.tokens.admin).patch(`/api/user-groups/${world.groups.G2}`, { members: [] })
    expect([403, 404]).toContain((await as(world.tokens.tasker).get(`/api/projects/${project}`)).status)
    await as(world.tokens.admin).patch(`/api/user-groups/${world.groups.G2}`, { members: [world.users.taskerA] })
    expect((await as(world.tokens.tasker).get(`/api/projects/${project}`)).status).toBe(200)
  })

  it('refuses collaborators, datasets and ontologies from outside the workspace, naming the field', async () => {
    const outsider = await member().post('/api/projects', {
      workspace: world.A,
      name: 'Bad',
      collaborators: [{ user: world.users.taskerB, role: 'annotator' }],
    })
    expect(outsider.status).toBe(400)
    expect(outsider.body.errors[0].message).toMatch(/^collaborators\[0\]\.user: user \S+ is not a member of this workspace/)
    const foreignData = await member().post('/api/projects', {
      workspace: world.A,
      name: 'Bad',
      datasets: [world.catalogue.D1, world.catalogue.DB],
    })
    expect(foreignData.status).toBe(400)
    expect(foreignData.body.errors[0].message).toMatch(/^datasets\[1\]: dataset \S+ is not a dataset of this workspace/)
    const both = await member().post('/api/projects', {
      workspace: world.A,
      name: 'Bad',
      collaborators: [{ user: world.users.taskerA, group: world.groups.G1, role: 'reviewer' }],
    })
    expect(both.body.errors[0].message).toMatch(/^collaborators\[0\]: name either a user or a user group/)
  })

  it('lets a Team Manager manage collaborators except Admins', async () => {
    const project = (
      await member().post('/api/projects', {
        workspace: world.A,
        name: 'TM project',
        collaborators: [{ user: world.users.wfmA, role: 'team-manager' }],
      })
    ).body.doc
    const wfm = as(world.tokens['workforce-manager'])
    const rows = project.collaborators.map((row: { user?: { id: number }; role: string }) => ({ user: row.user?.id, role: row.role }))
    const addAnnotator = await wfm.patch(`/api/projects/${project.id}`, {
      collaborators: [...rows, { user: world.users.taskerA, role: 'annotator' }],
    })
    expect(addAnnotator.status).toBe(200)
    const addAdmin = await wfm.patch(`/api/projects/${project.id}`, {
      collaborators: [...rows, { user: world.users.taskerA, role: 'admin' }],
    })
    expect(addAdmin.status).toBe(403)
    expect(addAdmin.body.errors[0].message).toBe('collaborators: a Team Manager cannot add, change or remove project Admins')
  })
})

describe('the project status gate for task routes', () => {
  it('answers 423 to Annotators and Reviewers unless In progress; managers always pass', async () => {
    const project = (
      await member().post('/api/projects', {
        workspace: world.A,
        name: 'Gated',
        collaborators: [{ user: world.users.taskerA, role: 'annotator' }],
      })
    ).body.doc.id
    const reqFor = async (handle: string) => {
      const user = await api.payload.findByID({ collection: 'users', id: world.users[handle]!, overrideAccess: true })
      return createLocalReq({ user: { ...user, collection: 'users' } as never }, api.payload)
    }
    for (const status of ['not-started', 'in-progress', 'paused', 'completed', 'cancelled'] as const) {
      await api.payload.update({ collection: 'projects', id: project, data: { status }, overrideAccess: true })
      const annotator = assertProjectWritable(await reqFor('taskerA'), project)
      if (status === 'in-progress') await expect(annotator).resolves.toBeUndefined()
      else await expect(annotator).rejects.toMatchObject({ status: 423 })
      await expect(assertProjectWritable(await reqFor('memberA'), project)).resolves.toBeUndefined() // project Admin
      await expect(assertProjectWritable(await reqFor('adminA'), project)).resolves.toBeUndefined() // workspace Admin
    }
    // archived: read-only for all but workspace Admins, project Admins included
    await api.payload.update({ collection: 'projects', id: project, data: { status: 'archived' }, overrideAccess: true })
    await expect(assertProjectWritable(await reqFor('memberA'), project)).rejects.toMatchObject({ status: 423 })
    await expect(assertProjectWritable(await reqFor('adminA'), project)).resolves.toBeUndefined()
  })
})
