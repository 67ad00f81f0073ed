import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// A workflow may start on a router: tasks made from a dataset must land where the router sends them (decided
// by the pure initialState), never sit on the router, and be served.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
const ITEMS = 1000

const graph = {
  start: 'split',
  stages: [
    {
      id: 'split',
      type: 'router',
      name: 'Split',
      config: {
        kind: 'percentage',
        branches: [
          { pathway: 'fast', weight: 30 },
          { pathway: 'careful', weight: 70 },
        ],
      },
    },
    { id: 'quick', type: 'annotate', name: 'Quick pass' },
    { id: 'thorough', type: 'annotate', name: 'Thorough pass' },
    { id: 'done', type: 'complete', name: 'Done' },
  ],
  edges: [
    { from: 'split', pathway: 'fast', to: 'quick' },
    { from: 'split', pathway: 'careful', to: 'thorough' },
    { from: 'quick', pathway: 'submit', to: 'done' },
    { from: 'thorough', pathway: 'submit', to: 'done' },
  ],
}

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: ITEMS })
})
afterAll(() => api?.close())

describe('a workflow that starts on a percentage router', () => {
  it('sends the tasks of a dataset to the routed stages in the configured proportions, journaled where they landed, and serves them', async () => {
    const created = await world.asAdmin.post('/api/projects', {
      workspace: world.workspace,
      name: 'Split project',
      datasets: [world.dataset],
      workflow: graph,
      collaborators: world.annotators.map((user) => ({ user: user.id, role: 'annotator' })),
    })
    expect(created.status).toBe(201)
    const project = created.body.doc.id
    const tasks = (
      await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 0, depth: 0, overrideAccess: true })
    ).docs as unknown as Array<{ id: number; stage: string; status: string }>
    expect(tasks).toHaveLength(ITEMS)
    const quick = tasks.filter((task) => task.stage === 'quick').length
    const thorough = tasks.filter((task) => task.stage === 'thorough').length
    expect(quick + thorough).toBe(ITEMS) // none left on the router
    expect(Math.abs(quick / ITEMS - 0.3)).toBeLessThanOrEqual(0.05)
    expect(tasks.every((task) => task.status === 'new')).toBe(true)

    const events = (
      await api.payload.find({
        collection: 'task-events',
        where: { and: [{ project: { equals: project } }, { type: { equals: 'created' } }] },
        limit: 0,
        depth: 0,
        overrideAccess: true,
      })
    ).docs as unknown as Array<{ task: number; toStage: string }>
    expect(events).toHaveLength(ITEMS)
    const stageOf = new Map(tasks.map((task) => [task.id, task.stage]))
    expect(events.every((event) => event.toStage === stageOf.get(event.task))).toBe(true)

    // the same task always takes the same branch: importing more items routes only the new ones
    const more = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ externalId: `late-${i}`, type: 'image', url: `https://e.com/late/${i}.png` }),
    ).join('\n')
    const imported = await world.asAdmin.post(`/api/datasets/${world.dataset}/import`, more as never, {
      'Content-Type': 'application/x-ndjson',
    })
    expect(imported.body.tasksCreated).toBe(20)
    const after = (
      await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 0, depth: 0, overrideAccess: true })
    ).docs as unknown as Array<{ id: number; stage: string }>
    expect(after.filter((task) => task.stage === 'split')).toEqual([])
    expect(after.filter((task) => stageOf.has(task.id)).every((task) => task.stage === stageOf.get(task.id))).toBe(true)

    await world.asAdmin.patch(`/api/projects/${project}`, { status: 'in-progress' })
    const claim = await world.call(world.annotators[0]!.token).post(`/api/projects/${project}/next`, {})
    expect(claim.status).toBe(200)
    expect(['quick', 'thorough']).toContain(claim.body.task.stage)
  })

  it('copies a template chosen on an existing project and creates its tasks', async () => {
    const created = await world.asAdmin.post('/api/projects', {
      workspace: world.workspace,
      name: 'Later template',
      datasets: [world.dataset],
    })
    expect(created.status).toBe(201)
    const project = created.body.doc.id
    const count = async () =>
      (await api.payload.count({ collection: 'tasks', where: { project: { equals: project } }, overrideAccess: true })).totalDocs
    expect(await count()).toBe(0)
    // the admin form sends the (empty) workflow back along with the chosen template
    const chosen = await world.asAdmin.patch(`/api/projects/${project}`, {
      workflowTemplate: world.templateId('Annotate → Complete'),
      workflow: created.body.doc.workflow ?? null,
    })
    expect(chosen.status).toBe(200)
    expect(chosen.body.doc.workflow.stages.map((stage: { id: string }) => stage.id)).toEqual(['annotate', 'complete'])
    expect(await count()).toBeGreaterThanOrEqual(ITEMS)
  })
})
