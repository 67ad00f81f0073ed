// Generates the access cases from the policy table and runs each over REST and over GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildPolicyWorld, harmlessUpdate, type PolicyWorld, storedDoc } from './fixtures.ts'
import { ACTORS, type ActorName, POLICY, REPORT_POLICY, RESOURCES } from './policy-table.ts'
import { graphqlTransport, restTransport, type Transport } from './transports.ts'

let api: TestApi
let world: PolicyWorld
const transports: Array<(api: TestApi) => Transport> = [restTransport, graphqlTransport]
const expected = (allow: readonly ActorName[], actor: ActorName) => (allow.includes(actor) ? 'allowed' : 'denied')

beforeAll(async () => {
  api = await startTestApi()
  world = await buildPolicyWorld(api)
}, 180_000)
afterAll(() => api?.close())

let generated = 0
const eachTransport = (phase: string, define: (transport: () => Transport, token: (actor: ActorName) => string | undefined) => void) => {
  for (const makeTransport of transports) {
    const name = makeTransport === restTransport ? 'REST' : 'GraphQL'
    describe(`${name}: ${phase}`, () =>
      define(
        () => makeTransport(api),
        (actor) => world.tokens[actor],
      ))
  }
}

// Phases run in this order for both transports: reads first, on the untouched world; then mutations.
eachTransport('read by id', (transport, token) => {
  for (const { resource, target, allow } of POLICY.filter((row) => row.action === 'read')) {
    for (const actor of ACTORS) {
      generated++
      it(`${actor} reading ${resource} ${target} is ${expected(allow, actor)}`, async () => {
        const outcome = await transport().read(resource, world.staticTarget(resource, target), token(actor))
        expect(outcome).toBe(expected(allow, actor))
      })
    }
  }
})

eachTransport('lists hold exactly the allowed rows', (transport, token) => {
  for (const resource of RESOURCES) {
    const rows = POLICY.filter((row) => row.action === 'read' && row.resource === resource)
    for (const actor of ACTORS) {
      generated++
      it(`${actor} listing ${resource}`, async () => {
        const ids = (await transport().list(resource, token(actor))).map(String).sort()
        const allowed = rows
          .filter((row) => row.allow.includes(actor))
          .map((row) => String(world.staticTarget(resource, row.target)))
          .sort()
        expect(ids).toEqual(allowed)
      })
    }
  }
})

eachTransport('update', (transport, token) => {
  for (const { resource, target, allow } of POLICY.filter((row) => row.action === 'update')) {
    for (const actor of ACTORS) {
      generated++
      it(`${actor} updating ${resource} ${target} is ${expected(allow, actor)}`, async () => {
        const id = world.staticTarget(resource, target)
        const before = (await storedDoc(api.payload, resource, id))!
        const { data, enums = [] } = harmlessUpdate(resource, world.unique('updated'), before)
        const outcome = await transport().update(resource, id, data, enums, token(actor))
        expect(outcome).toBe(expected(allow, actor))
        const after = (await storedDoc(api.payload, resource, id))!
        // the stored row moved exactly when the update was allowed
        expect(after.updatedAt !== before.updatedAt, 'stored row changed').toBe(outcome === 'allowed')
      })
    }
  }
})

eachTransport('create', (transport, token) => {
  for (const { resource, target, allow } of POLICY.filter((row) => row.action === 'create')) {
    for (const actor of ACTORS) {
      generated++
      it(`${actor} creating ${resource} (${target}) is ${expected(allow, actor)}`, async () => {
        const { data, enums = [] } = await world.createCase(resource, target)
        const before = await api.payload.count({ collection: resource, overrideAccess: true })
        const { outcome, id } = await transport().create(resource, data, enums, token(actor))
        expect(outcome).toBe(expected(allow, actor))
        const after = await api.payload.count({ collection: resource, overrideAccess: true })
        expect(after.totalDocs - before.totalDocs, 'rows written').toBe(outcome === 'allowed' ? 1 : 0)
        // put the world back: a created workspace would make its creator an Admin for the next cases
        if (id !== undefined) await api.payload.delete({ collection: resource, id, overrideAccess: true })
      })
    }
  }
})

eachTransport('delete', (transport, token) => {
  for (const { resource, target, allow } of POLICY.filter((row) => row.action === 'delete')) {
    for (const actor of ACTORS) {
      generated++
      it(`${actor} deleting ${resource} (${target}) is ${expected(allow, actor)}`, async () => {
        const id = await world.freshTarget(resource, target)
        const outcome = await transport().remove(resource, id, token(actor))
        expect(outcome).toBe(expected(allow, actor))
        expect(await storedDoc(api.payload, resource, id), 'row still stored').toEqual(outcome === 'allowed' ? null : expect.anything())
      })
    }
  }
})

describe('workspace reports', () => {
  for (const { target, allow } of REPORT_POLICY) {
    for (const actor of ACTORS) {
      generated += 2
      it(`${actor} reading workspace ${target}'s report is ${expected(allow, actor)} over REST and GraphQL`, async () => {
        const workspace = world.staticTarget('workspaces', target)
        const token = world.tokens[actor]
        const req = api.http().get(`/api/workspaces/${workspace}/analytics`)
        const res = await (token ? req.set('Authorization', `JWT ${token}`) : req)
        expect([200, 401, 403, 404], JSON.stringify(res.body)).toContain(res.status)
        expect(res.status === 200 ? 'allowed' : 'denied').toBe(expected(allow, actor))
        const graphql = await api.graphql<{ workspaceAnalytics: unknown }>(
          'query ($workspace: ID!) { workspaceAnalytics(workspace: $workspace) }',
          { workspace },
          token,
        )
        expect(graphql.errors === undefined && graphql.data?.workspaceAnalytics ? 'allowed' : 'denied').toBe(expected(allow, actor))
      })
    }
  }
})

describe('the generated policy suite', () => {
  it('covers every policy row for every actor over both transports', () => {
    console.log(`[policy] ${POLICY.length} policy rows -> ${generated} generated REST + GraphQL cases`)
    expect(generated).toBeGreaterThan(POLICY.length * ACTORS.length)
  })
})
