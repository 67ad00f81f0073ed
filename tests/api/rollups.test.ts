import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { DURATION_EDGES_MS } from '../../src/domain/analytics/durations.ts'
import { rebuildRollups } from '../../src/sql/analytics/rollupTrigger.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { rawRows, rollupRows } from '../helpers/rollups.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// The rollups the journal's triggers keep equal a GROUP BY over the raw events, whatever writes them: random
// batches of events inserted, deleted and moved in time at once from several connections (some rolled back),
// over hours and durations on every histogram edge. The rebuild recomputes the same rollups from the raw journal.
const SEED = Number(process.env.ROLLUP_SEED ?? 20261202)
const RUNS = Number(process.env.ROLLUP_RUNS ?? 30)
const CONNECTIONS = 4

let api: TestApi
let clients: pg.Client[] = []
let world: { workspace: number; project: number; tasks: number[]; actors: Array<number | null> }

beforeAll(async () => {
  api = await startTestApi()
  const built = await buildWorkflowWorld(api, { items: 6 })
  const { project, tasks } = await built.startProject('Annotate → Review → Complete')
  world = {
    workspace: built.workspace,
    project,
    tasks: tasks.map((task) => task.id),
    actors: [null, ...built.annotators.map((user) => user.id as number), built.tm.id as number],
  }
  clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: api.databaseUri })
      await client.connect()
      return client
    }),
  )
}, 120_000)
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end()))
  await api?.close()
})

const TYPES = ['claimed', 'submitted', 'skipped', 'released', 'approved', 'rejected', 'moved', 'expired'] as const
const STAGES = [null, 'annotate', 'review', 'complete'] as const
// every bucket's edges and their neighbours, and no time at all
const DURATIONS = [null, ...DURATION_EDGES_MS.flatMap((edge) => [edge, Math.max(0, edge - 1), edge + 1]), 86_400_000]

const event = fc.record({
  task: fc.nat(),
  actor: fc.nat(),
  subject: fc.nat(),
  counts: fc.array(fc.option(fc.nat({ max: 40 })), { minLength: 5, maxLength: 5 }),
  type: fc.constantFrom(...TYPES),
  from: fc.constantFrom(...STAGES),
  to: fc.constantFrom(...STAGES),
  ms: fc.constantFrom(...DURATIONS),
  // within a few hours of a fixed day, to the millisecond, so hour edges are crossed
  at: fc.integer({ min: 0, max: 4 * 3_600_000 }),
})
const batch = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), events: fc.array(event, { minLength: 1, maxLength: 25 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), share: fc.integer({ min: 1, max: 5 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('backdate' as const),
      share: fc.integer({ min: 1, max: 4 }),
      hours: fc.integer({ min: -3, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('rolled-back' as const), events: fc.array(event, { minLength: 1, maxLength: 10 }) }),
  },
)
type Batch = typeof batch extends fc.Arbitrary<infer B> ? B : never

const DAY = Date.UTC(2026, 10, 30, 6, 0, 0)

type Event = {
  task: number
  actor: number
  subject: number
  counts: Array<number | null>
  type: string
  from: string | null
  to: string | null
  ms: number | null
  at: number
}

async function insert(client: pg.Client, events: readonly Event[]) {
  const values: unknown[] = []
  const rows = events.map((e) => {
    const at = new Date(DAY + e.at).toISOString()
    values.push(
      world.workspace,
      world.project,
      world.tasks[e.task % world.tasks.length],
      world.actors[e.actor % world.actors.length],
      e.type,
      e.from,
      e.to,
      e.ms,
      at,
      world.actors[e.subject % world.actors.length],
      ...e.counts,
    )
    const first = values.length - 15
    // held: twice the time spent (the hold an action ended)
    return `(${[1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11, 12, 13, 14, 15].map((offset) => `$${first + offset}`).join(', ')}, $${first + 8}::numeric * 2)`
  })
  await client.query(
    `insert into task_events (workspace_id, project_id, task_id, actor_id, type, from_stage, to_stage, time_spent_ms, created_at, updated_at,
                              subject_id, labels_created, labels_edited, labels_deleted, labels_approved, labels_rejected, held_ms)
     values ${rows.join(', ')}`,
    values,
  )
}

async function run(client: pg.Client, step: Batch) {
  if (step.kind === 'insert') return insert(client, step.events)
  if (step.kind === 'delete')
    // a share of the events (never the `created` rows the project began with, so its tasks stay)
    // (rows locked in journal order: the test's own bulk writers must not deadlock each other)
    return client.query(
      `delete from task_events where id in (select id from task_events where type <> 'created' and seq % $1 = 0 order by seq for update)`,
      [step.share + 1],
    )
  if (step.kind === 'backdate')
    // a share of the events moved in time, and given another duration (as the demo seed back-dates its journal)
    return client.query(
      `update task_events set created_at = created_at + make_interval(hours => $2), time_spent_ms = coalesce(time_spent_ms, 0) + 7000,
                                 held_ms = coalesce(held_ms, 0) + 9000
        where id in (select id from task_events where seq % $1 = 1 order by seq for update)`,
      [step.share + 1, step.hours],
    )
  await client.query('begin')
  await insert(client, step.events)
  await client.query('rollback')
}

it('keeps rollups equal to the raw journal under concurrent inserts, deletes and rollbacks; the rebuild agrees', async () => {
  expect(await rollupRows(api.databaseUri)).toEqual(await rawRows(api.databaseUri)) // the project's `created` events
  await fc.assert(
    fc.asyncProperty(fc.array(batch, { minLength: CONNECTIONS, maxLength: 40 }), async (batches) => {
      // each connection runs its share in order; the connections run at once
      await Promise.all(
        clients.map(async (client, index) => {
          for (const step of batches.filter((_, at) => at % CONNECTIONS === index)) await run(client, step)
        }),
      )
      expect(await rollupRows(api.databaseUri)).toEqual(await rawRows(api.databaseUri))
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  )
  const kept = await rollupRows(api.databaseUri)
  expect(kept.reduce((sum, row) => sum + row.events, 0)).toBeGreaterThan(100)
  await rebuildRollups(api.payload)
  expect(await rollupRows(api.databaseUri)).toEqual(kept)
}, 180_000)

it('counts the events written by the operations themselves (claims are one SQL statement)', async () => {
  const before = await rollupRows(api.databaseUri)
  // the per-person daily grain: project | grain | actor | subject | stage | type | day
  const claims = (rows: typeof before) =>
    rows
      .filter((row) => row.key.split(' | ')[1] === 'day' && row.key.split(' | ')[5] === 'claimed')
      .reduce((sum, row) => sum + row.events, 0)
  const claimed = claims(before)
  const { token } = await api.createUser('claimer@rollups.test')
  // not a member: refused, nothing journaled
  const refused = await api.http().post(`/api/projects/${world.project}/next`).set('Authorization', `JWT ${token}`)
  expect(refused.status).toBeGreaterThanOrEqual(400)
  expect(await rollupRows(api.databaseUri)).toEqual(before)
  const annotator = await api.login('ann1@wf.test', 'correct-horse-battery')
  const served = await api.http().post(`/api/projects/${world.project}/next`).set('Authorization', `JWT ${annotator}`)
  expect(served.status).toBe(200)
  const after = await rollupRows(api.databaseUri)
  expect(claims(after)).toBe(claimed + 1)
  expect(after).toEqual(await rawRows(api.databaseUri))
})
