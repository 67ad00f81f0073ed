import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { REFRESH_STATISTICS_AFTER } from '../../src/sql/tasks/taskStatistics.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// A project that gets many tasks at once has the tasks table's planner statistics refreshed after its request
// commits (src/sql/tasks/taskStatistics.ts): its annotators claim at once, before autovacuum's next ANALYZE.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let client: pg.Client

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: REFRESH_STATISTICS_AFTER })
  client = new pg.Client({ connectionString: api.databaseUri })
  await client.connect()
}, 180_000)
afterAll(async () => {
  await client?.end()
  await api?.close()
})

/** How often the tasks table was analyzed by hand (autovacuum's own runs are counted apart), and its row estimate. */
async function taskStatistics() {
  const { rows } = await client.query<{ analyzed: string; estimate: number }>(
    `select s.analyze_count as "analyzed", c.reltuples::float8 as "estimate"
       from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'tasks'`,
  )
  return { analyzed: Number(rows[0]!.analyzed), estimate: rows[0]!.estimate }
}

const taskCount = async (project: number) =>
  (await world.asAdmin.get(`/api/tasks?where[project][equals]=${project}&limit=1&depth=0`)).body.totalDocs as number

async function projectOn(dataset: number | string, name: string) {
  const created = await world.asAdmin.post('/api/projects', {
    workspace: world.workspace,
    name,
    datasets: [dataset],
    workflowTemplate: world.templateId('Annotate → Complete'),
  })
  expect(created.status).toBe(201)
  return created.body.doc.id as number
}

describe('the tasks table’s statistics', () => {
  it('are left to autovacuum when a request creates a few tasks', async () => {
    const small = (await world.asAdmin.post('/api/datasets', { workspace: world.workspace, name: 'A few' })).body.doc.id
    const manifest = ['a', 'b', 'c'].map((id) => JSON.stringify({ externalId: id, type: 'image', url: `https://e.com/${id}.png` }))
    const imported = await world.asAdmin.post(`/api/datasets/${small}/import`, manifest.join('\n') as never, {
      'Content-Type': 'application/x-ndjson',
    })
    expect(imported.status).toBe(200)
    const before = await taskStatistics()
    const project = await projectOn(small, 'A few tasks')
    expect(await taskCount(project)).toBe(3)
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect((await taskStatistics()).analyzed).toBe(before.analyzed)
  })

  it(`are refreshed after the commit of a request that created ${REFRESH_STATISTICS_AFTER.toLocaleString()} tasks or more`, async () => {
    const before = await taskStatistics()
    const project = await projectOn(world.dataset, 'Many tasks')
    expect(await taskCount(project)).toBe(REFRESH_STATISTICS_AFTER)
    let statistics = await taskStatistics()
    for (let waited = 0; statistics.analyzed === before.analyzed && waited < 15_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      statistics = await taskStatistics()
    }
    expect(statistics.analyzed).toBe(before.analyzed + 1)
    // analyzed once, with the new tasks: the planner now counts them (and the few from before)
    expect(statistics.estimate).toBeGreaterThanOrEqual(REFRESH_STATISTICS_AFTER)
  })
})
