import fc from 'fast-check'
import pg from 'pg'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { DURATION_EDGES_MS } from '../../src/domain/analytics/durations.ts'
import { BULK_EVENTS, foldPendingRollups, rebuildRollups } from '../../src/sql/analytics/rollupTrigger.ts'
import { journalFigures } from '../../src/sql/analytics/metrics.ts'
import { runRollupFolderWith } from '../../src/operations/rollupFolder.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { pendingEvents, rawRows, rollupRows } from '../helpers/rollups.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// The rollups the journal's triggers keep, with the events still pending, equal a GROUP BY over the raw events,
// whatever writes them: random batches of events inserted, deleted and moved in time at once from several
// connections (some rolled back), over hours and durations on every histogram edge, while pending events are
// folded in small batches at the same time. Folded to the end, the stored rollups alone equal it. The rebuild
// recomputes the same rollups from the raw journal. (This file's server never folds by itself: the test does.)
const SEED = Number(process.env.ROLLUP_SEED ?? 20261202)
const RUNS = Number(process.env.ROLLUP_RUNS ?? 30)
const CONNECTIONS = 4

let api: TestApi
let clients: pg.Client[] = []
let world: { workspace: number; project: number; tasks: number[]; actors: Array<number | null> }

beforeAll(async () => {
  api = await startTestApi({ labelOps: { rollupFoldMs: 0 } })
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
      // each connection runs its share in order; the connections run at once, and a folder beside them
      let writing = true
      const folding = (async () => {
        while (writing) if ((await foldPendingRollups(api.payload, 3)) === 0) await new Promise((resolve) => setTimeout(resolve, 1))
      })()
      await Promise.all(
        clients.map(async (client, index) => {
          for (const step of batches.filter((_, at) => at % CONNECTIONS === index)) await run(client, step)
        }),
      ).finally(() => (writing = false))
      await folding
      expect(await rollupRows(api.databaseUri)).toEqual(await rawRows(api.databaseUri))
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  )
  const kept = await rollupRows(api.databaseUri)
  expect(kept.reduce((sum, row) => sum + row.events, 0)).toBeGreaterThan(100)
  // the rebuild with events still pending: they end up in the rollups once, and pending no more
  await insert(clients[0]!, [
    { task: 2, actor: 1, subject: 1, counts: [1, 1, 1, 1, 1], type: 'approved', from: 'review', to: 'complete', ms: 2500, at: 1 },
  ])
  expect(await pendingEvents(api.databaseUri)).toBeGreaterThan(0)
  const withOneMore = await rollupRows(api.databaseUri)
  expect(withOneMore).toEqual(await rawRows(api.databaseUri))
  await rebuildRollups(api.payload)
  expect(await pendingEvents(api.databaseUri)).toBe(0)
  expect(await rollupRows(api.databaseUri, { pending: false })).toEqual(withOneMore)
  await clients[0]!.query(`delete from task_events where id = (select id from task_events order by seq desc limit 1)`)
  expect(await rollupRows(api.databaseUri)).toEqual(kept)
  while ((await foldPendingRollups(api.payload)) > 0);
  expect(await pendingEvents(api.databaseUri)).toBe(0)
  expect(await rollupRows(api.databaseUri, { pending: false })).toEqual(kept)
}, 180_000)

