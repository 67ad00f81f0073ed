import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { DURATION_EDGES_MS, DURATION_FIELDS } from '../../domain/analytics/durations.ts'
import { EVENT_SUMS } from '../../domain/analytics/eventSums.ts'
import { LABEL_COUNTS } from '../../domain/analytics/labelCounts.ts'
import { coverDays, type Grain, joinTouching } from '../../domain/analytics/grains.ts'
import type { Bucket, Window } from '../../domain/analytics/query.ts'
import { addMeasures, type FigureRow, type IssueFigure } from '../../domain/analytics/report.ts'
import { idArray } from '../../db/idArray.ts'
import { taskItemFilter } from './itemFilter.ts'
import { type Bind, executeBuilt, placeholders, sessionDb } from '../../db/session.ts'
import { together } from '../../db/together.ts'
import { columnName as c, sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'

/**
 * The journal's figures for some projects (one, or a workspace's) and a window, in ONE statement: the rollups of the whole hours and the
 * raw events of the edges (or of everything, when a filter reaches below the rollups' key) made into rows of one
 * shape, then summed by grouping sets — per event type; per type and person (as the actor, and as the subject of
 * a verdict); per type and stage; per type and time bucket in the caller's time zone. Sums only: the caller
 * turns them into rates, averages and percentiles (src/domain/analytics).
 */

export type MetricsScope = {
  /** one project's, or every project of a workspace */
  projects: Id[]
  /** answered from the rollups (whole hours) — null: nothing is */
  rollupWindow: Window | null
  /** answered from the raw journal */
  rawWindows: Window[]
  bucket: Bucket
  timeZone: string
  /** the time buckets are whole UTC days (readPlan): the daily rollups answer them with the people and stages */
  utcDayBuckets?: boolean
  /** the request's clock: the journal holds nothing after it, so the rest of today is a free raw read (coverDays) */
  now?: Date
  /** only these people's rows (as actor or subject): one collaborator, or the caller's own */
  people?: Id[]
  stage?: string
  /** raw only: the tasks' dataset, data item name, ontology feature */
  dataset?: Id
  dataItemName?: string
  ontologyClass?: string
}

// the measures are summed as float8 (exact to 2^53): Payload's number columns are numeric, whose sums are slow
const float = (value: SQL) => sql`${value}::float8`

const snake = (name: string) => name.replace(/([A-Z])/g, '_$1').toLowerCase()
const LABEL_COLUMNS = LABEL_COUNTS.map((field) => [field, snake(field)] as const)

/**
 * What a statement sums: every measure (counts, times, label counts, duration histograms), or — for time
 * buckets, which chart counts and times only — the counts and times, so their many hourly rows carry four
 * measures instead of thirty-odd.
 */
type Measures = 'all' | 'counts'
const MEASURES: Record<Measures, string[]> = {
  all: ['events', 'timed', 'time_ms', ...EVENT_SUMS.map(snake), ...DURATION_FIELDS],
  counts: ['events', 'timed', 'time_ms', 'held_ms', 'agreement', 'agreement_rounds'],
}
const shapeOf = (measures: Measures) => ['project', 'actor', 'subject', 'stage', 'type', 't', ...MEASURES[measures]]

/**
 * A person's figures (`people`) take the events they acted in and the verdicts on their work; the time a
 * verdict carries is the reviewer's, so it counts only where the person is the actor.
 */
function ownTime(shared: Shared, actor: Parameters<typeof c>[0]) {
  const people = shared.people
  if (!people) return (value: SQL) => value
  return (value: SQL) => sql`case when ${actor} = any(${people}) then ${value} else 0 end`
}

/** A statement's scope values, each bound once as a placeholder for all its parts to share. */
type Shared = { bind: Bind; projects: SQL; people: SQL | null; stage: SQL | null }

function shareScope(req: PayloadRequest, scope: MetricsScope, bind: Bind): Shared {
  return {
    bind,
    projects: idArray(req, scope.projects, bind),
    people: scope.people ? idArray(req, scope.people, bind) : null,
    stage: scope.stage !== undefined ? bind(scope.stage) : null,
  }
}

function rollupRows(req: PayloadRequest, scope: MetricsScope, shared: Shared, window: Window, grain: Grain, measures: Measures): SQL {
  const r = sqlTable(req, 'taskRollups')
  const col = (field: string) => c((r as unknown as Record<string, Parameters<typeof c>[0]>)[field]!)
  const where = [
    sql`${r.project} = any(${shared.projects})`,
    sql`${r.grain} = ${sql.raw(`'${grain}'`)}`,
    sql`${r.hour} >= ${shared.bind(window.from.toISOString())}`,
    sql`${r.hour} < ${shared.bind(window.to.toISOString())}`,
  ]
  if (shared.stage) where.push(sql`${r.stage} = ${shared.stage}`)
  if (shared.people) where.push(sql`(${r.actor} = any(${shared.people}) or ${r.subject} = any(${shared.people}))`)
  const theirs = ownTime(shared, r.actor)
  const counts = sql`${float(c(r.events))}, ${theirs(float(c(r.timedEvents)))}, ${theirs(float(c(r.timeMs)))}`
  const values =
    measures === 'counts'
      ? sql`${counts}, ${theirs(float(c(r.heldMs)))}, ${float(c(r.agreement))}, ${float(c(r.agreementRounds))}`
      : sql`${counts}, ${sql.join(
          EVENT_SUMS.map((field) => (field === 'heldMs' ? theirs(float(col(field))) : float(col(field)))),
          sql`, `,
        )}, ${sql.join(
          DURATION_FIELDS.map((field) => theirs(float(col(field)))),
          sql`, `,
        )}`
  // and the window's events still pending (not yet folded into the rollups): the figures are exact at every instant
  return sql`
    select ${r.project}, ${r.actor}, ${r.subject}, ${r.stage}, ${r.type}, ${r.hour}, ${values}
      from ${r} where ${sql.join(where, sql` and `)}
    union all ${rawRows(req, scope, shared, window, measures, { pendingOnly: true })}`
}

/**
 * The journal's pending events as the journal table (same name, same columns): looked up one by one from the
 * pending table, which holds about a second of writes — never the window's events scanned and matched against it
 * (`offset 0` keeps the planner from turning the lookup into that join).
 */
function pendingEvents(req: PayloadRequest): SQL {
  const e = sqlTable(req, 'taskEvents')
  const pending = sqlTable(req, 'taskEventsPending')
  return sql`(select "labelops_pending_event".* from ${pending}
    cross join lateral (select * from ${e} where ${e.id} = ${pending.event} offset 0) as "labelops_pending_event") as ${e}`
}

/**
 * The raw events of a window, one row each, in the shape of the rollups' rows; `negate`: with every measure
 * negative (a part of a rollup's day taken away again — see coverDays).
 */
function rawRows(
  req: PayloadRequest,
  scope: MetricsScope,
  shared: Shared,
  window: Window,
  measures: Measures,
  { pendingOnly = false, negate = false } = {},
): SQL {
  const e = sqlTable(req, 'taskEvents')
  const col = (field: string) => c((e as unknown as Record<string, Parameters<typeof c>[0]>)[field]!)
  const time = c(e.timeSpentMs)
  const stage = sql`coalesce(${c(e.fromStage)}, ${c(e.toStage)}, '')`
  const where = [
    sql`${e.project} = any(${shared.projects})`,
    sql`${e.createdAt} >= ${shared.bind(window.from.toISOString())}`,
    sql`${e.createdAt} < ${shared.bind(window.to.toISOString())}`,
  ]
  if (shared.stage) where.push(sql`${stage} = ${shared.stage}`)
  if (shared.people) where.push(sql`(${e.actor} = any(${shared.people}) or ${e.subject} = any(${shared.people}))`)
  const onItems = taskItemFilter(req, e.task, scope, shared.bind)
  if (onItems) where.push(onItems)
  if (scope.ontologyClass !== undefined) {
    const labels = sqlTable(req, 'labels')
    const texts = sqlTable(req, 'labelTexts')
    where.push(sql`exists (select 1 from ${labels} join ${texts} on ${texts.parent} = ${labels.id} and ${texts.path} = 'featureIds'
                            where ${labels.task} = ${e.task} and ${texts.text} = ${shared.bind(scope.ontologyClass)})`)
  }
  // the edges are constants, written into the text (not 48 more values to bind on every call)
  const edge = (ms: number) => sql.raw(String(ms))
  const buckets = DURATION_EDGES_MS.map((lower, bucket) => {
    const upper = DURATION_EDGES_MS[bucket + 1]
    const inBucket = upper === undefined ? sql`${time} >= ${edge(lower)}` : sql`${time} >= ${edge(lower)} and ${time} < ${edge(upper)}`
    return sql`(${inBucket})::int`
  })
  const theirs = ownTime(shared, e.actor)
  const counts = [sql`1::float8`, theirs(sql`(${time} is not null)::int::float8`), theirs(float(sql`coalesce(${time}, 0)`))]
  const held = theirs(float(sql`coalesce(${col('heldMs')}, 0)`))
  const measured =
    measures === 'counts'
      ? [...counts, held, float(sql`coalesce(${col('agreement')}, 0)`), float(sql`coalesce(${col('agreementRounds')}, 0)`)]
      : [
          ...counts,
          ...EVENT_SUMS.map((field) => (field === 'heldMs' ? held : float(sql`coalesce(${col(field)}, 0)`))),
          ...buckets.map((inBucket) => theirs(sql`${inBucket}::float8`)),
        ]
  const values = sql.join(negate ? measured.map((value) => sql`-(${value})`) : measured, sql`, `)
  return sql`
    select ${e.project}, ${e.actor}, ${e.subject}, ${stage}, ${e.type}::text, ${e.createdAt}, ${values}
      from ${pendingOnly ? pendingEvents(req) : e} where ${sql.join(where, sql` and `)}`
}

/**
 * The figures, summed by each grouping (see the module's note). From rollups: the people and stage groupings
 * read whole UTC days from the day grain and the part days raw (or their whole day less the rest: coverDays). The
 * time buckets, when they are whole UTC days too (`utcDayBuckets`), are summed from the same rows in the same
 * statement; else they read everyone's hours and the raw edges — or, for one person's figures, that person's
 * raw events (indexed by person) — in a second statement, at once outside a transaction.
 */
export async function journalFigures(req: PayloadRequest, scope: MetricsScope, { byProject = false } = {}): Promise<FigureRow[]> {
  const edges: Part[] = scope.rawWindows.map((window) => ({ from: 'journal', window }))
  const whole = scope.rollupWindow
  const peopleSets: Grouping[] = byProject ? [...PEOPLE_SETS, 'project'] : PEOPLE_SETS
  if (!whole) return withTotals(await summed(req, scope, edges, [...peopleSets, ...TIME_SETS], 'all'))
  // the people and stages are read by UTC days whatever the zone (their groupings have no time buckets)
  const byPeople = joinTouching([whole, ...scope.rawWindows]).flatMap((window): Part[] => {
    const { days, add, subtract } = coverDays(window, scope.now)
    return [
      ...(days ? [{ from: 'rollups', grain: 'day', window: days } as const] : []),
      // a window across one midnight with both sides raw: one read
      ...joinTouching(add).map((part) => ({ from: 'journal', window: part }) as const),
      ...subtract.map((part) => ({ from: 'journal', window: part, negate: true }) as const),
    ]
  })
  if (scope.utcDayBuckets) return withTotals(await summed(req, scope, byPeople, [...peopleSets, ...TIME_SETS], 'all'))
  const byTime: Part[] = [
    scope.people ? { from: 'journal', window: whole } : { from: 'rollups', grain: 'all-hour', window: whole },
    ...edges,
  ]
  const [people, time] = await together(req, [
    () => summed(req, scope, byPeople, peopleSets, 'all'),
    () => summed(req, scope, byTime, TIME_SETS, 'counts'),
  ])
  return withTotals([...people, ...time])
}

/** A part of a statement's rows: a window of rollups (of a grain) or of raw events (`negate`: taken away). */
type Part = { from: 'rollups'; grain: Grain; window: Window } | { from: 'journal'; window: Window; negate?: boolean }

/** What a statement's text depends on besides its values: the statement's key (see executeBuilt). */
function shapeKey(scope: MetricsScope, parts: Part[], columns: Grouping[], measures: Measures): string {
  const filters = (['people', 'stage', 'dataset', 'dataItemName', 'ontologyClass'] as const).filter((name) => scope[name] !== undefined)
  const kinds = parts.map((part) => (part.from === 'rollups' ? part.grain : part.negate ? '-journal' : 'journal'))
  return `analytics|${measures}|${columns.join(',')}|${kinds.join(',')}|${filters.join(',')}`
}

/** Each is a grouping set (type, column): "b" is the time bucket. */
type Grouping = 'project' | 'actor' | 'subject' | 'stage' | 'b'
const PEOPLE_SETS: Grouping[] = ['actor', 'subject', 'stage']
const TIME_SETS: Grouping[] = ['b']

/** One statement: the rows of `parts` (one shape) summed by the grouping sets (type, column) of `columns`. */
async function summed(
  req: PayloadRequest,
  scope: MetricsScope,
  parts: Part[],
  columns: Grouping[],
  measures: Measures,
): Promise<FigureRow[]> {
  if (parts.length === 0) return []
  const { bind, values } = placeholders()
  const shared = shareScope(req, scope, bind)
  const rowsOf = parts.map((part) =>
    part.from === 'rollups'
      ? rollupRows(req, scope, shared, part.window, part.grain, measures)
      : rawRows(req, scope, shared, part.window, measures, { negate: part.negate }),
  )
  const shape = sql.raw(
    shapeOf(measures)
      .map((name) => `"${name}"`)
      .join(', '),
  )
  // the time bucket is worked out only where a grouping needs it, and named (to_char) once per group, not per row
  const bucket = columns.includes('b')
    ? sql`date_trunc(${bind(scope.bucket)}, "t" at time zone ${bind(scope.timeZone)})`
    : sql`null::timestamp`
  const format = scope.bucket === 'hour' ? 'YYYY-MM-DD"T"HH24:00' : 'YYYY-MM-DD'
  const selected = sql.join(
    // ids are named as text once per group, not per row
    columns.map((column) =>
      column === 'b'
        ? sql`to_char("b", ${bind(format)}) as "b"`
        : sql.raw(column === 'stage' ? `"stage"` : `"${column}"::text as "${column}"`),
    ),
    sql`, `,
  )
  const sums = MEASURES[measures].map((name) => sql.raw(`coalesce(sum("${name}"), 0) as "${name}"`))
  // a group whose events were all taken away again (a part day's rest) is no group
  const statement = sql`
    with "shaped" (${shape}) as (${sql.join(rowsOf, sql` union all `)})
    select "type", grouping(${sql.raw(columns.map((column) => `"${column}"`).join(', '))}) as "g", ${selected},
           ${sql.join(sums, sql`, `)}
      from (select *, ${bucket} as "b" from "shaped") as "bucketed"
     group by grouping sets (${sql.raw(columns.map((column) => `("type", "${column}")`).join(', '))})
    having sum("events") <> 0`
  const { rows } = await executeBuilt<Record<string, string | number | null>>(
    req,
    shapeKey(scope, parts, columns, measures),
    statement,
    values,
  )
  return rows.map((row): FigureRow => {
    // grouping() sets a bit per column NOT grouped (the first column the highest): the clear bit is the row's set
    const g = Number(row.g)
    const column = columns.find((_, at) => ((g >> (columns.length - 1 - at)) & 1) === 0)!
    const by: FigureRow['by'] = column === 'b' ? 'bucket' : column
    const key = row[column] as string | null
    return {
      type: String(row.type),
      by,
      key,
      events: Number(row.events),
      timedEvents: Number(row.timed),
      timeMs: Number(row.time_ms),
      heldMs: Number(row.held_ms),
      agreement: Number(row.agreement),
      agreementRounds: Number(row.agreement_rounds),
      // a counts-only statement has no label counts or histograms: zeros
      labels: Object.fromEntries(LABEL_COLUMNS.map(([field, column]) => [field, Number(row[column] ?? 0)])) as FigureRow['labels'],
      histogram: DURATION_FIELDS.map((field) => Number(row[field] ?? 0)),
    }
  })
}

/** The figures and their totals: the stages' sums (every event has a stage, '' for none), one grouping set fewer. */
const withTotals = (figures: FigureRow[]) => [...figures, ...totalsOf(figures.filter((row) => row.by === 'stage'))]

function totalsOf(stageRows: readonly FigureRow[]): FigureRow[] {
  const byType = new Map<string, FigureRow>()
  for (const row of stageRows) {
    const total = byType.get(row.type)
    if (!total) {
      byType.set(row.type, { ...row, by: 'total', key: null, labels: { ...row.labels }, histogram: [...row.histogram] })
      continue
    }
    addMeasures(total, row)
  }
  return [...byType.values()]
}

/**
 * The buckets of the window in the time zone, in order (every one, with or without events), as the figures label
 * them. Instants an hour apart from the window's start, and its last instant: every bucket (an hour or longer) the
 * window touches holds one of them — without the last, a window ending minutes into a day would lose that day.
 */
export async function bucketLabels(req: PayloadRequest, window: Window, bucket: Bucket, timeZone: string): Promise<string[]> {
  const db = await sessionDb(req)
  const format = bucket === 'hour' ? 'YYYY-MM-DD"T"HH24:00' : 'YYYY-MM-DD'
  const last = sql`${window.to.toISOString()}::timestamptz - interval '1 millisecond'`
  const { rows } = await db.execute<{ b: string }>(sql`
    select distinct to_char(date_trunc(${bucket}, g at time zone ${timeZone}), ${format}) as "b"
      from (select generate_series(${window.from.toISOString()}::timestamptz, ${last}, interval '1 hour') union all select ${last}) as instants (g)
     order by 1`)
  return rows.map((row) => row.b)
}

/** Open issues now by assignee (annotators) and by who raised them (reviewers); raised and resolved per bucket in the window. */
export async function issueFigures(
  req: PayloadRequest,
  { project, window, bucket, timeZone, people }: { project: Id; window: Window; bucket: Bucket; timeZone: string; people?: Id[] },
) {
  const issues = sqlTable(req, 'issues')
  const history = sqlTable(req, 'issueHistory')
  const db = await sessionDb(req)
  const format = bucket === 'hour' ? 'YYYY-MM-DD"T"HH24:00' : 'YYYY-MM-DD'
  const mine = people
    ? sql`and (${issues.assignee} = any(${idArray(req, people)}) or ${issues.raisedBy} = any(${idArray(req, people)}))`
    : sql``
  const { rows } = await db.execute<{ kind: string; key: string | null; count: string }>(sql`
    select 'assignee' as "kind", ${issues.assignee}::text as "key", count(*) as "count" from ${issues}
     where ${issues.project} = ${project} and ${issues.status} = 'open' ${mine} group by 2
    union all
    select 'raisedBy', ${issues.raisedBy}::text, count(*) from ${issues}
     where ${issues.project} = ${project} and ${issues.status} = 'open' ${mine} group by 2
    union all
    select 'raised', to_char(date_trunc(${bucket}, ${issues.createdAt} at time zone ${timeZone}), ${format}), count(*) from ${issues}
     where ${issues.project} = ${project} and ${issues.createdAt} >= ${window.from.toISOString()} and ${issues.createdAt} < ${window.to.toISOString()} ${mine}
     group by 2
    union all
    select 'resolved', to_char(date_trunc(${bucket}, ${history.at} at time zone ${timeZone}), ${format}), count(*)
      from ${history} join ${issues} on ${issues.id} = ${history._parentID}
     where ${issues.project} = ${project} and ${history.status} = 'resolved'
       and ${history.at} >= ${window.from.toISOString()} and ${history.at} < ${window.to.toISOString()} ${mine}
     group by 2`)
  return rows.map((row): IssueFigure => ({ kind: row.kind as IssueFigure['kind'], key: row.key, count: Number(row.count) }))
}
