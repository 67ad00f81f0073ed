import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { EXPORTS_AT_ONCE, openExportSnapshot } from '../../src/sql/exchange/exportRows.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { pgQuery } from '../helpers/pgQuery.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * Labels out and in, over the real server and Postgres: a project's labels exported as LabelOps JSON and
 * COCO (filtered, streamed, for whoever runs the project), and imported back as pre-labels (served to the
 * annotator with the claim) or as a gold set — the round trip giving the same labels, a bad row refusing
 * the whole file and naming every problem.
 */
type Id = number | string
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let ontology: Id
let dataset: Id
let source: Id
const WIDTH = 1920
const HEIGHT = 1080

const SHAPES = {
  objects: [
    { id: 'car', name: 'Car', shape: 'bounding-box' },
    { id: 'person', name: 'Person', shape: 'point' },
    { id: 'road', name: 'Road', shape: 'polygon' },
    { id: 'sky', name: 'Sky', shape: 'bitmask' },
    { id: 'lane', name: 'Lane', shape: 'polyline' },
    { id: 'sign', name: 'Sign', shape: 'rotated-box' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      required: true,
      options: [
        { id: 'sun', label: 'Sun' },
        { id: 'rain', label: 'Rain' },
      ],
    },
  ],
}

/** A label with every shape, its box at `x` so that each task's label differs. */
const labelAt = (x: number) => ({
  objects: [
    { id: 'c1', featureId: 'car', geometry: { x, y: 0.1, w: 0.25, h: 0.125 } },
    { id: 'p1', featureId: 'person', geometry: { x: 0.5, y: 0.75 } },
    {
      id: 'r1',
      featureId: 'road',
      geometry: {
        points: [
          [0.1, 0.9],
          [0.9, 0.9],
          [0.5, 0.6],
        ],
      },
    },
    { id: 's1', featureId: 'sky', geometry: { rle: { size: [4, 5], counts: [3, 4, 13] } } },
    {
      id: 'l1',
      featureId: 'lane',
      geometry: {
        points: [
          [0.2, 1],
          [0.3, 0.5],
        ],
      },
    },
    { id: 'g1', featureId: 'sign', geometry: { x: 0.6, y: 0.2, w: 0.1, h: 0.05, theta: 30 } },
  ],
  classifications: [{ featureId: 'weather', optionIds: [x < 0.3 ? 'sun' : 'rain'] }],
})

const exportOf = async (token: string, project: Id, query: Record<string, string> = {}) =>
  api.http().get(`/api/projects/${project}/export`).query(query).set('Authorization', `JWT ${token}`).buffer(true)
const importInto = (token: string, project: Id, file: unknown, query: Record<string, string> = {}) =>
  api
    .http()
    .post(`/api/projects/${project}/import-labels`)
    .query(query)
    .set('Authorization', `JWT ${token}`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(file))
const referencesOf = (project: Id, kind = 'pre-label') =>
  pgQuery(
    api.databaseUri,
    `select r.task_id::text as task, i.external_id as "externalId", r.objects, r.classifications
       from reference_labels r join tasks t on t.id = r.task_id join data_items i on i.id = t.data_item_id
      where r.project_id = $1 and r.kind = $2 order by i.external_id`,
    [project, kind],
  )
const submittedLabels = (project: Id) =>
  pgQuery(
    api.databaseUri,
    `select i.external_id as "externalId", l.objects, l.classifications
       from labels l join tasks t on t.id = l.task_id join data_items i on i.id = t.data_item_id
      where l.project_id = $1 and l.status = 'submitted' order by i.external_id`,
    [project],
  )

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 1, reviewers: 1 })
  ontology = (await world.asAdmin.post('/api/ontologies', { workspace: world.workspace, name: 'Every shape', ...SHAPES })).body.doc.id
  dataset = (await world.asAdmin.post('/api/datasets', { workspace: world.workspace, name: 'Sized frames' })).body.doc.id
  const manifest = Array.from({ length: 6 }, (_, i) =>
    JSON.stringify({
      externalId: `s${i}`,
      name: `frame-${i}.png`,
      type: 'image',
      url: `https://e.com/s${i}.png`,
      width: WIDTH,
      height: HEIGHT,
    }),
  ).join('\n')
  const imported = await world.asAdmin.post(`/api/datasets/${dataset}/import`, manifest as never, {
    'Content-Type': 'application/x-ndjson',
  })
  expect(imported.status, JSON.stringify(imported.body)).toBe(200)

  // four tasks labelled and submitted, two of them approved (completed)
  source = (await world.startProject('Annotate → Review → Complete', { ontology, datasets: [dataset], name: 'Source' })).project
  const [ann] = world.annotators
  for (let i = 0; i < 4; i++) {
    const claimed = (await world.call(ann!.token).post(`/api/projects/${source}/next`, {})).body.task
    const saved = await api
      .http()
      .put(`/api/tasks/${claimed.id}/label`)
      .set('Authorization', `JWT ${ann!.token}`)
      .send(labelAt(0.1 + i * 0.1))
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const submitted = await world.call(ann!.token).post(`/api/tasks/${claimed.id}/submit`, { expectedVersion: claimed.version })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  }
  const reviewer = world.reviewers[0]!
  for (let i = 0; i < 2; i++) {
    const served = (await world.call(reviewer.token).post(`/api/projects/${source}/next`, {})).body.task
    expect((await world.call(reviewer.token).post(`/api/tasks/${served.id}/approve`, { expectedVersion: served.version })).status).toBe(200)
  }
}, 180_000)
afterAll(() => api?.close())

