import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { STREET_ONTOLOGY } from '../helpers/ontologies.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let ontology: number

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 4, reviewers: 1 })
  const created = await world.asAdmin.post('/api/ontologies', {
    workspace: world.workspace,
    name: 'Street',
    ...STREET_ONTOLOGY,
    objects: [...STREET_ONTOLOGY.objects, { id: 'lane', name: 'Lane', shape: 'polyline' }],
  })
  ontology = created.body.doc.id
}, 180_000)
afterAll(() => api?.close())

const labelsOf = async (task: number) =>
  (await api.payload.find({ collection: 'labels', where: { task: { equals: task } }, overrideAccess: true, depth: 0 })).docs
const car = { id: 'o1', featureId: 'car', geometry: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } }

describe('labels', () => {
  it('saves drafts while the author holds the lease, refuses bad ones by path, and freezes on submit', async () => {
    const { project } = await world.startProject('Annotate → Review → Complete', { ontology })
    const [ann, other] = world.annotators
    const claimed = await world.call(ann!.token).post(`/api/projects/${project}/next`, {})
    expect(claimed.body).toMatchObject({ label: null, ontology: { id: ontology } })
    // the answer's documents are the ones the REST API serves at depth 0
    const item = (await world.asAdmin.get(`/api/data-items/${claimed.body.dataItem.id}?depth=0`)).body
    expect(claimed.body.dataItem).toEqual(item)
    expect(claimed.body.task).toEqual((await world.asAdmin.get(`/api/tasks/${claimed.body.task.id}?depth=0`)).body)
    const task = claimed.body.task.id as number
    const put = (token: string, body: object) => api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${token}`).send(body)

    const draft = await put(ann!.token, { objects: [car] })
    expect(draft.status, JSON.stringify(draft.body)).toBe(200)
    expect(draft.body).toMatchObject({ status: 'draft', author: ann!.id, featureIds: ['car'] })

    const bad = await put(ann!.token, {
      objects: [
        { ...car, geometry: { x: 0.9, y: 0.1, w: 0.3, h: 0.1 } },
        { id: 'o2', featureId: 'plane', geometry: {} },
      ],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].data.errors.map((error: { path: string }) => error.path)).toEqual([
      'objects[0].geometry',
      'objects[1].featureId',
    ])
    expect((await labelsOf(task))[0]).toMatchObject({ objects: [car] }) // nothing stored

    expect((await put(other!.token, { objects: [car] })).status).toBe(409) // not the lease holder
    expect((await put(world.tm.token, { objects: [car] })).status).toBe(409) // managers claim first too

    const incomplete = await world.call(ann!.token).post(`/api/tasks/${task}/submit`, { expectedVersion: claimed.body.task.version })
    expect(incomplete.status).toBe(400)
    expect(incomplete.body.errors[0].message).toMatch(/^label\.classifications: "Weather" is required/)
    expect(await api.payload.findByID({ collection: 'tasks', id: task, depth: 0, overrideAccess: true })).toMatchObject({
      stage: 'annotate',
      version: claimed.body.task.version,
    })

    await put(ann!.token, { objects: [car], classifications: [{ featureId: 'weather', optionIds: ['rain'] }] })
    const submitted = await world.call(ann!.token).post(`/api/tasks/${task}/submit`, { expectedVersion: claimed.body.task.version })
    expect(submitted.status).toBe(200)
    expect((await labelsOf(task))[0]).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) })
    expect((await put(ann!.token, { objects: [] })).status).toBe(409) // frozen: the lease went with the submit

    const review = await world.call(world.reviewers[0]!.token).post(`/api/projects/${project}/next`, {})
    expect(review.body.task).toMatchObject({ id: task, stage: 'review' })
    expect(review.body.label).toMatchObject({ author: ann!.id, status: 'submitted', objects: [car] })
    expect(review.body.label).toEqual((await world.asAdmin.get(`/api/labels/${review.body.label.id}?depth=0`)).body)
    expect(
      (await api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${world.reviewers[0]!.token}`).send({ objects: [] }))
        .status,
    ).toBe(409) // not in a review stage
  })

  it('refuses each kind of bad label over REST with 400 naming the path, storing nothing', async () => {
    const { project } = await world.startProject('Annotate → Complete', { ontology })
    const ann = world.annotators[1]!
    const claimed = await world.call(ann.token).post(`/api/projects/${project}/next`, {})
    const task = claimed.body.task.id as number
    const put = (body: object) => api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${ann.token}`).send(body)
    expect((await put({ objects: [car] })).status).toBe(200)
    const cases: Array<[object, string, RegExp]> = [
      [{ objects: [{ ...car, featureId: 'plane' }] }, 'objects[0].featureId', /"plane" is not an object of this ontology/],
      [
        {
          objects: [
            {
              ...car,
              geometry: {
                points: [
                  [0, 0],
                  [1, 1],
                  [1, 0],
                ],
              },
            },
          ],
        },
        'objects[0].geometry',
        /bounding-box/,
      ],
      [{ objects: [{ ...car, geometry: { x: -0.1, y: 0, w: 0.1, h: 0.1 } }] }, 'objects[0].geometry.x', /between 0 and 1/],
      [{ objects: [{ ...car, frame: -1 }] }, 'objects[0].frame', /frame number/],
      [
        { classifications: [{ featureId: 'weather', optionIds: ['snow'] }] },
        'classifications[0].optionIds[0]',
        /"snow" is not an option of "Weather"/,
      ],
      [{ classifications: [{ featureId: 'mood', optionIds: [] }] }, 'classifications[0].featureId', /"mood" is not a classification here/],
      [{ objects: [{ ...car, id: 'has space' }] }, 'objects[0].id', /letters, digits/],
      [{ shapes: [] }, 'label', /Unrecognized key/],
    ]
    for (const [body, path, message] of cases) {
      const res = await put(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const problem = res.body.errors[0].data.errors.find((error: { path: string }) => error.path === path)
      expect(problem?.message, `${path} in ${JSON.stringify(res.body.errors[0].data.errors)}`).toMatch(message)
      expect((await labelsOf(task))[0]).toMatchObject({ objects: [car], status: 'draft' })
    }
  })

  it('lets authors read their labels and managers all of them, nobody write them through CRUD', async () => {
    const [label] = (
      await api.payload.find({
        collection: 'labels',
        where: { author: { equals: world.annotators[0]!.id } },
        limit: 1,
        overrideAccess: true,
      })
    ).docs
    expect((await world.call(world.annotators[0]!.token).get(`/api/labels/${label!.id}`)).status).toBe(200)
    expect((await world.call(world.tm.token).get(`/api/labels/${label!.id}`)).status).toBe(200)
    expect((await world.call(world.annotators[1]!.token).get(`/api/labels/${label!.id}`)).status).toBe(404)
    expect((await world.asAdmin.patch(`/api/labels/${label!.id}`, { objects: [] })).status).toBe(403)
    expect((await world.asAdmin.post('/api/labels', { task: label!.task, objects: [] })).status).toBe(403)
  })

  it("makes the ontology's in-use check live: a feature labels use cannot be removed", async () => {
    const doc = (await world.asAdmin.get(`/api/ontologies/${ontology}`)).body
    const removed = await world.asAdmin.patch(`/api/ontologies/${ontology}`, {
      objects: doc.objects.filter((object: { id: string }) => object.id !== 'car'),
    })
    expect(removed.status).toBe(409)
    expect(removed.body.errors[0].message).toMatch(/feature "car" is removed but labels use it/)
    // named on its field, so the admin's form shows it there (the ontology editor marks the item)
    expect(removed.body.errors[0].data.errors).toEqual([{ path: 'objects', message: removed.body.errors[0].message }])
    const unused = await world.asAdmin.patch(`/api/ontologies/${ontology}`, {
      objects: doc.objects.filter((object: { id: string }) => object.id !== 'lane'),
    })
    expect(unused.status).toBe(200)
  })
})
