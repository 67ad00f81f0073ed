import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { journalInOrder } from '../helpers/journal.ts'

// Editing a task's priority or assignee through Payload's own routes (the admin form, a PATCH) is the same
// queue operation as POST /api/tasks/bulk: same rules, same journal row.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number
let tasks: Array<{ id: number }>

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3 })
  ;({ project, tasks } = await world.startProject('Annotate → Review → Complete'))
})
afterAll(() => api?.close())

const journal = async (task: number) =>
  ((await journalInOrder(api.payload, { task: { equals: task } })) as Array<{ type: string; note?: string; actor: number }>).filter(
    (event) => event.type !== 'created',
  )
const stored = (task: number) =>
  api.payload.findByID({ collection: 'tasks', id: task, depth: 0, overrideAccess: true }) as unknown as Promise<Record<string, unknown>>

describe("a task edited through Payload's routes", () => {
  it('journals a priority change as the bulk operation does', async () => {
    const res = await world.call(world.tm.token).patch(`/api/tasks/${tasks[0]!.id}`, { priority: 70 })
    expect(res.status).toBe(200)
    expect(res.body.doc.priority).toBe(70)
    expect(await journal(tasks[0]!.id)).toEqual([
      expect.objectContaining({ type: 'priority-changed', note: 'priority 50 -> 70', actor: world.tm.id }),
    ])
    // the same change again is no change: no row
    await world.call(world.tm.token).patch(`/api/tasks/${tasks[0]!.id}`, { priority: 70 })
    expect(await journal(tasks[0]!.id)).toHaveLength(1)
    const invalid = await world.call(world.tm.token).patch(`/api/tasks/${tasks[0]!.id}`, { priority: 150 })
    expect(invalid.status).toBe(400)
    expect((await stored(tasks[0]!.id)).priority).toBe(70)
  })

  it('journals an assignment, ends a lease held by someone else, and refuses people outside the project', async () => {
    const [ann1, ann2] = world.annotators
    const task = tasks[1]!.id
    const claimed = await world.call(ann1!.token).post(`/api/tasks/${task}/claim`, {})
    expect(claimed.status).toBe(200)
    const res = await world.call(world.tm.token).patch(`/api/tasks/${task}`, { assignee: ann2!.id })
    expect(res.status).toBe(200)
    expect(res.body.doc).toMatchObject({ assignee: expect.objectContaining({ id: ann2!.id }), leaseHolder: null })
    expect((await journal(task)).map((event) => event.type)).toEqual(['claimed', 'assigned'])
    const outsider = await api.createUser('not-on-project@wf.test')
    const refused = await world.call(world.tm.token).patch(`/api/tasks/${task}`, { assignee: outsider.id })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].message).toMatch(/^user: user \S+ is not a collaborator of this project/)
    expect(idOf((await stored(task)).assignee)).toBe(ann2!.id)
  })

  it('is refused to workers, as the bulk operation is', async () => {
    const res = await world.call(world.annotators[0]!.token).patch(`/api/tasks/${tasks[2]!.id}`, { priority: 5 })
    expect([403, 404]).toContain(res.status)
    expect((await stored(tasks[2]!.id)).priority).toBe(50)
    expect(project).toBeDefined()
  })
})

describe('a single move', () => {
  it('follows the same rules as the bulk move: never to a router, and open consensus slots end', async () => {
    const consensus = await world.startProject('Consensus')
    const task = consensus.tasks[0]!
    const slot = await world.call(world.annotators[0]!.token).post(`/api/projects/${consensus.project}/next`, {})
    expect(slot.status).toBe(200)
    const slots = async () =>
      (await api.payload.count({ collection: 'consensus-branches', where: { task: { equals: task.id } }, overrideAccess: true })).totalDocs
    expect(await slots()).toBe(1)
    const version = Number((await stored(task.id)).version)
    const moved = await world.call(world.tm.token).post(`/api/tasks/${task.id}/move`, { expectedVersion: version, to: 'review' })
    expect(moved.status).toBe(200)
    expect(await slots()).toBe(0)

    const routed = await world.asAdmin.post('/api/projects', {
      workspace: world.workspace,
      name: 'Routed',
      datasets: [world.dataset],
      workflow: {
        stages: [
          { id: 'annotate', type: 'annotate', name: 'Annotate' },
          {
            id: 'split',
            type: 'router',
            name: 'Split',
            config: {
              kind: 'percentage',
              branches: [
                { pathway: 'a', weight: 50 },
                { pathway: 'b', weight: 50 },
              ],
            },
          },
          { id: 'done', type: 'complete', name: 'Done' },
          { id: 'shelf', type: 'archive', name: 'Shelf' },
        ],
        edges: [
          { from: 'annotate', pathway: 'submit', to: 'split' },
          { from: 'split', pathway: 'a', to: 'done' },
          { from: 'split', pathway: 'b', to: 'shelf' },
        ],
      },
    })
    expect(routed.status).toBe(201)
    const first = (
      await api.payload.find({
        collection: 'tasks',
        where: { project: { equals: routed.body.doc.id } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
    ).docs[0]!
    const toRouter = await world.asAdmin.post(`/api/tasks/${first.id}/move`, { expectedVersion: first.version, to: 'split' })
    expect(toRouter.status).toBe(409)
    expect(toRouter.body.errors[0].message).toContain('"split" is a router: move tasks to a working or end stage')
    const bulk = await world.asAdmin.post('/api/tasks/bulk', {
      project: routed.body.doc.id,
      ids: [first.id],
      operation: 'move',
      to: 'split',
    })
    expect(bulk.status).toBe(400)
    expect(bulk.body.errors[0].message).toContain('"split" is a router: move tasks to a working or end stage')
    // a move to an end stage finishes the task, single or bulk: the journal says so both ways
    const finished = await world.asAdmin.post('/api/tasks/bulk', {
      project: routed.body.doc.id,
      ids: [first.id],
      operation: 'move',
      to: 'done',
    })
    expect(finished.body).toMatchObject({ changed: 1 })
    expect((await journal(first.id)).map((event) => event.type)).toEqual(['moved', 'completed'])
  })
})

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)
