import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// What the API serves beyond LabelOps' own collections — Payload's locks, the auth operations — and the
// workflow's own bookkeeping on tasks: nobody reaches across workspaces or writes what only operations write.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let outsider: { id: number | string; token: string }
let project: number
let task: { id: number; version: number }

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api)
  outsider = await api.createUser('elsewhere@internal.test')
  const started = await world.startProject('Annotate → Review → Complete')
  project = started.project
  task = started.tasks[0]!
})
afterAll(() => api?.close())

describe("Payload's locked documents", () => {
  it("are the holder's own: nobody else lists, counts, reads or changes them, over REST or GraphQL", async () => {
    const lock = await api.payload.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'projects', value: project }, user: { relationTo: 'users', value: world.admin.id } } as never,
    })
    const other = world.call(outsider.token)
    expect((await other.get('/api/payload-locked-documents')).body.docs).toEqual([])
    expect((await other.get('/api/payload-locked-documents/count')).body.totalDocs).toBe(0)
    expect((await other.get(`/api/payload-locked-documents?where[document.value][equals]=${project}`)).body.docs).toEqual([])
    expect([403, 404]).toContain((await other.get(`/api/payload-locked-documents/${lock.id}`)).status)
    expect([403, 404]).toContain((await other.patch(`/api/payload-locked-documents/${lock.id}`, { globalSlug: 'x' })).status)
    expect([403, 404]).toContain((await other.delete(`/api/payload-locked-documents/${lock.id}`)).status)
    const spoof = await other.post('/api/payload-locked-documents', {
      document: { relationTo: 'projects', value: project },
      user: { relationTo: 'users', value: world.admin.id },
    })
    expect(spoof.status).toBe(403)

    const listed = await api.graphql<{ PayloadLockedDocuments: { totalDocs: number } }>(
      '{ PayloadLockedDocuments { totalDocs } }',
      {},
      outsider.token,
    )
    expect(listed.data?.PayloadLockedDocuments.totalDocs ?? 0).toBe(0)
    const updated = await api.graphql(
      `mutation { updatePayloadLockedDocument(id: ${JSON.stringify(lock.id)}, data: { globalSlug: "x" }) { id } }`,
      {},
      outsider.token,
    )
    expect(updated.errors?.length).toBeGreaterThan(0)

    const stored = await api.payload.findByID({ collection: 'payload-locked-documents', id: lock.id, depth: 0 })
    expect(stored.globalSlug ?? null).toBeNull()
    // the holder sees their own
    expect((await world.asAdmin.get('/api/payload-locked-documents')).body.docs.map((doc: { id: number }) => doc.id)).toEqual([lock.id])
  })
})

describe('the auth operations', () => {
  it("unlock is the installation owner's: everyone else gets the same 403 whether the account exists or not", async () => {
    const tasker = world.call(world.annotators[0]!.token)
    const known = await tasker.post('/api/users/unlock', { email: 'admin@wf.test' })
    const unknown = await tasker.post('/api/users/unlock', { email: 'nobody-at-all@wf.test' })
    expect(known.status).toBe(403)
    expect(unknown.status).toBe(403)
    expect(known.body).toEqual(unknown.body)
    expect((await world.asAdmin.post('/api/users/unlock', { email: 'ann1@wf.test' })).status).toBe(403)
    const rootToken = await api.login('root@wf.test', 'correct-horse-battery')
    expect((await world.call(rootToken).post('/api/users/unlock', { email: 'ann1@wf.test' })).status).toBe(200)
  })

  it('forgot-password answers the same for known and unknown addresses', async () => {
    const known = await api.http().post('/api/users/forgot-password').send({ email: 'admin@wf.test' })
    const unknown = await api.http().post('/api/users/forgot-password').send({ email: 'nobody-at-all@wf.test' })
    expect(known.status).toBe(unknown.status)
    expect(known.body).toEqual(unknown.body)
  })
})

describe("the workflow's own task fields", () => {
  const stored = async () =>
    (await api.payload.findByID({ collection: 'tasks', id: task.id, depth: 0 })) as unknown as Record<string, unknown>

  it('are refused to a Team Manager over REST and GraphQL, whatever the value', async () => {
    const before = await stored()
    const tm = world.call(world.tm.token)
    const attempts: Array<[string, unknown]> = [
      ['lastActorByStage', { annotate: world.annotators[0]!.id }],
      ['lastActorByStage', { annotate: 999_999 }],
      ['lastActorByStage', ['a']],
      ['round', 7],
      ['consensusSubmissions', 3],
      ['skippedBy', [world.annotators[1]!.id]],
      ['leaseHolder', world.annotators[0]!.id],
      ['version', 99],
    ]
    for (const [field, value] of attempts) {
      const res = await tm.patch(`/api/tasks/${task.id}`, { [field]: value })
      expect(res.status, field).toBe(403)
      expect(res.body.errors[0].message, field).toContain(`${field}: is kept by the workflow`)
      const gql = await api.graphql(
        `mutation ($data: mutationTaskUpdateInput!) { updateTask(id: ${JSON.stringify(task.id)}, data: $data) { id } }`,
        { data: { [field]: value } },
        world.tm.token,
      )
      expect(gql.errors?.length, field).toBeGreaterThan(0)
    }
    expect(await stored()).toEqual(before)
  })

  it('may be sent back unchanged (the admin form does), with a change of priority', async () => {
    const before = await stored()
    const res = await world.call(world.tm.token).patch(`/api/tasks/${task.id}`, {
      priority: 70,
      lastActorByStage: before.lastActorByStage,
      round: before.round,
      skippedBy: before.skippedBy,
      version: before.version,
    })
    expect(res.status).toBe(200)
    expect((await stored()).priority).toBe(70)
  })
})
