// `npm run bench -- soak`: LabelOps under a simulated workforce on several server processes sharing one
// database, with `kill -9` of servers at random moments. First the throughput at 1, 2, 4... processes (no
// faults), then the soak proper at SOAK_PROCESSES with SOAK_KILLS kills, each server restarted at once. At the
// end: double claims (journal), invariant violations (the checker), 5xx answers, acknowledged actions the
// database lacks, keyed actions written in part, RSS per server process (start, middle, end).
// Results: bench/results/soak.json. Exits non-zero when any of those counts is not 0.
// Full size by default; CI runs it small: SOAK_SECONDS=60 SOAK_PROCESSES=2 SOAK_KILLS=1 SOAK_WORKERS=40.
import { createLocalReq } from 'payload'

import { doubleClaimsIn } from '../src/domain/workflow/replay.ts'
import { releasePool } from '../src/db/guardPoolErrors.ts'
import { checkInvariants } from '../src/operations/checkInvariants.ts'
import { journalsOf, projectGraphs } from '../src/sql/invariants/invariantRows.ts'
import { halfWritten, lostAcknowledged } from './soak/ledger.ts'
import { rssMb, ServerPool } from './soak/servers.ts'
import { setUpSoak } from './soak/setup.ts'
import { readStoredWork } from './soak/stored.ts'
import { runWorkforce, SOAK_KEY_PREFIX, Tally } from './soak/workers.ts'
import { freshBenchPayload, printTable, writeResults } from './lib.ts'

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const SECONDS = setting('SOAK_SECONDS', 180)
const PROCESSES = setting('SOAK_PROCESSES', 4)
const KILLS = setting('SOAK_KILLS', 4)
const WORKERS = setting('SOAK_WORKERS', 200)
const PHASE_SECONDS = setting('SOAK_PHASE_SECONDS', 30)
const TASKS = setting('SOAK_TASKS', Math.max(3000, WORKERS * 100))

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function run(): Promise<void> {
  const { server, uri, payload } = await freshBenchPayload('labelops_bench_soak')
  const pool = new ServerPool(uri)
  try {
    console.log(`starting ${PROCESSES} server processes...`)
    for (let slot = 0; slot < PROCESSES; slot++) await pool.start(slot)
    const login = async (email: string, password: string) => {
      const res = await fetch(`${pool.pick(1)!.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      })
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`)
      return ((await res.json()) as { token: string }).token
    }
    console.log(`setting up ${TASKS.toLocaleString()} tasks and ${WORKERS} workers...`)
    const world = await setUpSoak(payload, { tasks: TASKS, workers: WORKERS, login })
    const tally = new Tally()

    // throughput at 1, 2, 4... processes, no faults: acknowledged submits and reviews per second
    const throughputByProcesses: Record<string, number> = {}
    for (let slots = 1; slots <= PROCESSES; slots *= 2) {
      const before = tally.done
      const deadline = Date.now() + PHASE_SECONDS * 1000
      const started = performance.now()
      await runWorkforce(
        world,
        pool,
        () => slots,
        tally,
        () => Date.now() > deadline,
      )
      throughputByProcesses[String(slots)] = Math.round(((tally.done - before) / ((performance.now() - started) / 1000)) * 10) / 10
      console.log(`${slots} process(es): ${throughputByProcesses[String(slots)]} submits and reviews/s`)
    }

    // the soak: every process, kill -9 at random moments, RSS sampled at the start, middle and end
    console.log(`soak: ${SECONDS} s on ${PROCESSES} processes, ${KILLS} kill(s), ${WORKERS} workers`)
    const soakStarted = Date.now()
    const deadline = soakStarted + SECONDS * 1000
    const killAt = Array.from({ length: KILLS }, () => (0.15 + Math.random() * 0.65) * SECONDS * 1000).sort((a, b) => a - b)
    const rss = new Map<number, { slot: number; samples: Array<number | null> }>()
    const sample = () => {
      for (const { slot, child } of pool.live(PROCESSES)) {
        const entry = rss.get(child.pid!) ?? { slot, samples: [] }
        entry.samples.push(rssMb(child.pid))
        rss.set(child.pid!, entry)
      }
    }
    const faults = (async () => {
      for (const at of killAt) {
        await sleep(Math.max(0, soakStarted + at - Date.now()))
        if (Date.now() < deadline) await pool.killOneAndRestart(PROCESSES)
      }
    })()
    const sampling = (async () => {
      for (const at of [0.1, 0.5, 0.95]) {
        await sleep(Math.max(0, soakStarted + at * SECONDS * 1000 - Date.now()))
        sample()
      }
    })()
    const soakDoneBefore = tally.done
    await runWorkforce(
      world,
      pool,
      () => PROCESSES,
      tally,
      () => Date.now() > deadline,
    )
    await Promise.all([faults, sampling])
    const soakThroughput = (tally.done - soakDoneBefore) / ((Date.now() - soakStarted) / 1000)

    // the verdict, on a quiet database
    const req = await createLocalReq({}, payload)
    const { violations, checked } = await checkInvariants(req)
    let doubleClaims = 0
    const graph = (await projectGraphs(req)).find((project) => String(project.id) === String(world.project))?.graph ?? undefined
    for (const journal of (await journalsOf(req, world.project)).values()) doubleClaims += doubleClaimsIn(journal, graph)
    const stored = await readStoredWork(req, world.project, SOAK_KEY_PREFIX)
    const cutCommitted = tally.cut.filter((action) => 'key' in action && stored.keys.has(`${action.user}|${action.key}`)).length
    const results = {
      settings: { seconds: SECONDS, processes: PROCESSES, kills: KILLS, workers: WORKERS, tasks: TASKS, phaseSeconds: PHASE_SECONDS },
      doubleClaims,
      invariantViolations: violations.filter((violation) => violation.rule !== 'single-holder').length,
      serverErrors: tally.serverErrors,
      lostAcknowledged: lostAcknowledged(tally.acknowledged, stored),
      halfWritten: halfWritten(stored),
      throughputByProcesses,
      soakThroughput: Math.round(soakThroughput * 10) / 10,
      acknowledged: countBy(tally.acknowledged.map((action) => action.kind)),
      unacknowledged: {
        cutRequests: tally.cutRequests,
        keyedActions: tally.cut.length,
        committed: cutCommitted,
        absent: tally.cut.length - cutCommitted,
      },
      answers: Object.fromEntries([...tally.statuses].sort(([a], [b]) => a - b)),
      serverErrorSamples: tally.serverErrorSamples,
      violationSamples: violations.slice(0, 10),
      checked,
      kills: pool.kills.map(({ slot, pid, at }) => ({ slot, pid, atSecond: Math.round((at - soakStarted) / 100) / 10 })),
      // per server process: RSS at 10%, 50% and 95% of the soak (fewer for a process killed or started on the way)
      rssMb: [...rss].map(([pid, { slot, samples }]) => ({
        pid,
        slot,
        samples: samples.map((mb) => (mb === null ? null : Math.round(mb))),
      })),
    }
    printTable([
      {
        doubleClaims: results.doubleClaims,
        invariantViolations: results.invariantViolations,
        serverErrors: results.serverErrors,
        lostAcknowledged: results.lostAcknowledged,
        halfWritten: results.halfWritten,
        cut: tally.cutRequests,
        kills: pool.kills.length,
      },
    ])
    console.log(
      `throughput (submits and reviews/s) by processes: ${JSON.stringify(throughputByProcesses)}; during the soak ${results.soakThroughput}`,
    )
    console.log(
      `RSS MB per process (start, middle, end): ${results.rssMb.map((entry) => `${entry.slot}:${entry.samples.join('/')}`).join('  ')}`,
    )
    console.log(`results: ${writeResults('soak', results)}`)
    const failed = ['doubleClaims', 'invariantViolations', 'serverErrors', 'lostAcknowledged', 'halfWritten'].filter(
      (key) => results[key as keyof typeof results] !== 0,
    )
    if (pool.kills.length < KILLS) failed.push(`kills (${pool.kills.length} of ${KILLS})`)
    if (failed.length > 0) throw new Error(`soak failed: ${failed.join(', ')} (see bench/results/soak.json)`)
  } finally {
    await pool.stopAll()
    releasePool(payload)
    await server.stop()
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}