it('files a small statement’s events as pending until a fold, and a bulk statement’s straight into the rollups', async () => {
  while ((await foldPendingRollups(api.payload)) > 0);
  const stored = () => rollupRows(api.databaseUri, { pending: false })
  const before = await stored()
  // the figures analytics reads for the whole day (the rollups' window): the same before and after a fold
  const req = await createLocalReq({}, api.payload)
  const day = { from: new Date(Date.UTC(2026, 10, 30)), to: new Date(Date.UTC(2026, 11, 1)) }
  const figures = async () =>
    (await journalFigures(req, { projects: [world.project], rollupWindow: day, rawWindows: [], bucket: 'hour', timeZone: 'UTC' }))
      .map((row) => JSON.stringify(row))
      .sort()
  const submitted = (rows: string[]) =>
    rows.map((row) => JSON.parse(row)).find((row) => row.by === 'total' && row.type === 'submitted')?.events ?? 0
  const figuresBefore = await figures()
  const one: Event = {
    task: 0,
    actor: 1,
    subject: 2,
    counts: [1, null, null, null, null],
    type: 'submitted',
    from: 'annotate',
    to: 'review',
    ms: 4000,
    at: 60_000,
  }
  await insert(clients[0]!, [one])
  expect(await pendingEvents(api.databaseUri)).toBe(1)
  expect(await stored()).toEqual(before) // not in the stored rollups yet ...
  expect(await rollupRows(api.databaseUri)).toEqual(await rawRows(api.databaseUri)) // ... but counted where reads look
  const figuresPending = await figures()
  expect(submitted(figuresPending)).toBe(submitted(figuresBefore) + 1)
  expect(await foldPendingRollups(api.payload)).toBe(1)
  expect(await figures()).toEqual(figuresPending)
  expect(await pendingEvents(api.databaseUri)).toBe(0)
  const folded = await stored()
  expect(folded).toEqual(await rawRows(api.databaseUri))
  await insert(
    clients[0]!,
    Array.from({ length: BULK_EVENTS }, (_, at) => ({ ...one, at: at * 1000 })),
  )
  expect(await pendingEvents(api.databaseUri)).toBe(0)
  expect(await stored()).toEqual(await rawRows(api.databaseUri))
  // a pending event deleted, and one changed before its fold: nothing of the first is left, the second counts as changed
  await insert(clients[0]!, [one, { ...one, at: 120_000 }])
  await clients[0]!.query(`delete from task_events where id = (select id from task_events order by seq desc limit 1)`)
  await clients[0]!.query(`update task_events set time_spent_ms = 90000 where id = (select id from task_events order by seq desc limit 1)`)
  expect(await pendingEvents(api.databaseUri)).toBe(1)
  expect(await rollupRows(api.databaseUri)).toEqual(await rawRows(api.databaseUri))
  await foldPendingRollups(api.payload)
  expect(await stored()).toEqual(await rawRows(api.databaseUri))
})

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

it('folds by itself in the background: a process’s folder empties the pending table; 0 runs none', async () => {
  await insert(clients[0]!, [
    {
      task: 1,
      actor: 2,
      subject: 0,
      counts: [null, 2, null, null, null],
      type: 'skipped',
      from: 'annotate',
      to: 'annotate',
      ms: 900,
      at: 5_000,
    },
  ])
  expect(await pendingEvents(api.databaseUri)).toBeGreaterThan(0)
  const folder = runRollupFolderWith(api.payload, 20)!
  try {
    await expect.poll(() => pendingEvents(api.databaseUri), { timeout: 10_000 }).toBe(0)
    expect(await rollupRows(api.databaseUri, { pending: false })).toEqual(await rawRows(api.databaseUri))
  } finally {
    await folder.stop()
  }
  expect(runRollupFolderWith(api.payload, 0)).toBeUndefined()
})

it('gives a fold up, changing nothing, while a writer holds a rollup row it needs; the next fold takes the events', async () => {
  while ((await foldPendingRollups(api.payload)) > 0);
  const event: Event = {
    task: 3,
    actor: 2,
    subject: 2,
    counts: [null, null, null, null, null],
    type: 'claimed',
    from: 'annotate',
    to: 'annotate',
    ms: null,
    at: 7_000,
  }
  await insert(clients[0]!, [event])
  await foldPendingRollups(api.payload) // its rollup rows exist now
  await insert(clients[0]!, [event])
  const before = await rollupRows(api.databaseUri, { pending: false })
  // a writer's transaction holds the event's rollup rows (as a delete of a folded event does until it commits)
  await clients[1]!.query('begin')
  await clients[1]!.query(`update task_rollups set events = events where project_id = $1 and type = 'claimed'`, [world.project])
  try {
    // (were it to wait, it would wait forever: the writer commits only after it returns)
    expect(await foldPendingRollups(api.payload)).toBe(0)
    expect(await pendingEvents(api.databaseUri)).toBe(1)
  } finally {
    await clients[1]!.query('commit')
  }
  expect(await rollupRows(api.databaseUri, { pending: false })).toEqual(before)
  expect(await foldPendingRollups(api.payload)).toBe(1)
  expect(await rollupRows(api.databaseUri, { pending: false })).toEqual(await rawRows(api.databaseUri))
})