describe('export', () => {
  it('is for whoever runs the project, and refuses a filter it cannot apply, naming it', async () => {
    expect((await exportOf(world.annotators[0]!.token, source)).status).toBe(403)
    const outsider = await api.createUser('outsider@exchange.test')
    expect((await exportOf(outsider.token, source)).status).toBe(404)
    const stage = await exportOf(world.tm.token, source, { stage: 'nowhere' })
    expect(stage.status).toBe(400)
    expect(stage.body.errors[0].message).toMatch(/^stage: "nowhere" is not a stage of this project/)
    const format = await exportOf(world.tm.token, source, { format: 'yolo' })
    expect(format.body.errors[0].message).toBe('format: is one of labelops, coco')
    // caught before the answer starts: a date Postgres cannot hold, a window for tasks that have no label
    const ancient = await exportOf(world.tm.token, source, { from: '0000-01-01T00:00:00Z' })
    expect([ancient.status, ancient.body.errors[0].message]).toEqual([400, 'from: is before the year 1'])
    const mixed = await exportOf(world.tm.token, source, { unlabelled: 'true', to: '2030-01-01T00:00:00Z' })
    expect(mixed.body.errors[0].message).toMatch(/^unlabelled: cannot be combined with from \/ to/)
    const offsets = await exportOf(world.tm.token, source, { from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00.5Z' })
    expect(offsets.status).toBe(200)
  })

  it('writes LabelOps JSON with every submitted label as stored, filtered by status, stage and time', async () => {
    const res = await exportOf(world.tm.token, source)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="source-labels-\d{4}-\d\d-\d\d\.json"$/)
    const file = JSON.parse(res.text)
    expect(file).toMatchObject({ format: 'labelops', version: 1, project: { id: String(source), name: 'Source' } })
    expect(file.ontology.objects.map((object: { id: string }) => object.id)).toEqual(SHAPES.objects.map((object) => object.id))
    const stored = await submittedLabels(source)
    expect(file.tasks).toHaveLength(4)
    const exported = [...file.tasks].sort((a, b) => a.dataItem.externalId.localeCompare(b.dataItem.externalId))
    expect(
      exported.map((task) => ({
        externalId: task.dataItem.externalId,
        objects: task.label.objects,
        classifications: task.label.classifications,
      })),
    ).toEqual(stored)
    expect(exported[0].dataItem).toMatchObject({
      name: `frame-${exported[0].dataItem.externalId.slice(1)}.png`,
      width: WIDTH,
      height: HEIGHT,
      type: 'image',
    })

    const completed = JSON.parse((await exportOf(world.tm.token, source, { status: 'completed' })).text)
    expect(completed.tasks).toHaveLength(2)
    expect(completed.tasks.every((task: { status: string }) => task.status === 'completed')).toBe(true)
    const inReview = JSON.parse(
      (await exportOf(world.tm.token, source, { stage: exported.find((t) => t.status !== 'completed').stage })).text,
    )
    expect(inReview.tasks).toHaveLength(2)
    const before = JSON.parse((await exportOf(world.tm.token, source, { to: '2020-01-01T00:00:00Z' })).text)
    expect(before.tasks).toEqual([])
    const all = JSON.parse((await exportOf(world.tm.token, source, { unlabelled: 'true' })).text)
    expect(all.tasks).toHaveLength(6)
    expect(all.tasks.filter((task: { label: unknown }) => task.label === null)).toHaveLength(2)
  })

  it('writes COCO with its required fields, boxes in pixels matching the stored geometry', async () => {
    const res = await exportOf(world.tm.token, source, { format: 'coco' })
    expect(res.status).toBe(200)
    const coco = JSON.parse(res.text)
    expect(Object.keys(coco).sort()).toEqual(['annotations', 'categories', 'images', 'info', 'licenses'])
    expect(coco.categories.map(({ id, name, supercategory }: Record<string, unknown>) => ({ id, name, supercategory }))).toEqual(
      SHAPES.objects.map((object, i) => ({ id: i + 1, name: object.name, supercategory: object.shape })),
    )
    expect(coco.images).toHaveLength(4)
    const imageIds = new Set<number>()
    for (const image of coco.images) {
      expect(image).toMatchObject({
        id: expect.any(Number),
        file_name: expect.stringMatching(/^frame-\d\.png$/),
        width: WIDTH,
        height: HEIGHT,
      })
      imageIds.add(image.id)
    }
    expect(imageIds.size).toBe(4)
    const annotationIds = new Set<number>()
    for (const annotation of coco.annotations) {
      for (const field of ['id', 'image_id', 'category_id', 'segmentation', 'area', 'bbox', 'iscrowd'])
        expect(annotation).toHaveProperty(field)
      expect(imageIds.has(annotation.image_id)).toBe(true)
      expect(annotation.bbox).toHaveLength(4)
      annotationIds.add(annotation.id)
    }
    // every object but none lost: 6 shapes on each of 4 images, each annotation id once
    expect(annotationIds.size).toBe(24)
    const stored = await submittedLabels(source)
    const byName = new Map(coco.images.map((image: { id: number; file_name: string }) => [image.id, image.file_name]))
    for (const annotation of coco.annotations.filter((a: { category_id: number }) => a.category_id === 1)) {
      const externalId = `s${/frame-(\d)/.exec(byName.get(annotation.image_id) as string)![1]}`
      const box = stored.find((label) => label.externalId === externalId)!.objects.find((o: { id: string }) => o.id === 'c1').geometry
      expect(annotation.bbox).toEqual([box.x * WIDTH, box.y * HEIGHT, box.w * WIDTH, box.h * HEIGHT].map((v) => Number(v.toFixed(6))))
      expect(annotation.area).toBeCloseTo(box.w * WIDTH * box.h * HEIGHT, 3)
    }
    const mask = coco.annotations.find((a: { category_id: number }) => a.category_id === 4)
    expect(mask.segmentation).toEqual({ size: [4, 5], counts: [3, 4, 13] })
    // 4 foreground pixels of a 4 × 5 grid, in column-major order: column 0 rows 3, column 1 rows 0-2
    expect(mask.bbox).toEqual([0, 0, 2 * (WIDTH / 5), 4 * (HEIGHT / 4)])
    const point = coco.annotations.find((a: { category_id: number }) => a.category_id === 2)
    expect(point.keypoints).toEqual([0.5 * WIDTH, 0.75 * HEIGHT, 2])
    expect(coco.images[0].labelops_classifications).toEqual([{ featureId: 'weather', optionIds: [expect.any(String)] }])
  })
})

describe('the export snapshot', () => {
  it('takes a connection the server ends (a stalled download) as its own error, never the process', async () => {
    const snapshot = await openExportSnapshot(api.payload, { idleLimit: '1s' })
    await new Promise((resolve) => setTimeout(resolve, 1800))
    await expect(snapshot.run(sql`select 1`)).rejects.toThrow(/idle-in-transaction timeout|terminating connection|Connection terminated/)
    await snapshot.close()
    // the pool still serves: the connection was given back as broken, not reused
    expect((await exportOf(world.tm.token, source)).status).toBe(200)
  })

  it('runs at most EXPORTS_AT_ONCE exports in one process, refusing the next with a 429', async () => {
    const held = await Promise.all(Array.from({ length: EXPORTS_AT_ONCE }, () => openExportSnapshot(api.payload)))
    try {
      const refused = await exportOf(world.tm.token, source)
      expect(refused.status).toBe(429)
      expect(refused.body.errors[0].message).toMatch(/label exports are running on this server/)
    } finally {
      await Promise.all(held.map((snapshot) => snapshot.close()))
    }
    expect((await exportOf(world.tm.token, source)).status).toBe(200)
  })
})

describe('import', () => {
  it('brings a LabelOps JSON export back as pre-labels: the same labels, served to the annotator with the claim', async () => {
    const file = JSON.parse((await exportOf(world.tm.token, source)).text)
    const { project: target } = await world.startProject('Annotate → Review → Complete', {
      ontology,
      datasets: [dataset],
      name: 'Pre-labelled',
    })
    expect((await importInto(world.annotators[0]!.token, target, file)).status).toBe(403)
    const res = await importInto(world.tm.token, target, file)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({ kind: 'pre-label', format: 'labelops', imported: 4, created: 4, replaced: 0 })
    const imported = (await referencesOf(target)).map(({ externalId, objects, classifications }) => ({
      externalId,
      objects,
      classifications,
    }))
    expect(imported).toEqual(await submittedLabels(source))
    // again: replaced, not duplicated
    expect((await importInto(world.tm.token, target, file)).body).toMatchObject({ imported: 4, created: 0, replaced: 4 })
    expect(await referencesOf(target)).toHaveLength(4)

    // the annotator starts from the pre-label of the task they are served (and from nothing where there is none)
    const [, ann] = world.annotators
    const served: Array<{ externalId: string; preLabel: unknown; label: unknown }> = []
    for (let i = 0; i < 6; i++) {
      const claim = await world.call(ann!.token).post(`/api/projects/${target}/next`, {})
      expect(claim.status).toBe(200)
      served.push({ externalId: claim.body.dataItem.externalId, preLabel: claim.body.preLabel, label: claim.body.label })
      const skipped = await world.call(ann!.token).post(`/api/tasks/${claim.body.task.id}/skip`, {
        expectedVersion: claim.body.task.version,
        note: 'next one',
      })
      expect(skipped.status, JSON.stringify(skipped.body)).toBe(200)
    }
    const byItem = new Map(imported.map((row) => [row.externalId, { objects: row.objects, classifications: row.classifications }]))
    for (const claim of served) expect(claim.preLabel, claim.externalId).toEqual(byItem.get(claim.externalId) ?? null)
    expect(new Set(served.map((claim) => claim.externalId)).size).toBe(6)
    expect(served.filter((claim) => claim.preLabel !== null)).toHaveLength(4)
  })

  it('brings a COCO export back: the same labels (within a millionth)', async () => {
    const coco = JSON.parse((await exportOf(world.tm.token, source, { format: 'coco' })).text)
    const { project: target } = await world.startProject('Annotate → Review → Complete', {
      ontology,
      datasets: [dataset],
      name: 'From COCO',
    })
    const res = await importInto(world.tm.token, target, coco)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ format: 'coco', imported: 4 })
    const imported = await referencesOf(target)
    const stored = await submittedLabels(source)
    expect(imported.map((row) => row.externalId)).toEqual(stored.map((row) => row.externalId))
    imported.forEach((row, i) => {
      expect(row.classifications).toEqual(stored[i]!.classifications)
      expect(roundAll(row.objects)).toEqual(roundAll(stored[i]!.objects))
    })
  })

  it('reads a plain COCO file (no LabelOps fields): boxes, polygons and masks by category name and file_name', async () => {
    const { project: target } = await world.startProject('Annotate → Review → Complete', {
      ontology,
      datasets: [dataset],
      name: 'Plain COCO',
    })
    const coco = {
      images: [{ id: 7, file_name: 'frame-5.png', width: WIDTH, height: HEIGHT }],
      categories: [
        { id: 1, name: 'car' },
        { id: 2, name: 'ROAD' },
        { id: 3, name: 'Sky' },
      ],
      annotations: [
        { id: 1, image_id: 7, category_id: 1, bbox: [192, 108, 384, 216], area: 0, iscrowd: 0, segmentation: [] },
        { id: 2, image_id: 7, category_id: 2, bbox: [0, 0, 0, 0], area: 0, iscrowd: 0, segmentation: [[0, 1080, 1920, 1080, 960, 540]] },
        // pycocotools' compressed form of the runs [3, 4, 13]
        { id: 3, image_id: 7, category_id: 3, bbox: [0, 0, 0, 0], area: 0, iscrowd: 1, segmentation: { size: [4, 5], counts: '34=' } },
      ],
    }
    const res = await importInto(world.tm.token, target, coco, { kind: 'pre-label' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const [row] = await referencesOf(target)
    expect(row!.externalId).toBe('s5')
    expect(row!.objects).toEqual([
      { id: 'coco-1', featureId: 'car', geometry: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } },
      {
        id: 'coco-2',
        featureId: 'road',
        geometry: {
          points: [
            [0, 1],
            [1, 1],
            [0.5, 0.5],
          ],
        },
      },
      { id: 'coco-3', featureId: 'sky', geometry: { rle: { size: [4, 5], counts: [3, 4, 13] } } },
    ])
  })

  it('refuses a file with any bad row, naming every one, and writes nothing', async () => {
    const file = JSON.parse((await exportOf(world.tm.token, source)).text)
    const { project: target } = await world.startProject('Annotate → Review → Complete', { ontology, datasets: [dataset], name: 'Refused' })
    file.tasks[0].label.objects[0].geometry.w = 2
    file.tasks[1] = { ...file.tasks[1], task: null, dataItem: { externalId: 'nowhere' } }
    file.tasks[2] = { ...file.tasks[2], task: null, dataItem: { externalId: file.tasks[3].dataItem.externalId } }
    file.tasks[2].label.objects[1].featureId = 'bicycle'
    const res = await importInto(world.tm.token, target, file)
    expect(res.status).toBe(400)
    const problems = res.body.errors[0].data.errors as Array<{ path: string; message: string }>
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      [
        'tasks[0].label.objects[0].geometry',
        'tasks[0].label.objects[0].geometry.w',
        'tasks[1]',
        'tasks[2].label.objects[1].featureId',
        'tasks[3]',
      ].sort(),
    )
    expect(problems.find((problem) => problem.path === 'tasks[1]')!.message).toMatch(
      /matches no task of this project \(externalId "nowhere"\)/,
    )
    expect(problems.find((problem) => problem.path === 'tasks[3]')!.message).toBe('is for the same task as tasks[2]: one label per task')
    expect(await referencesOf(target)).toEqual([])
    const notJson = await api
      .http()
      .post(`/api/projects/${target}/import-labels`)
      .set('Authorization', `JWT ${world.tm.token}`)
      .set('Content-Type', 'application/json')
      .send('{"tasks": [')
    expect(notJson.status).toBe(400)
    expect(notJson.body.errors[0].message).toMatch(/^body: is not JSON/)
    const badCategories = await importInto(world.tm.token, target, { images: [], annotations: [], categories: 'car' })
    expect([badCategories.status, badCategories.body.errors[0].message]).toEqual([400, 'categories: is an array of { id, name }'])
  })

  it('keeps a gold set complete and away from the people it measures', async () => {
    const file = JSON.parse((await exportOf(world.tm.token, source)).text)
    const { project: target } = await world.startProject('Annotate → Review → Complete', { ontology, datasets: [dataset], name: 'Gold' })
    const incomplete = structuredClone(file)
    incomplete.tasks[0].label.classifications = []
    const refused = await importInto(world.tm.token, target, incomplete, { kind: 'gold' })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].data.errors).toEqual([{ path: 'tasks[0].label.classifications', message: '"Weather" is required' }])
    expect((await importInto(world.tm.token, target, file, { kind: 'gold' })).body).toMatchObject({ kind: 'gold', imported: 4 })
    expect(await referencesOf(target, 'gold')).toHaveLength(4)
    // a gold label is never served as a pre-label, nor readable by an annotator
    const [, , ann] = world.annotators
    const claim = await world.call(ann!.token).post(`/api/projects/${target}/next`, {})
    expect(claim.body.preLabel).toBeNull()
    const read = await world.call(ann!.token).get(`/api/reference-labels?where[project][equals]=${target}`)
    expect(read.status === 403 || read.body.docs.length === 0).toBe(true)
    const managers = await world.call(world.tm.token).get(`/api/reference-labels?where[project][equals]=${target}&limit=10`)
    expect(managers.body.docs).toHaveLength(4)
  })

  it('is refused in an archived project for a Team Manager (423), nothing written', async () => {
    const file = JSON.parse((await exportOf(world.tm.token, source)).text)
    const { project: target } = await world.startProject('Annotate → Review → Complete', {
      ontology,
      datasets: [dataset],
      name: 'Archived',
    })
    for (const status of ['completed', 'archived']) {
      const moved = await world.asAdmin.patch(`/api/projects/${target}`, { status })
      if (moved.status !== 200) break
    }
    const res = await importInto(world.tm.token, target, file)
    expect(res.status).toBe(423)
    expect(await referencesOf(target)).toEqual([])
  })
})

/** geometry rounded to 6 decimals everywhere (COCO pixels back to units) */
function roundAll(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toFixed(6))
  if (Array.isArray(value)) return value.map(roundAll)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, roundAll(v)]))
  return value
}
