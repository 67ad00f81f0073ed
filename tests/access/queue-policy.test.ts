// Generates the queue's access cases (claim, heartbeat, bulk, listing) from QUEUE_POLICY: over REST, and over
// GraphQL where the operation has a GraphQL face (the claim). Each case starts from the same state and checks
// that a denied call changed nothing.
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildPolicyWorld, type PolicyWorld } from './fixtures.ts'
import { ACTORS, type ActorName, QUEUE_POLICY, type QueueOperation } from './policy-table.ts'

let api: TestApi
let world: PolicyWorld
type Execute = { drizzle: { execute: (query: unknown) => Promise<{ rows: Array<Record<string, unknown>> }> } }
const execute = (query: unknown) => (api.payload.db as unknown as Execute).drizzle.execute(query)

beforeAll(async () => {
  api = await startTestApi()
  world = await buildPolicyWorld(api)
  for (const project of ['P1', 'PB']) {
    await api.payload.update({
      collection: 'projects',
      id: world.staticTarget('projects', project),
      data: { status: 'in-progress' } as never,
      overrideAccess: true,
    })
  }
}, 180_000)
afterAll(() => api?.close())

/** Every case starts here: nobody holds a task, except T1 held by taskerA for the heartbeat cases. */
const reset = async (operation: QueueOperation) => {
  await execute(sql`update tasks set lease_holder_id = null, lease_expires_at = null, priority = 50`)
  if (operation === 'heartbeat') {
    await execute(
      sql`update tasks set lease_holder_id = ${world.users.taskerA}, lease_expires_at = now() + interval '1 minute' where id = ${world.staticTarget('tasks', 'T1')}`,
    )
  }
}
const snapshot = async () =>
  (await execute(sql`select id, lease_holder_id, lease_expires_at, priority, version from tasks order by id`)).rows
const taskOf = (project: 'P1' | 'PB') => world.staticTarget('tasks', project === 'P1' ? 'T1' : 'TB')

const rest = async (operation: QueueOperation, project: 'P1' | 'PB', token: string | undefined) => {
  const projectId = world.staticTarget('projects', project)
  const task = taskOf(project)
  const call = (method: 'get' | 'post', path: string, body?: object) => {
    const req = api.http()[method](path)
    if (token) req.set('Authorization', `JWT ${token}`)
    return body ? req.send(body) : req
  }
  switch (operation) {
    case 'claim next':
      return call('post', `/api/projects/${projectId}/next`, {})
    case 'claim task':
      return call('post', `/api/tasks/${task}/claim`, {})
    case 'heartbeat':
      return call('post', `/api/tasks/${task}/heartbeat`, {})
    case 'bulk':
      return call('post', '/api/tasks/bulk', { project: projectId, ids: [task], operation: 'set-priority', priority: 77 })
    case 'queue listing':
      return call('get', `/api/projects/${projectId}/queue`)
  }
}

const outcomeOf = (status: number) =>
  status === 200 || status === 204 ? 'allowed' : [401, 403, 404, 409].includes(status) ? 'denied' : `unexpected ${status}`
const expected = (allow: readonly ActorName[], actor: ActorName) => (allow.includes(actor) ? 'allowed' : 'denied')
let generated = 0

describe('REST: queue operations', () => {
  for (const { operation, target, allow } of QUEUE_POLICY) {
    for (const actor of ACTORS) {
      generated++
      it(`${actor} — ${operation} on ${target} — is ${expected(allow, actor)}`, async () => {
        await reset(operation)
        const before = await snapshot()
        const res = await rest(operation, target, world.tokens[actor])
        expect(outcomeOf(res.status), JSON.stringify(res.body)).toBe(expected(allow, actor))
        // a read changes nothing; a refused call changes nothing
        if (operation === 'queue listing' || outcomeOf(res.status) === 'denied') expect(await snapshot()).toEqual(before)
        if (operation === 'queue listing' && res.status === 200)
          expect(res.body.docs.map((doc: { id: number }) => doc.id)).toContain(taskOf(target))
      })
    }
  }
})

describe('GraphQL: claimNextTask', () => {
  for (const { target, allow } of QUEUE_POLICY.filter((row) => row.operation === 'claim next' || row.operation === 'claim task')) {
    for (const actor of ACTORS) {
      generated++
      it(`${actor} — claimNextTask on ${target} — is ${expected(allow, actor)}`, async () => {
        await reset('claim next')
        const before = await snapshot()
        const res = await api.graphql<{ claimNextTask: { task: { id: number } } | null }>(
          `mutation { claimNextTask(project: ${JSON.stringify(world.staticTarget('projects', target))}) { task { id } } }`,
          undefined,
          world.tokens[actor],
        )
        const outcome = res.errors?.length ? 'denied' : 'allowed'
        expect(outcome, JSON.stringify(res.errors)).toBe(expected(allow, actor))
        if (outcome === 'allowed') expect(res.data?.claimNextTask?.task.id).toBe(taskOf(target))
        else expect(await snapshot()).toEqual(before)
      })
    }
  }
})

describe('the generated queue policy suite', () => {
  it('covers every queue row for every actor', () => {
    console.log(`[policy] ${QUEUE_POLICY.length} queue policy rows -> ${generated} generated cases`)
    expect(generated).toBe(QUEUE_POLICY.length * ACTORS.length + 4 * ACTORS.length)
  })
})
