import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { journalInOrder } from '../helpers/journal.ts'

let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3, reviewers: 20 })
}, 180_000)
afterAll(() => api?.close())

type Answer = {
  status: number
  body: { version: number; stage: string; status: string; errors?: Array<{ message: string; data?: Record<string, unknown> }> }
}
const WORK = ['submit', 'skip', 'release', 'approve', 'reject']
/** A worker action as a worker does it: claim the task (ignored when refused: the action then says why), then act. */
const act = async (
  token: string,
  task: number,
  action: string,
  expectedVersion: number,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> => {
  if (WORK.includes(action)) await world.call(token).post(`/api/tasks/${task}/claim`, {})
  const res = await world.call(token).post(`/api/tasks/${task}/${action}`, { expectedVersion, ...extra }, headers)
  return { status: res.status, body: res.body }
}
/** The workflow story of a task (its claims are the queue's story: tests/api/queue.test.ts). */
const journal = async (task: number) =>
  (await journalInOrder(api.payload, { task: { equals: task }, type: { not_equals: 'claimed' } })).map((event) => ({
    type: event.type,
    from: event.fromStage,
    to: event.toStage,
    status: event.toStatus,
  }))
const stored = (task: number) => api.payload.findByID({ collection: 'tasks', id: task, depth: 0, overrideAccess: true })

describe('workflow templates', () => {
  it('gives every workspace the four built-in templates, read-only', async () => {
    const res = await world.asAdmin.get(`/api/workflow-templates?where[workspace][equals]=${world.workspace}&where[builtIn][equals]=true`)
    expect(res.body.docs.map((doc: { name: string }) => doc.name).sort()).toEqual([
      'Annotate → Complete',
      'Annotate → Review → Complete',
      'Annotate → Review → Rework → Review → Complete',
      'Consensus',
    ])
    const edit = await world.asAdmin.patch(`/api/workflow-templates/${res.body.docs[0].id}`, { name: 'Mine now' })
    expect(edit.status).toBe(403)
  })

  it('refuses a broken graph with 400 listing every problem by stage, storing nothing', async () => {
    const before = (await api.payload.count({ collection: 'workflow-templates', overrideAccess: true })).totalDocs
    const res = await world.asAdmin.post('/api/workflow-templates', {
      workspace: world.workspace,
      name: 'Broken',
      graph: {
        stages: [
          { id: 'a', type: 'annotate', name: 'A' },
          { id: 'r', type: 'review', name: 'R' },
          { id: 'c', type: 'complete', name: 'C' },
        ],
        edges: [
          { from: 'a', pathway: 'submit', to: 'r' },
          { from: 'r', pathway: 'approve', to: 'c' },
        ],
      },
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toContain('Review stage "r" needs both approve and reject pathways; "reject" is missing.')
    expect((await api.payload.count({ collection: 'workflow-templates', overrideAccess: true })).totalDocs).toBe(before)
  })
})

describe('walking tasks through each built-in template over REST', () => {
  it('Annotate → Complete', async () => {
    const { tasks } = await world.startProject('Annotate → Complete')
    expect(tasks).toHaveLength(3)
    const [task] = tasks
    const done = await act(world.annotators[0]!.token, task!.id, 'submit', 1)
    expect(done).toMatchObject({ status: 200, body: { stage: 'complete', status: 'completed', version: 2 } })
    expect(await journal(task!.id)).toEqual([
      { type: 'created', from: null, to: 'annotate', status: 'new' },
      { type: 'submitted', from: 'annotate', to: 'complete', status: 'completed' },
      { type: 'completed', from: 'complete', to: 'complete', status: 'completed' },
    ])
  })

  it('Annotate → Review → Rework → Review → Complete, two rework rounds', async () => {
    const { tasks } = await world.startProject('Annotate → Review → Rework → Review → Complete')
    const id = tasks[0]!.id
    const ann = world.annotators[0]!.token
    const rev = world.reviewers[0]!.token
    let v = 1
    const step = async (token: string, action: string, expect_: Record<string, unknown>, extra = {}) => {
      const answer = await act(token, id, action, v, extra)
      expect(answer, `${action} at v${v}`).toMatchObject({ status: 200, body: expect_ })
      v = answer.body.version
    }
    await step(ann, 'submit', { stage: 'review', status: 'new' })
    await step(rev, 'reject', { stage: 'rework', status: 'reopened' }, { note: 'Box too loose' })
    expect(await stored(id)).toMatchObject({ rejectionNote: 'Box too loose', assignee: world.annotators[0]!.id })
    await step(ann, 'submit', { stage: 'review', status: 'new' })
    await step(rev, 'reject', { stage: 'rework', status: 'reopened' })
    await step(ann, 'submit', { stage: 'review', status: 'new' })
    await step(rev, 'approve', { stage: 'complete', status: 'completed' })
    const events = await journal(id)
    // every effect is in the journal: a rejection sends the task back (reopened) to its annotator (assigned)
    expect(events.map((event) => event.type)).toEqual([
      'created',
      'submitted',
      'rejected',
      'reopened',
      'assigned',
      'submitted',
      'rejected',
      'reopened',
      'assigned',
      'submitted',
      'approved',
      'completed',
    ])
    // the journal tells the same story as the task: each event starts where the previous one ended
    for (let i = 1; i < events.length; i++) expect(events[i]!.from).toBe(events[i - 1]!.to)
    expect(events.at(-1)).toMatchObject({ to: 'complete', status: 'completed' })
    expect((await stored(id)).version).toBe(v)
  })

  it('Annotate → Review → Complete, with a rejection back to the annotator', async () => {
    const { tasks } = await world.startProject('Annotate → Review → Complete')
    const id = tasks[0]!.id
    let answer = await act(world.annotators[2]!.token, id, 'submit', 1)
    answer = await act(world.reviewers[1]!.token, id, 'reject', answer.body.version, { note: 'Missed a car' })
    expect(answer.body).toMatchObject({ stage: 'annotate', status: 'reopened' })
    expect(await stored(id)).toMatchObject({ assignee: world.annotators[2]!.id, rejectionNote: 'Missed a car' })
    answer = await act(world.annotators[2]!.token, id, 'submit', answer.body.version)
    answer = await act(world.reviewers[1]!.token, id, 'approve', answer.body.version)
    expect(answer.body).toMatchObject({ stage: 'complete', status: 'completed' })
    expect(await journal(id)).toEqual([
      { type: 'created', from: null, to: 'annotate', status: 'new' },
      { type: 'submitted', from: 'annotate', to: 'review', status: 'new' },
      { type: 'rejected', from: 'review', to: 'annotate', status: 'reopened' },
      { type: 'reopened', from: 'annotate', to: 'annotate', status: 'reopened' },
      { type: 'assigned', from: 'annotate', to: 'annotate', status: 'reopened' },
      { type: 'submitted', from: 'annotate', to: 'review', status: 'new' },
      { type: 'approved', from: 'review', to: 'complete', status: 'completed' },
      { type: 'completed', from: 'complete', to: 'complete', status: 'completed' },
    ])
  })

  it('Consensus: three independent annotations, then the consensus review', async () => {
    const { tasks } = await world.startProject('Consensus')
    const id = tasks[0]!.id
    let v = 1
    for (const annotator of world.annotators) {
      const answer = await act(annotator.token, id, 'submit', v)
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      v = answer.body.version
    }
    expect(await stored(id)).toMatchObject({ stage: 'review' })
    const decided = await act(world.reviewers[0]!.token, id, 'approve', v)
    expect(decided.body, JSON.stringify(decided.body)).toMatchObject({ stage: 'complete', status: 'completed' })
    expect((await journal(id)).map((event) => event.type)).toEqual([
      'created',
      'submitted',
      'submitted',
      'submitted',
      // nothing to disagree on (the project labels nothing): the round is accepted as it stands
      'resolved',
      'approved',
      'completed',
    ])
  })
})

describe('only workflow actions move tasks', () => {
  it('refuses a direct PATCH of stage or status for everyone, even the workspace Admin', async () => {
    const { tasks } = await world.startProject('Annotate → Review → Complete')
    const id = tasks[1]!.id
    for (const body of [{ stage: 'complete' }, { status: 'completed' }, { version: 99 }]) {
      const res = await world.asAdmin.patch(`/api/tasks/${id}`, body)
      expect(res.status, JSON.stringify(body)).toBe(403)
    }
    expect(await stored(id)).toMatchObject({ stage: 'annotate', status: 'new', version: 1 })
    expect((await world.call(world.tm.token).patch(`/api/tasks/${id}`, { priority: 90 })).status).toBe(200)
    expect([403, 404]).toContain((await world.call(world.annotators[0]!.token).patch(`/api/tasks/${id}`, { priority: 100 })).status)
    expect((await stored(id)).priority).toBe(90)
  })

  it('answers bad requests with 4xx naming the problem, changing nothing', async () => {
    const { tasks } = await world.startProject('Annotate → Review → Complete')
    const id = tasks[2]!.id
    const ann = world.annotators[0]!.token
    const noVersion = await world.call(ann).post(`/api/tasks/${id}/submit`, {})
    expect(noVersion.status).toBe(400)
    expect(noVersion.body.errors[0].message).toMatch(/^expectedVersion: is required/)
    const unknown = await act(ann, id, 'teleport', 1) // no such route (one route per action)
    expect(unknown.status).toBe(404)
    const stale = await act(ann, id, 'submit', 7)
    expect(stale.status).toBe(409)
    expect(stale.body.errors![0]!.data).toEqual({ currentVersion: 1 })
    const wrongStage = await act(world.tm.token, id, 'approve', 1)
    expect(wrongStage.status).toBe(409)
    expect(wrongStage.body.errors![0]!.message).toMatch(/"approve" is not an action of annotate stage "annotate"/)
    const reviewerAnnotating = await act(world.reviewers[0]!.token, id, 'submit', 1)
    expect(reviewerAnnotating.status).toBe(403)
    const annotatorMoving = await act(ann, id, 'move', 1, { to: 'complete' })
    expect(annotatorMoving.status).toBe(403)
    expect(await stored(id)).toMatchObject({ stage: 'annotate', status: 'new', version: 1 })
    expect(await journal(id)).toHaveLength(1)

    const submitted = await act(ann, id, 'submit', 1)
    const selfReview = await act(ann, id, 'approve', submitted.body.version)
    expect(selfReview.status).toBe(403) // an annotator may not approve; and nobody reviews their own work
    const moved = await act(world.tm.token, id, 'move', submitted.body.version, { to: 'annotate' })
    expect(moved).toMatchObject({ status: 200, body: { stage: 'annotate', status: 'new' } })
  })

  it('keeps Annotators and Reviewers out of paused projects (423), not Team Managers', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    await world.call(world.tm.token).patch(`/api/projects/${project}`, { status: 'paused' })
    const blocked = await act(world.annotators[0]!.token, tasks[0]!.id, 'submit', 1)
    expect(blocked.status).toBe(423)
    expect((await act(world.tm.token, tasks[0]!.id, 'submit', 1)).status).toBe(200)
  })

  it('replays the first answer to a retried Idempotency-Key and changes nothing more', async () => {
    const { tasks } = await world.startProject('Annotate → Review → Complete')
    const id = tasks[0]!.id
    const headers = { 'Idempotency-Key': 'retry-me-1' }
    const first = await act(world.annotators[0]!.token, id, 'submit', 1, {}, headers)
    const again = await act(world.annotators[0]!.token, id, 'submit', 1, {}, headers)
    expect(first.status).toBe(200)
    expect(again).toEqual(first)
    expect((await stored(id)).version).toBe(2)
    expect((await journal(id)).map((event) => event.type)).toEqual(['created', 'submitted'])
  })

  it('answers 422 to an Idempotency-Key reused for another task or another body, changing nothing', async () => {
    const { tasks } = await world.startProject('Annotate → Review → Complete')
    const [a, b] = [tasks[0]!.id, tasks[1]!.id]
    const headers = { 'Idempotency-Key': 'one-key-one-request' }
    const first = await act(world.tm.token, a, 'move', 1, { to: 'review' }, headers)
    expect(first.status).toBe(200)
    const before = await stored(b)
    const otherTask = await act(world.tm.token, b, 'move', 1, { to: 'review' }, headers)
    expect(otherTask.status).toBe(422)
    expect(otherTask.body.errors![0]!.message).toMatch(/^Idempotency-Key: this key was already used for a different request/)
    expect(await stored(b)).toEqual(before)
    const otherBody = await act(world.tm.token, a, 'move', 1, { to: 'complete' }, headers)
    expect(otherBody.status).toBe(422)
    expect((await stored(a)).stage).toBe('review')
    // another person's same key is theirs alone
    expect((await act(world.admin.token, b, 'move', 1, { to: 'review' }, headers)).status).toBe(200)
  })

  it('lets exactly one of 20 concurrent reviewers decide; the rest get 409; one event is written', async () => {
    const { tasks } = await world.startProject('Annotate → Review → Complete')
    const id = tasks[1]!.id
    const submitted = await act(world.annotators[1]!.token, id, 'submit', 1)
    const version = submitted.body.version
    const answers = await Promise.all(world.reviewers.map((reviewer, i) => act(reviewer.token, id, i % 2 ? 'reject' : 'approve', version)))
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(19)
    const decisions = (await journal(id)).filter((event) => event.type === 'approved' || event.type === 'rejected')
    expect(decisions).toHaveLength(1)
    expect((await stored(id)).version).toBe(version + 1)
  })

  it('is the same operation over GraphQL', async () => {
    const { tasks } = await world.startProject('Annotate → Complete')
    const id = tasks[2]!.id
    await world.call(world.annotators[0]!.token).post(`/api/tasks/${id}/claim`, {})
    const res = await api.graphql<{ taskAction: { stage: string; status: string; version: number } }>(
      `mutation { taskAction(id: ${JSON.stringify(id)}, action: submit, expectedVersion: 1) { stage status version } }`,
      undefined,
      world.annotators[0]!.token,
    )
    expect(res.errors).toBeUndefined()
    expect(res.data?.taskAction).toEqual({ stage: 'complete', status: 'completed', version: 2 })
    const stale = await api.graphql(
      `mutation { taskAction(id: ${JSON.stringify(id)}, action: submit, expectedVersion: 1) { version } }`,
      undefined,
      world.annotators[0]!.token,
    )
    expect(stale.errors?.[0]?.extensions?.statusCode).toBe(409)
  })
})

describe('the event journal is append-only', () => {
  it('refuses create, update and delete through REST and GraphQL, to everyone', async () => {
    const [event] = (await api.payload.find({ collection: 'task-events', limit: 1, overrideAccess: true })).docs
    for (const token of [world.admin.token, world.tm.token]) {
      const as = world.call(token)
      expect(
        (await as.post('/api/task-events', { type: 'approved', task: event!.task, project: event!.project, workspace: world.workspace }))
          .status,
      ).toBe(403)
      expect((await as.patch(`/api/task-events/${event!.id}`, { type: 'rejected' })).status).toBe(403)
      expect((await as.delete(`/api/task-events/${event!.id}`)).status).toBe(403)
      const gql = await api.graphql(`mutation { deleteTaskEvent(id: ${JSON.stringify(event!.id)}) { id } }`, undefined, token)
      expect(gql.errors?.[0]?.message).toMatch(/not allowed/)
    }
    expect(await api.payload.findByID({ collection: 'task-events', id: event!.id, overrideAccess: true })).toMatchObject({
      type: event!.type,
    })
  })
})

describe('projects and their tasks', () => {
  it('freezes stages and edges once tasks exist, but not names', async () => {
    const { project } = await world.startProject('Annotate → Review → Complete')
    const doc = (await world.asAdmin.get(`/api/projects/${project}`)).body
    const renamed = structuredClone(doc.workflow)
    renamed.stages[0].name = 'Label it'
    expect((await world.asAdmin.patch(`/api/projects/${project}`, { workflow: renamed })).status).toBe(200)
    const rewired = structuredClone(doc.workflow)
    rewired.edges = rewired.edges.map((edge: { pathway: string; to: string }) =>
      edge.pathway === 'reject' ? { ...edge, to: 'review' } : edge,
    )
    const frozen = await world.asAdmin.patch(`/api/projects/${project}`, { workflow: rewired })
    expect(frozen.status).toBe(409)
    expect(frozen.body.errors[0].message).toMatch(/^workflow: stages and edges are frozen/)
  })

  it('runs its own copy of the template: editing the template later changes nothing here', async () => {
    const graph = {
      stages: [
        { id: 'a', type: 'annotate', name: 'A' },
        { id: 'c', type: 'complete', name: 'C' },
      ],
      edges: [{ from: 'a', pathway: 'submit', to: 'c' }],
    }
    const template = (await world.asAdmin.post('/api/workflow-templates', { workspace: world.workspace, name: 'Quick', graph })).body.doc.id
    const project = (await world.asAdmin.post('/api/projects', { workspace: world.workspace, name: 'Copy', workflowTemplate: template }))
      .body.doc.id
    const changed = {
      stages: [...graph.stages, { id: 'r', type: 'review', name: 'R' }],
      edges: [
        { from: 'a', pathway: 'submit', to: 'r' },
        { from: 'r', pathway: 'approve', to: 'c' },
        { from: 'r', pathway: 'reject', to: 'a' },
      ],
    }
    expect((await world.asAdmin.patch(`/api/workflow-templates/${template}`, { graph: changed })).status).toBe(200)
    const doc = (await world.asAdmin.get(`/api/projects/${project}`)).body
    expect(doc.workflow.stages.map((stage: { id: string }) => stage.id)).toEqual(['a', 'c'])
  })

  it('detaches an untouched dataset, taking its tasks along; worked tasks cannot be deleted', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    await act(world.annotators[0]!.token, tasks[0]!.id, 'submit', 1)
    const worked = await world.asAdmin.delete(`/api/tasks/${tasks[0]!.id}`)
    expect(worked.status).toBe(409)
    expect((await world.asAdmin.delete(`/api/tasks/${tasks[1]!.id}`)).status).toBe(200)
    const other = await world.startProject('Annotate → Complete')
    expect((await world.asAdmin.patch(`/api/projects/${other.project}`, { datasets: [] })).status).toBe(200)
    expect(
      (await api.payload.count({ collection: 'tasks', where: { project: { equals: other.project } }, overrideAccess: true })).totalDocs,
    ).toBe(0)
    expect(
      (await api.payload.count({ collection: 'tasks', where: { project: { equals: project } }, overrideAccess: true })).totalDocs,
    ).toBe(tasks.length - 1)
  })

  it('turns items imported later into tasks, and refuses to detach a dataset with work under way', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    const imported = await world.asAdmin.post(
      `/api/datasets/${world.dataset}/import`,
      '{"externalId":"late-1","type":"image","url":"https://e.com/late.png"}' as never,
      { 'Content-Type': 'application/x-ndjson' },
    )
    expect(imported.body.tasksCreated).toBeGreaterThanOrEqual(1)
    const now = (await world.asAdmin.get(`/api/tasks?where[project][equals]=${project}&limit=100&depth=0`)).body.docs
    expect(now).toHaveLength(tasks.length + 1)
    await act(world.annotators[0]!.token, tasks[0]!.id, 'submit', 1)
    const detach = await world.asAdmin.patch(`/api/projects/${project}`, { datasets: [] })
    expect(detach.status).toBe(409)
    expect(detach.body.errors[0].message).toMatch(/^datasets: 1 tasks of the datasets being detached are in progress/)
  })
})
