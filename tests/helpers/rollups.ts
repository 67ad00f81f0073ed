// Rollups against the raw journal: the raw side is computed here independently of the trigger's SQL — grouped by
// the same key, with the duration histogram counted in JavaScript by the pure durationBucket() — so a rollup
// that drifts from its events shows up as a difference.
import pg from 'pg'

import { DURATION_FIELDS, durationBucket, emptyHistogram } from '../../src/domain/analytics/durations.ts'
import { EVENT_SUMS } from '../../src/domain/analytics/eventSums.ts'

export type RollupRow = {
  key: string
  events: number
  timedEvents: number
  timeMs: number
  /** EVENT_SUMS (label counts, held time), in order */
  labels: number[]
  histogram: number[]
}

const snake = (name: string) => name.replace(/([A-Z])/g, '_$1').toLowerCase()

const keyOf = (row: { project: unknown; grain: string; actor: unknown; subject: unknown; stage: string; type: string; hour: string }) =>
  [row.project, row.grain, row.actor ?? '-', row.subject ?? '-', row.stage, row.type, row.hour].join(' | ')
const empty = (key: string): RollupRow => ({
  key,
  events: 0,
  timedEvents: 0,
  timeMs: 0,
  labels: EVENT_SUMS.map(() => 0),
  histogram: emptyHistogram(),
})

/** Sums of fractions (a consensus round's agreement) compared to 1e-9: the database adds them exactly, JavaScript in floats. */
const rounded = (row: RollupRow): RollupRow => ({ ...row, labels: row.labels.map((value) => Math.round(value * 1e9) / 1e9) })

async function query<T>(uri: string, text: string): Promise<T[]> {
  return (await snapshot<[T]>(uri, [text]))[0]
}

/** Several queries' rows from one snapshot (the rollup folder may commit between two statements otherwise). */
async function snapshot<T extends unknown[]>(uri: string, texts: string[]): Promise<{ [K in keyof T]: T[K][] }> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    await client.query('begin isolation level repeatable read read only')
    const results: unknown[][] = []
    for (const text of texts) results.push((await client.query(text)).rows)
    await client.query('commit')
    return results as { [K in keyof T]: T[K][] }
  } finally {
    await client.end()
  }
}

/**
 * The rollups, summed by key (events without an actor may take several rows), rows with nothing left dropped —
 * with the journal's pending events added (what reads see), unless `pending: false` (what is stored).
 */
export async function rollupRows(uri: string, { pending = true } = {}): Promise<RollupRow[]> {
  const [rows, pendingRows] = await snapshot<[Record<string, string | null>, JournalEvent]>(uri, [
    `select project_id::text as project, grain, case when actor_key = '*' then '*' else actor_id::text end as actor,
            case when subject_key = '*' then '*' else subject_id::text end as subject, stage, type,
            to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as hour, events, timed_events, time_ms,
            ${EVENT_SUMS.map(snake).join(', ')}, ${DURATION_FIELDS.join(', ')}
       from task_rollups`,
    journalQuery(pending ? 'where id in (select event_id from task_events_pending)' : 'where false'),
  ])
  const byKey = new Map<string, RollupRow>()
  for (const row of rows) {
    const key = keyOf({
      project: row.project,
      grain: row.grain!,
      actor: row.actor,
      subject: row.subject,
      stage: row.stage!,
      type: row.type!,
      hour: row.hour!,
    })
    const entry = byKey.get(key) ?? empty(key)
    entry.events += Number(row.events)
    entry.timedEvents += Number(row.timed_events)
    entry.timeMs += Number(row.time_ms)
    EVENT_SUMS.forEach((field, at) => (entry.labels[at]! += Number(row[snake(field)])))
    DURATION_FIELDS.forEach((field, bucket) => (entry.histogram[bucket]! += Number(row[field])))
    byKey.set(key, entry)
  }
  addEvents(byKey, pendingRows)
  return [...byKey.values()]
    .filter((row) => row.events !== 0)
    .map(rounded)
    .sort((a, b) => a.key.localeCompare(b.key))
}

type JournalEvent = Record<string, string | null> & {
  project: string
  actor: string | null
  subject: string | null
  stage: string
  type: string
  hour: string
}

const journalQuery = (where = '') =>
  `select project_id::text as project, actor_id::text as actor, subject_id::text as subject, coalesce(from_stage, to_stage, '') as stage,
            type::text as type, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as hour, time_spent_ms as ms,
            ${EVENT_SUMS.map(snake).join(', ')}
       from task_events ${where}`

/** Each event counted at every grain (per person by day, everyone by hour). */
function addEvents(byKey: Map<string, RollupRow>, events: readonly JournalEvent[]) {
  for (const event of events) {
    for (const key of [
      keyOf({ ...event, grain: 'day', hour: `${event.hour.slice(0, 10)}T00` }),
      keyOf({ ...event, grain: 'all-hour', actor: '*', subject: '*' }),
    ]) {
      const entry = byKey.get(key) ?? empty(key)
      entry.events += 1
      EVENT_SUMS.forEach((field, at) => (entry.labels[at]! += Number(event[snake(field)] ?? 0)))
      if (event.ms != null) {
        entry.timedEvents += 1
        entry.timeMs += Number(event.ms)
        entry.histogram[durationBucket(Number(event.ms))]! += 1
      }
      byKey.set(key, entry)
    }
  }
}

/** The same numbers straight from the journal. */
export async function rawRows(uri: string): Promise<RollupRow[]> {
  const byKey = new Map<string, RollupRow>()
  addEvents(byKey, await query<JournalEvent>(uri, journalQuery()))
  return [...byKey.values()].map(rounded).sort((a, b) => a.key.localeCompare(b.key))
}

/** How many of the journal's events wait to be folded into the rollups. */
export async function pendingEvents(uri: string): Promise<number> {
  const [row] = await query<{ count: string }>(uri, 'select count(*) as count from task_events_pending')
  return Number(row!.count)
}
