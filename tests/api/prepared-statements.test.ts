import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq } from 'payload'

import { executeBuilt, placeholders } from '../../src/db/session.ts'
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
    const analytics = await world.call(world.tm.token).get(`/api/projects/${project}/analytics`)
    expect(analytics.status).toBe(200)
    expect(analytics.body.tasks).toMatchObject({ submitted: 1, completed: 1 })
    expect(named).toEqual([])
  })
})

describe('statements built on every call (executeBuilt)', () => {
  it('runs a text kept by its key with the call’s values, and refuses a key that stands for two texts', async () => {
    const req = await createLocalReq({}, api.payload)
    const run = (text: string, value: number) => {
      const { bind, values } = placeholders()
      return executeBuilt<{ n: number }>(req, 'test|shape', sql`select ${sql.raw(text)} + ${bind(value)}::int as "n"`, values)
    }
    expect((await run('1', 1)).rows).toEqual([{ n: 2 }])
    expect((await run('1', 5)).rows).toEqual([{ n: 6 }])
    await expect(run('2', 1)).rejects.toThrow(/stands for two texts/)
  })
})
