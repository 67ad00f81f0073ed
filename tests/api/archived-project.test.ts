import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// An Archived project is read-only for everyone but workspace Admins — on every route that writes: Payload's
// own (task PATCH, issues, the project) and LabelOps' (actions, bulk). One rule: projectWriteProblem.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number
let tasks: Array<{ id: number; version: number }>
let issue: number

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3 })
  const [ann1, ann2, ann3] = world.annotators
  const started = await world.startProject('Annotate → Review → Complete', {
    collaborators: [
      { user: world.tm.id, role: 'team-manager' },
      { user: ann3!.id, role: 'admin' }, // a project Admin who is not a workspace Admin
      { user: ann1!.id, role: 'annotator' },
      { user: ann2!.id, role: 'annotator' },
      ...world.reviewers.map((reviewer) => ({ user: reviewer.id, role: 'reviewer' })),
    ],
  })
  project = started.project
  tasks = started.tasks
  issue = (await world.asAdmin.post('/api/issues', { task: tasks[0]!.id, title: 'Blurry frame' })).body.doc.id
  for (const status of ['completed', 'archived']) {
    const moved = await world.asAdmin.patch(`/api/projects/${project}`, { status })
    if (moved.status !== 200) throw new Error(`status ${status}: ${moved.status} ${JSON.stringify(moved.body)}`)
  }
})
afterAll(() => api?.close())

const snapshot = async () => ({
  tasks: (
    await api.payload.find({
      collection: 'tasks',
      where: { project: { equals: project } },
      depth: 0,
      limit: 0,
      sort: 'id',
      overrideAccess: true,
    })
  ).docs,
  issues: (
    await api.payload.find({
      collection: 'issues',
      where: { project: { equals: project } },
      depth: 0,
      limit: 0,
      sort: 'id',
      overrideAccess: true,
    })
  ).docs,
  events: (await api.payload.count({ collection: 'task-events', where: { project: { equals: project } }, overrideAccess: true })).totalDocs,
  project: await api.payload.findByID({ collection: 'projects', id: project, depth: 0, overrideAccess: true }),
})

const writes = (task: { id: number; version: number }) => [
  { name: 'PATCH a task', run: (call: ReturnType<typeof world.call>) => call.patch(`/api/tasks/${task.id}`, { priority: 90 }) },
  {
    name: 'move a task',
    run: (call: ReturnType<typeof world.call>) => call.post(`/api/tasks/${task.id}/move`, { expectedVersion: task.version, to: 'review' }),
  },
  {
    name: 'bulk set-priority',
    run: (call: ReturnType<typeof world.call>) =>
      call.post('/api/tasks/bulk', { project, ids: [task.id], operation: 'set-priority', priority: 10 }),
  },
  {
    name: 'raise an issue',
    run: (call: ReturnType<typeof world.call>) => call.post('/api/issues', { task: task.id, title: 'Late remark' }),
  },
  {
    name: 'comment on an issue',
    run: (call: ReturnType<typeof world.call>) => call.patch(`/api/issues/${issue}`, { comments: [{ body: 'still here' }] }),
  },
  { name: 'rename the project', run: (call: ReturnType<typeof world.call>) => call.patch(`/api/projects/${project}`, { name: 'Renamed' }) },
]

describe('an Archived project', () => {
  it('refuses every write to its Team Manager and its project Admin (423), changing nothing', async () => {
    const before = await snapshot()
    for (const [who, token] of [
      ['Team Manager', world.tm.token],
      ['project Admin', world.annotators[2]!.token],
    ] as const) {
      for (const write of writes(tasks[1]!)) {
        const res = await write.run(world.call(token))
        expect(res.status, `${who}: ${write.name} ${JSON.stringify(res.body)}`).toBe(423)
      }
    }
    expect(await snapshot()).toEqual(before)
  })

  it('lets a workspace Admin change it', async () => {
    const task = tasks[2]!
    for (const write of writes(task)) {
      const res = await write.run(world.asAdmin)
      expect(res.status, `${write.name} ${JSON.stringify(res.body)}`).toBeLessThan(300)
      if (write.name === 'PATCH a task') task.version = res.body.doc.version
      if (write.name === 'move a task') task.version = res.body.version
    }
  })
})
