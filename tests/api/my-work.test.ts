import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// "My work" (GET /api/projects/my-work, GraphQL myWork): per project, what waits for the caller — scoped by
// their seats (Annotators see annotate work, Reviewers reviews, managers the stage totals too), from the queue.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number | string

type Work = {
  project: { id: number | string; name: string; status: string; workspace: { name: string } }
  roles: string[]
  workspaceAdmin: boolean
  closed: string | null
  canClaim: boolean
  next: { annotate: number; rework: number; review: number; inProgress: number; issues: number }
  stages: Array<{ id: string; type: string; open: number; completed: number; total: number }> | null
}

const myWork = async (token: string): Promise<Work[]> => {
  const res = await world.call(token).get('/api/projects/my-work')
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.projects
}
const workIn = async (token: string) => (await myWork(token)).find((work) => String(work.project.id) === String(project))

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 4, reviewers: 1 })
  ;({ project } = await world.startProject('Annotate → Review → Complete'))
}, 180_000)
afterAll(() => api?.close())

describe('my work', () => {
  it('an Annotator sees the tasks waiting for them, no reviews, no stage totals', async () => {
    const work = await workIn(world.annotators[0]!.token)
    expect(work).toMatchObject({
      roles: ['annotator'],
      workspaceAdmin: false,
      closed: null,
      canClaim: true,
      project: { status: 'in-progress', workspace: { name: 'Workflow WS' } },
      next: { annotate: 4, rework: 0, review: 0, inProgress: 0, issues: 0 },
      stages: null,
    })
  })

  it('a claimed task is in progress for its holder and no longer waiting for anyone', async () => {
    const [a, b] = world.annotators
    const claimed = await world.call(a!.token).post(`/api/projects/${project}/next`, {})
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200)
    expect((await workIn(a!.token))!.next).toMatchObject({ annotate: 3, inProgress: 1 })
    expect((await workIn(b!.token))!.next).toMatchObject({ annotate: 3, inProgress: 0 })

    // submitted: a review waits for the Reviewer, not for the Annotator who did it
    const task = claimed.body.task as { id: number; version: number }
    const submitted = await world.call(a!.token).post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect((await workIn(a!.token))!.next).toMatchObject({ annotate: 3, review: 0, inProgress: 0 })
    expect(await workIn(world.reviewers[0]!.token)).toMatchObject({ roles: ['reviewer'], next: { annotate: 0, review: 1 }, stages: null })
  })

  it('a Team Manager and the workspace Admin also see the totals per stage', async () => {
    const tm = await workIn(world.tm.token)
    expect(tm!.roles).toEqual(['team-manager'])
    const totals = Object.fromEntries(tm!.stages!.map((stage) => [stage.type, { open: stage.open, completed: stage.completed }]))
    expect(totals).toMatchObject({ annotate: { open: 3, completed: 0 }, review: { open: 1, completed: 0 } })
    const admin = await workIn(world.admin.token)
    expect(admin!.workspaceAdmin, JSON.stringify(admin)).toBe(true)
    expect(admin!.stages).toEqual(tm!.stages)
  })

  it('counts open issues assigned to the person', async () => {
    const [a] = world.annotators
    const task = (await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 1, overrideAccess: true }))
      .docs[0]!
    await api.payload.create({
      collection: 'issues',
      data: { title: 'Wrong class', task: task.id, assignee: a!.id, status: 'open' } as never,
      overrideAccess: true,
    })
    expect((await workIn(a!.token))!.next.issues).toBe(1)
    expect((await workIn(world.annotators[1]!.token))!.next.issues).toBe(0)
  })

  it('says why a paused project has no work for its Annotators', async () => {
    const paused = await world.asAdmin.patch(`/api/projects/${project}`, { status: 'paused' })
    expect(paused.status, JSON.stringify(paused.body)).toBe(200)
    const work = await workIn(world.annotators[1]!.token)
    expect(work!.project.status).toBe('paused')
    expect(work!.closed).toMatch(/Paused/i)
    const resumed = await world.asAdmin.patch(`/api/projects/${project}`, { status: 'in-progress' })
    expect(resumed.status).toBe(200)
  })

  it('shows nothing of projects one has no seat in, and 404s a project asked for by id', async () => {
    const outsider = await api.createUser('outsider@wf.test')
    expect(await myWork(outsider.token)).toEqual([])
    const res = await world.call(outsider.token).get(`/api/projects/my-work?project=${project}`)
    expect(res.status).toBe(404)
  })

  it('answers the same over GraphQL', async () => {
    const token = world.annotators[0]!.token
    const graph = await api.graphql<{ myWork: { projects: Work[] } }>('query { myWork }', {}, token)
    expect(graph.errors).toBeUndefined()
    expect(graph.data!.myWork.projects).toEqual(await myWork(token))
  })
})
