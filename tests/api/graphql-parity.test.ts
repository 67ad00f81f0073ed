import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// Every task operation REST serves is in GraphQL too, calling the same operation: the same input gives the
// same answer and the same stored state, refusals included.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number
let tasks: Array<{ id: number }>

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 4 })
  ;({ project, tasks } = await world.startProject('Annotate → Review → Complete'))
})
afterAll(() => api?.close())

const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string) => api.graphql<T>(query, variables, token)
const stored = (id: number) => api.payload.findByID({ collection: 'tasks', id, depth: 0, overrideAccess: true }) as unknown as Promise<Record<string, unknown>>
const journalOf = async (id: number) =>
  ((await api.payload.find({ collection: 'task-events', where: { task: { equals: id } }, sort: 'id', depth: 0, limit: 0, overrideAccess: true })).docs as unknown as Array<{ type: string; note?: string }>).map((event) => `${event.type}:${event.note ?? ''}`)

describe('REST and GraphQL parity', () => {
  it('bulk queue operations: same answer, same stored state, same journal', async () => {
    const [a, b] = [tasks[0]!.id, tasks[1]!.id]
    const rest = await world.call(world.tm.token).post('/api/tasks/bulk', { project, ids: [a], operation: 'set-priority', priority: 80 })
    const graph = await gql<{ bulkTasks: unknown }>('mutation ($input: JSON!) { bulkTasks(input: $input) }', { input: { project, ids: [b], operation: 'set-priority', priority: 80 } }, world.tm.token)
    expect(graph.errors).toBeUndefined()
    expect(graph.data?.bulkTasks).toEqual(rest.body)
    expect([(await stored(a)).priority, (await stored(b)).priority]).toEqual([80, 80])
    expect(await journalOf(b)).toEqual(await journalOf(a))
    const badRest = await world.call(world.tm.token).post('/api/tasks/bulk', { project, ids: [a], operation: 'set-priority', priority: 101 })
    const badGraph = await gql('mutation ($input: JSON!) { bulkTasks(input: $input) }', { input: { project, ids: [a], operation: 'set-priority', priority: 101 } }, world.tm.token)
    expect(badRest.status).toBe(400)
    expect(badGraph.errors?.[0]?.message).toBe(badRest.body.errors[0].message)
    expect(badGraph.errors?.[0]?.extensions?.statusCode).toBe(400)
  })

  it('the queue listing: same page either way', async () => {
    const rest = await world.call(world.tm.token).get(`/api/projects/${project}/queue?sort=-priority&limit=3`)
    const graph = await gql<{ taskQueue: unknown }>('query ($project: ID!, $params: JSON) { taskQueue(project: $project, params: $params) }', { project, params: { sort: '-priority', limit: 3 } }, world.tm.token)
    expect(graph.errors).toBeUndefined()
    expect(graph.data?.taskQueue).toEqual(rest.body)
  })

  it('heartbeat, labels and reviews: the same operations, the same refusals', async () => {
    const annotator = world.annotators[0]!
    const claimed = await world.call(annotator.token).post(`/api/projects/${project}/next`, {})
    const task = claimed.body.task.id
    const rest = await world.call(annotator.token).post(`/api/tasks/${task}/heartbeat`, {})
    const graph = await gql<{ heartbeatTask: { id: number; leaseExpiresAt: string } }>('mutation ($id: ID!) { heartbeatTask(id: $id) }', { id: task }, annotator.token)
    expect(graph.errors).toBeUndefined()
    expect(Object.keys(graph.data!.heartbeatTask).sort()).toEqual(Object.keys(rest.body).sort())
    expect(graph.data!.heartbeatTask.id).toBe(rest.body.id)

    // the project has no ontology: a label is refused the same way over both
    const labelRest = await api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${annotator.token}`).send({ objects: [] })
    const labelGraph = await gql('mutation ($id: ID!, $label: JSON!) { saveTaskLabel(id: $id, label: $label) }', { id: task, label: { objects: [] } }, annotator.token)
    expect(labelGraph.errors?.[0]?.message).toBe(labelRest.body.errors[0].message)
    expect(labelGraph.errors?.[0]?.extensions?.statusCode).toBe(labelRest.status)

    const reviewRest = await world.call(world.reviewers[0]!.token).post(`/api/tasks/${task}/review`, { expectedVersion: 'x' })
    const reviewGraph = await gql('mutation ($id: ID!, $review: JSON!) { reviewTask(id: $id, review: $review) }', { id: task, review: { expectedVersion: 'x' } }, world.reviewers[0]!.token)
    expect(reviewRest.status).toBe(400)
    expect(reviewGraph.errors?.[0]?.message).toBe(reviewRest.body.errors[0].message)
  })

  it('anonymous callers get 401 from every GraphQL task operation', async () => {
    const calls = [
      ['mutation { heartbeatTask(id: 1) }', {}],
      ['mutation { saveTaskLabel(id: 1, label: {}) }', {}],
      ['mutation { reviewTask(id: 1, review: { expectedVersion: 1 }) }', {}],
      ['mutation ($input: JSON!) { bulkTasks(input: $input) }', { input: { project, ids: [tasks[0]!.id], operation: 'release' } }],
      [`query { taskQueue(project: ${project}) }`, {}],
      [`mutation { claimNextTask(project: ${project}) { leaseExpiresAt } }`, {}],
    ] as const
    for (const [query, variables] of calls) {
      const res = await gql(query, variables as Record<string, unknown>)
      expect(res.errors?.[0]?.extensions?.statusCode, query).toBe(401)
    }
  })
})
