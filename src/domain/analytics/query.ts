/**
 * What an analytics request asks for — a window, buckets in a time zone, filters — and the rules that bound it
 * and cut it into the part hourly rollups answer and the edges the raw journal answers. Pure.
 */
import { z } from 'zod'

import { documentIdSchema } from '../ids.ts'

export const BUCKETS = ['hour', 'day', 'week'] as const
export type Bucket = (typeof BUCKETS)[number]

/** The longest window per bucket: enough for any chart, bounded so no request scans without end. */
export const MAX_WINDOW_DAYS: Record<Bucket, number> = { hour: 31, day: 366, week: 731 }
export const DEFAULT_WINDOW_DAYS = 30
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

const isTimeZone = (zone: string) => {
  try {
    zoneFormat(zone)
    return true
  } catch {
    return false
  }
}

/** A CSV download names its table: one rule for every report. */
const csvNamesTable = (tables: readonly string[]) => (query: { format: string; table?: string }, ctx: z.RefinementCtx) => {
  if (query.format === 'csv' && !query.table)
    ctx.addIssue({ code: 'custom', path: ['table'], message: `is required with format=csv: ${tables.join(', ')}` })
}

export const PROJECT_TABLES = ['annotators', 'reviewers', 'stages', 'throughput'] as const
const analyticsQueryFields = z
  .object({
    from: z.string().datetime({ offset: true, message: 'is an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' }).optional(),
    to: z.string().datetime({ offset: true, message: 'is an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' }).optional(),
    bucket: z.enum(BUCKETS, { message: `is one of ${BUCKETS.join(', ')}` }).default('day'),
    timeZone: z.string().max(64).refine(isTimeZone, { message: 'is an IANA time zone, e.g. Europe/Berlin or Asia/Kolkata' }).default('UTC'),
    /** one person's figures: as the actor (their work, their reviews) or as the subject (verdicts on their work) */
    collaborator: documentIdSchema.optional(),
    /** a workflow stage's id */
    stage: z.string().min(1).max(100).optional(),
    dataset: documentIdSchema.optional(),
    /** data items whose name contains this (case-insensitive) */
    dataItemName: z.string().min(1).max(200).optional(),
    /** tasks whose label has an object or answer of this ontology feature */
    ontologyClass: z.string().min(1).max(100).optional(),
    format: z.enum(['json', 'csv'], { message: 'is json or csv' }).default('json'),
    /** with format=csv: the table to download */
    table: z.enum(PROJECT_TABLES, { message: `is ${PROJECT_TABLES.join(', ')}` }).optional(),
  })
  .strict()
/** The query string as callers send it (strings, as a URL carries them). */
export const analyticsQuerySchema = analyticsQueryFields.superRefine(csvNamesTable(PROJECT_TABLES))
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>

export const WORKSPACE_TABLES = ['projects', 'people', 'throughput'] as const
/** A workspace report's query: the window and buckets (its tables are per project and per person already). */
export const workspaceAnalyticsQuerySchema = analyticsQueryFields
  .pick({ from: true, to: true, bucket: true, timeZone: true, format: true })
  .extend({ table: z.enum(WORKSPACE_TABLES, { message: `is ${WORKSPACE_TABLES.join(', ')}` }).optional() })
  .strict()
  .superRefine(csvNamesTable(WORKSPACE_TABLES))
export type WorkspaceAnalyticsQuery = z.infer<typeof workspaceAnalyticsQuerySchema>

export type Window = { from: Date; to: Date }
export type Problem = { path: string; message: string }

/** The window asked for (default: the last 30 days up to now), or the rule it breaks. */
export function analyticsWindow(query: Pick<AnalyticsQuery, 'from' | 'to' | 'bucket'>, now: Date): Window | Problem {
  const to = query.to ? new Date(query.to) : now
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS)
  if (from.getTime() >= to.getTime()) return { path: 'from', message: 'must come before to' }
  const limit = MAX_WINDOW_DAYS[query.bucket]
  if (to.getTime() - from.getTime() > limit * DAY_MS)
    return {
      path: 'to',
      message: `the window is at most ${limit} days with ${query.bucket} buckets (ask for a shorter one or a wider bucket)`,
    }
  return { from, to }
}

/**
 * The window cut at whole UTC hours: `whole` is answered from the hourly rollups; the edges before and after it
 * (a window that starts or ends inside an hour) from the raw journal. `whole` is null when no whole hour fits.
 */
