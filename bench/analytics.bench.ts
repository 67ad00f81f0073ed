// `npm run bench -- analytics`: project analytics at 1,000,000 and 10,000,000 journal events (BENCH_ANALYTICS_SIZES),
// generated with SQL over 200 people (ten per project), 20 projects and 90 days. For each size, p50 of
// BENCH_ANALYTICS_RUNS (default 11, after BENCH_ANALYTICS_WARMUP unmeasured ones, default 30): the analytics route over HTTP (the last 30 days, every table) against the same
// figures computed by raw SQL over the raw events (the operation's own statement, rollups left out). And the cost
// of keeping rollups: claim + submit throughput with the rollup triggers on against the same build with them
// disabled, interleaved rounds. Writes bench/results/analytics.json: endpointOverRaw1M, endpointOverRaw10M,
// writeOverhead (a fraction). Targets: at most 1/3 at 1M, 1/20 at 10M; overhead at most 0.10.
import pg from 'pg'
import { createLocalReq, type Payload } from 'payload'

import { BUILT_IN_TEMPLATES } from '../src/domain/workflow/templates.ts'
import { claimNextTask } from '../src/operations/claimNextTask.ts'
import { performTaskAction } from '../src/operations/performTaskAction.ts'
import { rebuildRollups } from '../src/sql/analytics/rollupTrigger.ts'
import { journalFigures } from '../src/sql/analytics/metrics.ts'
import { quoteIdent } from '../tests/helpers/pgAdmin.ts'
import { freshBenchPayload, printTable, startServer, writeResults } from './lib.ts'

