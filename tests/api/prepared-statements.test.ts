import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// Behind PgBouncer in transaction mode named prepared statements break: `preparedStatements: false` sends the
// same hot statements unnamed. The claim, the access query and an action work, and no statement is named.
let api: TestApi
const named: string[] = []
type Query = (config: unknown, ...rest: unknown[]) => unknown
let client: { prototype: { query: Query } }
let query: Query
beforeAll(async () => {
  api = await startTestApi({ labelOps: { preparedStatements: false } })
  // every statement of the adapter's pool goes through its Client class (the adapter's own copy of pg)
  client = (api.payload.db as unknown as { pool: { Client: { prototype: { query: Query } } } }).pool.Client
  query = client.prototype.query
  client.prototype.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
    if (config && typeof config === 'object' && (config as { name?: string }).name) named.push((config as { name: string }).name)
    return query.call(this, config, ...rest)
  }
})
afterAll(async () => {
  if (client) client.prototype.query = query
  await api?.close()
})

describe('preparedStatements: false', () => {
  it('claims, reads and acts with no named statement', async () => {
    const world = await buildWorkflowWorld(api, { items: 2 })
    const { project } = await world.startProject('Annotate → Complete')
    const claim = await world.call(world.annotators[0]!.token).post(`/api/projects/${project}/next`, {})
    expect(claim.status).toBe(200)
    const submitted = await world
      .call(world.annotators[0]!.token)
      .post(`/api/tasks/${claim.body.task.id}/submit`, { expectedVersion: claim.body.task.version })
    expect(submitted.body).toMatchObject({ stage: 'complete', status: 'completed' })
    expect(named).toEqual([])
  })
})