export function splitWindow({ from, to }: Window): { whole: Window | null; edges: Window[] } {
  const start = Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS
  const end = Math.floor(to.getTime() / HOUR_MS) * HOUR_MS
  if (start >= end) return { whole: null, edges: [{ from, to }] }
  const edges: Window[] = []
  if (from.getTime() < start) edges.push({ from, to: new Date(start) })
  if (end < to.getTime()) edges.push({ from: new Date(end), to })
  return { whole: { from: new Date(start), to: new Date(end) }, edges }
}

// a formatter per zone: making one costs about as much as a hundred uses (a 30-day window is checked 121 times);
// zones are case-insensitive, so the cache is bounded rather than keyed by every spelling a caller may send
const ZONE_FORMATS_KEPT = 1_000
const zoneFormats = new Map<string, Intl.DateTimeFormat>()
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    if (zoneFormats.size >= ZONE_FORMATS_KEPT) zoneFormats.clear()
    zoneFormats.set(timeZone, format)
  }
  return format
}

/** The zone's offset from UTC at an instant, in minutes. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = zoneFormat(timeZone).formatToParts(at)
  const value = (type: string) => Number(parts.find((part) => part.type === type)!.value)
  const local = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'))
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000)
}

/** Whether the zone is UTC itself under any of its names (UTC, Etc/UTC, GMT, Zulu...): its offset is 0 always. */
const isUtc = (timeZone: string) => zoneFormat(timeZone).resolvedOptions().timeZone === 'UTC'

/** Whether `holds` is true of the zone's offset throughout the window: sampled every 6 hours, and at both ends. */
function offsetAlways(timeZone: string, { from, to }: Window, holds: (minutes: number) => boolean): boolean {
  for (let at = from.getTime(); ; at = Math.min(at + 6 * HOUR_MS, to.getTime())) {
    if (!holds(zoneOffsetMinutes(timeZone, new Date(at)))) return false
    if (at >= to.getTime()) return true
  }
}

/**
 * Whether the zone's day and week buckets are unions of whole UTC hours over the window — its offset a whole
 * number of hours throughout — so hourly rollups can answer them. Asia/Kolkata (+05:30) or Asia/Kathmandu
 * (+05:45) cannot: such requests read the raw journal.
 */
export const hoursAlignIn = (timeZone: string, window: Window): boolean =>
  isUtc(timeZone) || offsetAlways(timeZone, window, (minutes) => minutes % 60 === 0)

/**
 * Whether the zone's day and week buckets are unions of whole UTC days over the window — UTC, or a zone at
 * UTC+0 throughout every UTC day the window touches (London in winter, not in summer), since a part day may be
 * read as its whole day less the rest (coverDays) — so the daily rollups can answer them.
 */
export const daysAlignIn = (timeZone: string, { from, to }: Window): boolean => {
  const days = { from: new Date(Math.floor(from.getTime() / DAY_MS) * DAY_MS), to: new Date(Math.ceil(to.getTime() / DAY_MS) * DAY_MS) }
  return isUtc(timeZone) || offsetAlways(timeZone, days, (minutes) => minutes === 0)
}

/** Rejected over judged (approved + rejected); null when nothing was judged. */
export function rejectionRate(approved: number, rejected: number): number | null {
  const judged = approved + rejected
  return judged === 0 ? null : rejected / judged
}

/** Whether the filters reach below the rollups' key (project, person, stage): then the raw journal answers. */
export const needsRawJournal = (query: Pick<AnalyticsQuery, 'dataset' | 'dataItemName' | 'ontologyClass'>) =>
  query.dataset !== undefined || query.dataItemName !== undefined || query.ontologyClass !== undefined

/**
 * How a window is read: whole UTC hours from the rollups, the edges from the raw journal — or all of it from the
 * raw journal when a filter reaches below the rollups' key or the zone's days are not whole UTC hours
 * (Asia/Kolkata). `utcDayBuckets`: the time buckets are whole UTC days (day or week buckets, daysAlignIn).
 */
export function readPlan(
  query: Pick<AnalyticsQuery, 'dataset' | 'dataItemName' | 'ontologyClass' | 'timeZone' | 'bucket'>,
  window: Window,
): { raw: boolean; whole: Window | null; edges: Window[]; utcDayBuckets: boolean } {
  const raw = needsRawJournal(query) || !hoursAlignIn(query.timeZone, window)
  if (raw) return { raw, whole: null, edges: [window], utcDayBuckets: false }
  return { raw, ...splitWindow(window), utcDayBuckets: query.bucket !== 'hour' && daysAlignIn(query.timeZone, window) }
}