const SIZES = (process.env.BENCH_ANALYTICS_SIZES ?? '1000000,10000000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_ANALYTICS_RUNS ?? 11)
// unmeasured runs first: the server is a fresh process, and its first requests of the analytics path run
// well below a dashboard's steady speed until the JIT has compiled it (measured: 122, 51, 50, 66 ... 35-40 ms
// for the first twenty requests, 20-25 ms from the thirtieth on); the raw statement settles on its plan too
const WARMUP = Number(process.env.BENCH_ANALYTICS_WARMUP ?? 30)
const PROJECTS = 20
const PEOPLE_PER_PROJECT = 10
const TASKS_PER_PROJECT = 2_000
const PASSWORD = 'bench-password-1'
const DAY_S = 86_400

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function setUp(payload: Payload, pool: pg.Pool) {
  const workspace = (await payload.create({ collection: 'workspaces', data: { name: 'Analytics bench' } })).id as number
  const manager = await payload.create({ collection: 'users', data: { email: 'manager@bench.test', password: PASSWORD } })
  await payload.create({ collection: 'workspace-members', data: { workspace, user: manager.id, role: 'admin' } as never })
  const people = (
    await pool.query(
      `insert into users (email, updated_at, created_at) select 'person' || g || '@bench.test', now(), now() from generate_series(1, $1) g returning id`,
      [PROJECTS * PEOPLE_PER_PROJECT],
    )
  ).rows.map((row) => Number(row.id))
  const dataset = (await payload.create({ collection: 'datasets', data: { workspace, name: 'Frames' } as never })).id as number
  const projects: number[] = []
  for (let index = 0; index < PROJECTS; index++) {
    const project = await payload.create({
      collection: 'projects',
      data: { workspace, name: `Project ${index + 1}`, workflow: BUILT_IN_TEMPLATES['annotate-review-complete']!.graph } as never,
    })
    projects.push(project.id as number)
  }
  // data items and tasks by SQL (the import and dataset attach have their own benchmarks)
  await pool.query(
    `insert into data_items (workspace_id, dataset_id, name, type, source_kind, source_url, external_id, updated_at, created_at)
     select $1, $2, 'item-' || g, 'image', 'url', 'https://cdn.example.com/' || g || '.jpg', 'item-' || g, now(), now()
       from generate_series(1, $3) g`,
    [workspace, dataset, PROJECTS * TASKS_PER_PROJECT],
  )
  await pool.query(`create table bench_projects (pj int primary key, id int)`)
  await pool.query(`insert into bench_projects select ordinality - 1, id from unnest($1::int[]) with ordinality as t(id)`, [projects])
  await pool.query(`create table bench_people (pj int, k int, id int, primary key (pj, k))`)
  await pool.query(
    `insert into bench_people select (ordinality - 1) / ${PEOPLE_PER_PROJECT}, (ordinality - 1) % ${PEOPLE_PER_PROJECT}, id
       from unnest($1::int[]) with ordinality as t(id)`,
    [people],
  )
  await pool.query(
    `insert into tasks (workspace_id, project_id, data_item_id, title, stage, status, priority, version, skipped_by, last_actor_by_stage, round,
                        consensus_submissions, updated_at, created_at)
     select $1, p.id, d.id, d.name, 'annotate', 'new', 50, 1, '[]'::jsonb, '{}'::jsonb, 0, 0, now(), now()
       from (select id, name, row_number() over (order by id) - 1 as n from data_items) d join bench_projects p on p.pj = d.n % ${PROJECTS}`,
    [workspace],
  )
  await pool.query(
    `create table bench_tasks as select project_id, id, row_number() over (partition by project_id order by id) - 1 as k from tasks`,
  )
  await pool.query(`create index on bench_tasks (project_id, k)`)
  return { workspace, projects, manager }
}

/** `count` more events, in batches of a million, with the rollup triggers off (the rollups are rebuilt after). */
async function addEvents(pool: pg.Pool, workspace: number, from: number, count: number) {
  for (let start = from; start < from + count; start += 1_000_000) {
    const end = Math.min(from + count, start + 1_000_000)
    await pool.query(
      `insert into task_events (workspace_id, project_id, task_id, actor_id, subject_id, type, from_stage, to_stage, time_spent_ms,
                                labels_created, labels_approved, labels_rejected, updated_at, created_at)
       select $1, p.id, t.id, a.id, case when kind in ('approved', 'rejected') then s.id end, kind::enum_task_events_type, stage, stage,
              case when kind in ('submitted', 'skipped', 'released', 'approved', 'rejected') then 2000 + (g * 104729) % 600000 end,
              case when kind = 'submitted' then g % 7 end, case when kind = 'approved' then g % 5 end, case when kind = 'rejected' then 1 + g % 3 end,
              now(), now() - make_interval(secs => (g * 7919) % ${90 * DAY_S})
         from (select g, g % ${PROJECTS} as pj,
                      case when g * 31 % 100 < 30 then 'claimed' when g * 31 % 100 < 55 then 'submitted' when g * 31 % 100 < 60 then 'skipped'
                           when g * 31 % 100 < 63 then 'released' when g * 31 % 100 < 78 then 'approved' when g * 31 % 100 < 83 then 'rejected'
                           when g * 31 % 100 < 93 then 'completed' else 'moved' end as kind
                 from generate_series($2::bigint, $3::bigint - 1) g) e
         join bench_projects p on p.pj = e.pj
         join bench_people a on a.pj = e.pj and a.k = (g / ${PROJECTS}) % ${PEOPLE_PER_PROJECT}
         join bench_people s on s.pj = e.pj and s.k = (g / ${PROJECTS} + 1) % ${PEOPLE_PER_PROJECT}
         join bench_tasks t on t.project_id = p.id and t.k = (g / ${PROJECTS}) % ${TASKS_PER_PROJECT}
         cross join lateral (select case when kind in ('approved', 'rejected') then 'review' when kind = 'completed' then 'complete' else 'annotate' end as stage) st`,
      [workspace, start, end],
    )
    process.stdout.write(`  ${end.toLocaleString()} events\n`)
  }
}

async function setTriggers(pool: pg.Pool, enabled: boolean) {
  const { rows } = await pool.query(`select tgname from pg_trigger where tgname like 'labelops_rollup_%' and not tgisinternal`)
  for (const { tgname } of rows) await pool.query(`alter table task_events ${enabled ? 'enable' : 'disable'} trigger ${quoteIdent(tgname)}`)
}

/** The cost of rollups on the write path: in-process claim + submit by 8 annotators, triggers on vs off. */
async function writeOverhead(payload: Payload, pool: pg.Pool, workspace: number): Promise<{ on: number; off: number; overhead: number }> {
  const workers = 8
  const annotators: Array<Record<string, unknown>> = []
  for (let i = 0; i < workers; i++) {
    const user = await payload.create({ collection: 'users', data: { email: `writer${i}@bench.test`, password: PASSWORD } })
    await payload.create({ collection: 'workspace-members', data: { workspace, user: user.id, role: 'tasker' } as never })
    annotators.push({ ...user, collection: 'users' })
  }
  const project = (
    await payload.create({
      collection: 'projects',
      data: {
        workspace,
        name: 'Writes',
        workflow: BUILT_IN_TEMPLATES['annotate-complete']!.graph,
        collaborators: annotators.map((user) => ({ user: user.id, role: 'annotator' })),
      } as never,
    })
  ).id as number
  await pool.query(
    `insert into tasks (workspace_id, project_id, data_item_id, title, stage, status, priority, version, skipped_by, last_actor_by_stage, round,
                        consensus_submissions, updated_at, created_at)
     select $1, $2, id, name, 'annotate', 'new', 50, 1, '[]'::jsonb, '{}'::jsonb, 0, 0, now(), now() from data_items limit 20000`,
    [workspace, project],
  )
  await payload.update({ collection: 'projects', id: project, data: { status: 'in-progress' } as never })
  const round = async (seconds: number) => {
    let done = 0
    const deadline = performance.now() + seconds * 1000
    await Promise.all(
      annotators.map(async (user) => {
        while (performance.now() < deadline) {
          const req = await createLocalReq({ user: user as never }, payload)
          const answer = await claimNextTask({ req, project })
          if (!answer) return
          await performTaskAction({
            req,
            taskId: answer.task.id,
            action: 'submit',
            expectedVersion: answer.task.version,
            timeSpentMs: 30_000,
          })
          done++
        }
      }),
    )
    return done / seconds
  }
  await round(2) // warm-up
  const ratios: number[] = []
  const on: number[] = []
  const off: number[] = []
  for (let i = 0; i < 5; i++) {
    await setTriggers(pool, false)
    const withoutRollups = await round(3)
    await setTriggers(pool, true)
    const withRollups = await round(3)
    off.push(withoutRollups)
    on.push(withRollups)
    ratios.push(withRollups / withoutRollups)
  }
  return { on: p50(on), off: p50(off), overhead: Math.max(0, 1 - p50(ratios)) }
}

export async function run(): Promise<void> {
  const { uri, payload } = await freshBenchPayload('labelops_bench_analytics')
  const pool = new pg.Pool({ connectionString: uri, max: 8 })
  pool.on('error', () => {})
  console.log(
    `setting up ${PROJECTS} projects, ${PROJECTS * PEOPLE_PER_PROJECT} people, ${(PROJECTS * TASKS_PER_PROJECT).toLocaleString()} tasks...`,
  )
  const { workspace, projects } = await setUp(payload, pool)
  const http = await startServer(uri)
  const token = (
    (await (
      await fetch(`${http.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'manager@bench.test', password: PASSWORD }),
      })
    ).json()) as { token: string }
  ).token
  const project = projects[Math.floor(PROJECTS / 2)]!
  const results: Record<string, number> = {}
  const table: Array<Record<string, string | number>> = []
  let events = 0
  try {
    for (const size of SIZES) {
      await setTriggers(pool, false)
      await addEvents(pool, workspace, events, size - events)
      events = size
      await setTriggers(pool, true)
      await pool.query('analyze')
      const rollupRows = await rebuildRollups(payload)
      await pool.query('analyze')
      const to = new Date()
      const from = new Date(to.getTime() - 30 * DAY_S * 1000)
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })
      const endpoint: number[] = []
      const raw: number[] = []
      const floor: number[] = []
      const req = await createLocalReq({}, payload)
      const scope = { projects: [project], rollupWindow: null, rawWindows: [{ from, to }], bucket: 'day' as const, timeZone: 'UTC' }
      for (let i = 0; i < WARMUP + RUNS; i++) {
        let started = performance.now()
        const response = await fetch(`${http.baseUrl}/api/projects/${project}/analytics?${query}`, {
          headers: { Authorization: `JWT ${token}` },
        })
        if (!response.ok) throw new Error(`analytics answered ${response.status}: ${await response.text()}`)
        await response.json()
        if (i >= WARMUP) endpoint.push(performance.now() - started)
        started = performance.now()
        await journalFigures(req, scope)
        if (i >= WARMUP) raw.push(performance.now() - started)
        // Payload's own floor for an authenticated request on this server, for scale (not part of the ratio)
        started = performance.now()
        await (await fetch(`${http.baseUrl}/api/users/me`, { headers: { Authorization: `JWT ${token}` } })).json()
        if (i >= WARMUP) floor.push(performance.now() - started)
      }
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : String(size)
      results[`endpointOverRaw${label}`] = Number((p50(endpoint) / p50(raw)).toFixed(3))
      table.push({
        events: size.toLocaleString(),
        rollupRows: rollupRows.toLocaleString(),
        'endpoint p50 ms': p50(endpoint).toFixed(1),
        'raw p50 ms': p50(raw).toFixed(1),
        'GET /api/users/me p50 ms': p50(floor).toFixed(1),
        ratio: results[`endpointOverRaw${label}`]!,
      })
    }
    printTable(table)
    const writes = await writeOverhead(payload, pool, workspace)
    results.writeOverhead = Number(writes.overhead.toFixed(3))
    console.log(
      `claim + submit: ${writes.on.toFixed(1)}/s with rollups, ${writes.off.toFixed(1)}/s without -> overhead ${(writes.overhead * 100).toFixed(1)} %`,
    )
    console.log(`targets: endpointOverRaw1M <= 0.333, endpointOverRaw10M <= 0.05, writeOverhead <= 0.10`)
    console.log(`written to ${writeResults('analytics', { ...results, table, writes })}`)
  } finally {
    http.stop()
    await pool.end()
  }
}
