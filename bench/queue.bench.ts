// `npm run bench -- queue`: the claim under load, on one database holding 100,000 claimable tasks, 32 at once:
//  (a) the claim statement itself from plain pg clients on 32 connections — the SQL floor;
//  (b) claimNextTask() called in-process by 32 concurrent callers (actor, project, lock, statement, answer);
//  (c) POST /api/projects/:id/next over HTTP (createServer in its own process), 32 users: claims/s, p50/p99;
//  (d) Payload's own authenticated GET /api/tasks/:id over HTTP at the same concurrency — the framework's floor.
// After every claim the task is completed by one plain UPDATE (the same in a, b and c), so the next claim
// takes a new task. The four run interleaved in short rounds (BENCH_ROUNDS of BENCH_SECONDS each) and the
// ratios are the medians of the rounds' ratios: this machine's speed drifts by the second. Untimed rounds of all
// four warm every path up first (BENCH_WARMUP_ROUNDS). Targets: b/a >= 0.5 and c/d >= 0.8. Results: bench/results/queue.json.
import { Readable } from 'node:stream'

import { fillPlaceholders } from '@payloadcms/db-postgres/drizzle'
import pg from 'pg'
import { createLocalReq, type Payload } from 'payload'

import { releasePool } from '../src/db/guardPoolErrors.ts'
import { claimNextTask } from '../src/operations/claimNextTask.ts'
import { importDataItems } from '../src/operations/importDataItems.ts'
import { claimStatement } from '../src/sql/queue/claimTask.ts'
import { BUILT_IN_TEMPLATES } from '../src/domain/workflow/templates.ts'
import { freshBenchPayload, printTable, startServer, writeResults } from './lib.ts'

const TASKS = Number(process.env.BENCH_QUEUE_TASKS ?? 100_000)
const CONCURRENCY = 32
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
// untimed rounds first: the HTTP server is a fresh process, and its claim path (more code than a GET) runs
// well below its steady speed until the JIT has compiled it — a second of warm-up measured that, not the claim
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 3)
const PASSWORD = 'bench-password-1'

type Phase = { ops: number; seconds: number; perSecond: number; p50: number; p99: number }

/** Runs `op` in `workers` loops until the time is up; throughput and latency percentiles. */
async function measure(workers: number, seconds: number, op: (worker: number) => Promise<void>): Promise<Phase> {
  const latencies: number[] = []
  const started = performance.now()
  const deadline = started + seconds * 1000
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t = performance.now()
        await op(worker)
        latencies.push(performance.now() - t)
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return { ops: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) }
}

async function setUp(payload: Payload) {
  const workspace = (await payload.create({ collection: 'workspaces', data: { name: 'Queue bench' } })).id as number
  const users: Array<{ id: number; email: string }> = []
  // the first half claims (a, b, c); the second half each hold one task and read it (d)
  for (let i = 0; i < 2 * CONCURRENCY; i++) {
    const email = `annotator${i}@bench.test`
    const user = await payload.create({ collection: 'users', data: { email, password: PASSWORD } })
    await payload.create({ collection: 'workspace-members', data: { workspace, user: user.id, role: 'tasker' } as never })
    users.push({ id: user.id as number, email })
  }
  const dataset = (await payload.create({ collection: 'datasets', data: { workspace, name: 'Frames' } as never })).id as number
  // an ontology, so every claim also answers with it and looks for an existing label, as in production
  const ontology = (
    await payload.create({
      collection: 'ontologies',
      data: {
        workspace,
        name: 'Street',
        objects: [{ id: 'car', name: 'Car', shape: 'bounding-box' }],
        classifications: [
          {
            id: 'weather',
            name: 'Weather',
            type: 'radio',
            options: [
              { id: 'sun', label: 'Sun' },
              { id: 'rain', label: 'Rain' },
            ],
          },
        ],
      } as never,
    })
  ).id as number
  const lines = Array.from({ length: TASKS }, (_, i) =>
    JSON.stringify({ externalId: `f${i}`, type: 'image', url: `https://cdn.example.com/${i}.jpg` }),
  ).join('\n')
  await importDataItems({ req: await createLocalReq({}, payload), dataset, body: Readable.from([Buffer.from(lines)]), format: 'ndjson' })
  const project = (
    await payload.create({
      collection: 'projects',
      data: {
        workspace,
        name: 'Queue bench',
        datasets: [dataset],
        ontology,
        workflow: BUILT_IN_TEMPLATES['annotate-complete']!.graph,
        collaborators: users.map((user) => ({ user: user.id, role: 'annotator' })),
      } as never,
    })
  ).id as number
  await payload.update({ collection: 'projects', id: project, data: { status: 'in-progress' } as never })
  return { workspace, project, users }
}

