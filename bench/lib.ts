import type { ChildProcess } from 'node:child_process'
import { createWriteStream, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

import { getPayload, type Payload } from 'payload'

import { buildDemoConfig } from '../demo/buildDemoConfig.ts'
import { resolveDatabase, type ResolvedDatabase } from '../src/db/resolveDatabase.ts'
import { quoteIdent, withAdminClient, withDatabase } from '../tests/helpers/pgAdmin.ts'
import { startServerProcess } from '../tests/helpers/startServerProcess.ts'

/**
 * A benchmark's own database, dropped and created afresh on DATABASE_URI's server (or the embedded one), with
 * Payload on it (schema pushed): `server.stop()` at the end stops an embedded server.
 */
export async function freshBenchPayload(name: string): Promise<{ server: ResolvedDatabase; uri: string; payload: Payload }> {
  const server = await resolveDatabase({ handleSignals: false, database: 'postgres' })
  await withAdminClient(server.uri, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`)
    await client.query(`create database ${quoteIdent(name)}`)
  })
  const uri = withDatabase(server.uri, name)
  const payload = await getPayload({ config: buildDemoConfig({ databaseUri: uri, push: true }) })
  return { server, uri, payload }
}

/**
 * Samples the process's resident memory while `run` runs; answers the peak above the level before it, and the
 * heap still held after a full GC once it is done (retention, as opposed to garbage not yet collected).
 */
export async function withPeakRss<T>(run: () => Promise<T>): Promise<{ result: T; peakRssMb: number; retainedHeapMb: number; ms: number }> {
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const started = performance.now()
  try {
    const result = await run()
    peak = Math.max(peak, process.memoryUsage().rss)
    const ms = performance.now() - started
    global.gc?.()
    return { result, peakRssMb: (peak - before) / 2 ** 20, retainedHeapMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, ms }
  } finally {
    clearInterval(timer)
  }
}

/**
 * The most heap `run` keeps alive at any moment: every `everyMs` a full GC, then the heap in use, above the level
 * before it. Unlike peak RSS (which counts garbage V8 has not collected yet, and grows with how fast garbage is
 * made) this is what a stream holds; flat across sizes means nothing grows with the data. Needs --expose-gc;
 * the GCs slow `run`, so time it in another round.
 */
export async function withPeakLiveHeap<T>(
  run: () => Promise<T>,
  everyMs = 200,
): Promise<{ result: T; peakLiveHeapMb: number; samples: number }> {
  if (!global.gc) throw new Error('withPeakLiveHeap needs node --expose-gc (npm run bench passes it)')
  const gc = global.gc
  gc()
  const before = process.memoryUsage().heapUsed
  let peak = before
  let samples = 0
  const sample = () => {
    gc()
    samples++
    peak = Math.max(peak, process.memoryUsage().heapUsed)
  }
  const timer = setInterval(sample, everyMs)
  try {
    const result = await run()
    return { result, peakLiveHeapMb: (peak - before) / 2 ** 20, samples }
  } finally {
    clearInterval(timer)
  }
}

export function writeResults(name: string, results: unknown): string {
  const dir = path.join(import.meta.dirname, 'results')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.json`)
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  return file
}

export function printTable(rows: Array<Record<string, string | number>>): void {
  const columns = Object.keys(rows[0] ?? {})
  const width = (column: string) => Math.max(column.length, ...rows.map((row) => String(row[column]).length))
  const line = (cells: Array<string | number>) => cells.map((cell, i) => String(cell).padStart(width(columns[i]!))).join('  ')
  console.log(line(columns))
  for (const row of rows) console.log(line(columns.map((column) => row[column]!)))
}

/**
 * A LabelOps server in its own process on `uri` (tests/helpers/serveChild.ts); BENCH_PROFILE=<dir> profiles it;
 * `log` keeps its output (Payload logs to stdout) in that file.
 */
export async function startServer(
  uri: string,
  { log }: { log?: string } = {},
): Promise<{ baseUrl: string; child: ChildProcess; stop: () => void }> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  if (log) mkdirSync(path.dirname(log), { recursive: true })
  const { child, baseUrl } = await startServerProcess(uri, {
    nodeOptions: profile,
    stderr: log ? 'pipe' : 'inherit',
    onSpawn: (child) => {
      if (!log) return
      // both streams into one file, closed once the process and its streams are done (a start tried again appends)
      const file = createWriteStream(log, { flags: 'a' })
      child.stdout!.pipe(file, { end: false })
      child.stderr!.pipe(file, { end: false })
      child.once('close', () => file.end())
    },
  })
  return { baseUrl, child, stop: () => child.kill('SIGTERM') }
}
