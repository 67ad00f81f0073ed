import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { TaskEvent } from '../../src/sql/journal/journalFeed.ts'
import { heldFor } from '../../scripts/seed/simulatedHold.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { journalInOrder } from '../helpers/journal.ts'

// A host listening to the journal (`onTaskEvent`): it hears of what a request wrote once it is committed —
// never of a request that rolled back — and its failures never fail the request.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number
let tasks: Array<{ id: number; version: number }>

/** every call: the events, and whether another connection could already read them (committed) */
const calls: Array<{ events: TaskEvent[]; committed: boolean }> = []
let failNext = false
let createdHeard: typeof calls = []

beforeAll(async () => {
  api = await startTestApi({
    labelOps: {
      onTaskEvent: async (events, { payload }) => {
        // no req: Payload's pool, outside the request's transaction
        const seen = await payload.find({
          collection: 'task-events',
          where: { id: { in: events.map((event) => event.id) } },
          limit: 0,
          depth: 0,
          overrideAccess: true,
        })
        calls.push({ events, committed: seen.totalDocs === events.length })
        if (failNext) {
          failNext = false
          throw new Error('the host listener broke')
        }
      },
    },
  })
  world = await buildWorkflowWorld(api, { items: 4 })
  calls.length = 0
  ;({ project, tasks } = await world.startProject('Annotate → Review → Complete'))
  createdHeard = calls.splice(0)
}, 180_000)
afterAll(() => api?.close())

const storedEvents = async (ids: Array<number | string>) =>
  (await journalInOrder(api.payload, { id: { in: ids } })) as Array<Record<string, unknown>>

/** Runs a request and answers the listener calls it caused. */
async function heard(request: () => PromiseLike<{ status: number }>, status = 200) {
  calls.length = 0
  const res = await request()
  expect(res.status).toBe(status)
  return calls.splice(0)
}

describe('onTaskEvent', () => {
  it('receives the tasks a new project created, once its request committed', async () => {
    expect(createdHeard.map((call) => call.committed)).toEqual([true])
    expect(createdHeard[0]!.events.map((event) => [event.type, event.task, event.toStage])).toEqual(
      expect.arrayContaining(tasks.map((task) => ['created', task.id, 'annotate'])),
    )
    expect(createdHeard[0]!.events).toHaveLength(tasks.length)
  })

  it('receives a claim, after commit, as plain events matching the journal', async () => {
    const [ann] = world.annotators
    const got = await heard(() => world.call(ann!.token).post(`/api/projects/${project}/next`, {}))
    expect(got).toHaveLength(1)
    const [{ events, committed }] = got as [{ events: TaskEvent[]; committed: boolean }]
    expect(committed).toBe(true)
    expect(events).toEqual([
      expect.objectContaining({
        type: 'claimed',
        project,
        task: tasks[0]!.id,
        actor: ann!.id,
        holder: ann!.id,
        workspace: world.workspace,
        fromStage: 'annotate',
        toStage: 'annotate',
        fromStatus: 'new',
        toStatus: 'new',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ])
    const [row] = await storedEvents([events[0]!.id])
    expect(row).toMatchObject({ type: 'claimed', task: tasks[0]!.id, actor: ann!.id, holder: ann!.id })
  })

  it('receives a submit with the lease it ended, its hold and its active time capped at the hold', async () => {
    const [ann] = world.annotators
    // held 1 s on the simulated clock; the client claims 1.5 s of work: no more than the hold is recorded
    await heldFor(api.payload, tasks[0]!.id, ann!.id, 1000)
    const got = await heard(() =>
      world.call(ann!.token).post(`/api/tasks/${tasks[0]!.id}/submit`, { expectedVersion: tasks[0]!.version, timeSpentMs: 1500 }),
    )
    expect(got.map((call) => call.committed)).toEqual([true])
    expect(got[0]!.events).toEqual([
      expect.objectContaining({
        type: 'submitted',
        task: tasks[0]!.id,
        actor: ann!.id,
        holder: ann!.id,
        fromStage: 'annotate',
        toStage: 'review',
      }),
    ])
    const { heldMs, timeSpentMs } = got[0]!.events[0]!
    expect(heldMs).toBeGreaterThanOrEqual(1000)
    expect(heldMs).toBeLessThan(1500)
    expect(timeSpentMs).toBe(heldMs)
  })

  it('receives a bulk move as one call with a row per task, the completion included', async () => {
    const ids = [tasks[1]!.id, tasks[2]!.id]
    const got = await heard(() => world.call(world.tm.token).post('/api/tasks/bulk', { project, ids, operation: 'move', to: 'complete' }))
    expect(got).toHaveLength(1)
    expect(got[0]!.committed).toBe(true)
    const events = got[0]!.events
    // in the journal's order (seq): each task's move, then its completion
    expect(events.map((event) => event.seq)).toEqual(events.map((event) => event.seq).sort((a, b) => a - b))
    for (const id of ids) expect(events.filter((event) => event.task === id).map((event) => event.type)).toEqual(['moved', 'completed'])
    expect(events).toHaveLength(4)
    expect(events.every((event) => event.actor === world.tm.id && event.toStatus === 'completed')).toBe(true)
    const stored = await storedEvents(events.map((event) => event.id))
    expect(stored.map((row) => `${row.id}:${row.type}`).sort()).toEqual(events.map((event) => `${event.id}:${event.type}`).sort())
  })

  it('receives nothing for a request that rolled back', async () => {
    const outsider = await api.createUser('outsider@hook.test')
    // the priority change is journaled, then the assignment is refused: the whole PATCH rolls back
    const got = await heard(
      () => world.call(world.tm.token).patch(`/api/tasks/${tasks[3]!.id}`, { priority: 80, assignee: outsider.id }),
      400,
    )
    expect(got).toEqual([])
    const journal = (
      await api.payload.find({
        collection: 'task-events',
        where: { task: { equals: tasks[3]!.id } },
        limit: 0,
        depth: 0,
        overrideAccess: true,
      })
    ).docs
    expect(journal.map((event) => event.type)).toEqual(['created'])
    // a refused action writes nothing and is heard of by nobody
    expect(
      await heard(() => world.call(world.annotators[1]!.token).post(`/api/tasks/${tasks[3]!.id}/submit`, { expectedVersion: 1 }), 409),
    ).toEqual([])
  })

  it('logs a listener that throws; the request still succeeds', async () => {
    const logged = vi.spyOn(api.payload.logger, 'error')
    failNext = true
    const got = await heard(() => world.call(world.tm.token).patch(`/api/tasks/${tasks[3]!.id}`, { priority: 80 }))
    expect(got[0]!.events.map((event) => event.type)).toEqual(['priority-changed'])
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ msg: expect.stringMatching(/onTaskEvent failed/) }))
    logged.mockRestore()
    expect((await api.payload.findByID({ collection: 'tasks', id: tasks[3]!.id, depth: 0, overrideAccess: true })).priority).toBe(80)
  })
})