export async function run(): Promise<void> {
  const { server, uri, payload } = await freshBenchPayload('labelops_bench_queue')
  console.log(`setting up ${TASKS.toLocaleString()} tasks and ${2 * CONCURRENCY} annotators...`)
  const { workspace, project, users: everyone } = await setUp(payload)
  const users = everyone.slice(0, CONCURRENCY)
  const readers = everyone.slice(CONCURRENCY)

  const pool = new pg.Pool({ connectionString: uri, max: CONCURRENCY + 4 })
  pool.on('error', () => {}) // an idle connection closed by the server at the end is not a failure
  // statistics for the 100,000 tasks just written, as a running deployment has them: left to autovacuum (up to a
  // minute away), the first rounds plan, and prepare, the claims on an empty table's guesses
  await pool.query('analyze')
  // the harness's own statement, prepared (planned once per connection) so it costs the claim paths little
  const COMPLETE = `update tasks set status = 'completed', stage = 'complete', lease_holder_id = null, lease_expires_at = null where id = $1`
  const complete = (task: number | string) => pool.query({ name: 'complete', text: COMPLETE, values: [task] })
  const claimable = async () =>
    Number(
      (
        await pool.query(`select count(*) from tasks where project_id = $1 and status <> 'completed' and lease_holder_id is null`, [
          project,
        ])
      ).rows[0].count,
    )

  // (a) the statement from plain pg clients
  const dialect = (payload.db as unknown as { drizzle: { dialect: { sqlToQuery: (q: unknown) => { sql: string; params: unknown[] } } } })
    .drizzle.dialect
  const statements = users.map((user) => {
    const statement = claimStatement(
      { payload },
      {
        project,
        workspace,
        user: user.id,
        stages: ['annotate'],
        reviewStages: [],
        leaseMinutes: 30,
        allowSelfReview: false,
        skipPolicy: 'requeue-for-others',
      },
    )
    const { sql: text, params } = dialect.sqlToQuery(statement.build())
    return { sql: text, params: fillPlaceholders(params, statement.values) }
  })
  const clients = await Promise.all(
    users.map(async () => {
      const client = new pg.Client({ connectionString: uri })
      await client.connect()
      return client
    }),
  )
  const rawOnce = async (worker: number) => {
    // prepared, as LabelOps runs it: the same statement, planned once per connection
    const { rows } = await clients[worker]!.query({ name: 'claim', text: statements[worker]!.sql, values: statements[worker]!.params })
    if (!rows[0]) throw new Error('raw claim found nothing')
    await clients[worker]!.query({ name: 'complete', text: COMPLETE, values: [rows[0].id] })
  }

  // (b) in-process
  const userDocs = await Promise.all(users.map((user) => payload.findByID({ collection: 'users', id: user.id, depth: 0 })))
  const inProcessOnce = async (worker: number) => {
    const req = await createLocalReq({ user: { ...userDocs[worker]!, collection: 'users' } as never }, payload)
    const answer = await claimNextTask({ req, project })
    if (!answer) throw new Error('in-process claim found nothing')
    await complete(answer.task.id as number)
  }

  // (c) and (d) over HTTP, the server in its own process
  const http = await startServer(uri)
  const tokens = await Promise.all(
    users.map(async (user) => {
      const res = await fetch(`${http.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      })
      return ((await res.json()) as { token: string }).token
    }),
  )
  const httpClaimOnce = async (worker: number) => {
    const res = await fetch(`${http.baseUrl}/api/projects/${project}/next`, {
      method: 'POST',
      headers: { Authorization: `JWT ${tokens[worker]}` },
    })
    if (res.status !== 200) throw new Error(`POST /next answered ${res.status}: ${await res.text()}`)
    const answer = (await res.json()) as { task: { id: number } }
    await complete(answer.task.id)
  }
  // each reader reads a task they hold: Payload's REST with access control, as a tasker sees it
  const readerTokens = await Promise.all(
    readers.map(async (user) => {
      const res = await fetch(`${http.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      })
      return ((await res.json()) as { token: string }).token
    }),
  )
  const held = await Promise.all(
    readerTokens.map(async (token) => {
      const res = await fetch(`${http.baseUrl}/api/projects/${project}/next`, {
        method: 'POST',
        headers: { Authorization: `JWT ${token}` },
      })
      return ((await res.json()) as { task: { id: number } }).task.id
    }),
  )
  const getOnce = async (worker: number) => {
    const res = await fetch(`${http.baseUrl}/api/tasks/${held[worker]}?depth=0`, {
      headers: { Authorization: `JWT ${readerTokens[worker]}` },
    })
    if (res.status !== 200) throw new Error(`GET /api/tasks/:id answered ${res.status}`)
    await res.arrayBuffer()
  }
  // warm every path up, then interleave the four in rounds: this machine's speed drifts, and a ratio of
  // phases run side by side in time is steadier than one of phases run minutes apart
  for (let round = 0; round < WARMUP_ROUNDS; round++)
    for (const op of [rawOnce, inProcessOnce, httpClaimOnce, getOnce]) await measure(CONCURRENCY, SECONDS, op)
  const rounds: Array<Record<'a' | 'b' | 'c' | 'd', Phase>> = []
  for (let round = 0; round < ROUNDS; round++) {
    rounds.push({
      a: await measure(CONCURRENCY, SECONDS, rawOnce),
      b: await measure(CONCURRENCY, SECONDS, inProcessOnce),
      c: await measure(CONCURRENCY, SECONDS, httpClaimOnce),
      d: await measure(CONCURRENCY, SECONDS, getOnce),
    })
  }
  http.stop()
  await Promise.all(clients.map((client) => client.end()))
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!
  const combine = (phase: 'a' | 'b' | 'c' | 'd'): Phase => ({
    ops: rounds.reduce((sum, round) => sum + round[phase].ops, 0),
    seconds: rounds.reduce((sum, round) => sum + round[phase].seconds, 0),
    perSecond: median(rounds.map((round) => round[phase].perSecond)),
    p50: median(rounds.map((round) => round[phase].p50)),
    p99: median(rounds.map((round) => round[phase].p99)),
  })
  const [a, b, c, d] = (['a', 'b', 'c', 'd'] as const).map(combine) as [Phase, Phase, Phase, Phase]

  const ms = (value: number) => value.toFixed(1)
  printTable([
    { path: '(a) claim statement, plain pg', 'ops/s': Math.round(a.perSecond), 'p50 ms': ms(a.p50), 'p99 ms': ms(a.p99) },
    { path: '(b) claimNextTask in-process', 'ops/s': Math.round(b.perSecond), 'p50 ms': ms(b.p50), 'p99 ms': ms(b.p99) },
    { path: '(c) POST /next over HTTP', 'ops/s': Math.round(c.perSecond), 'p50 ms': ms(c.p50), 'p99 ms': ms(c.p99) },
    { path: '(d) GET /api/tasks/:id over HTTP', 'ops/s': Math.round(d.perSecond), 'p50 ms': ms(d.p50), 'p99 ms': ms(d.p99) },
  ])
  // the ratio of each round, then the median of those
  const ratios = {
    bOverA: median(rounds.map((round) => round.b.perSecond / round.a.perSecond)),
    cOverD: median(rounds.map((round) => round.c.perSecond / round.d.perSecond)),
  }
  console.log(
    `per round: ${rounds.map((round) => `b/a ${(round.b.perSecond / round.a.perSecond).toFixed(2)}, c/d ${(round.c.perSecond / round.d.perSecond).toFixed(2)}`).join(' | ')}`,
  )
  console.log(
    `b/a = ${ratios.bOverA.toFixed(2)} (target >= 0.5)   c/d = ${ratios.cOverD.toFixed(2)} (target >= 0.8)   claimable tasks left: ${(await claimable()).toLocaleString()}`,
  )
  console.log(
    `written to ${writeResults('queue', { tasks: TASKS, concurrency: CONCURRENCY, seconds: SECONDS, rounds, a, b, c, d, ratios })}`,
  )
  await pool.end()
  releasePool(payload)
  await server.stop()
}
