/**
 * The grains rollups are kept at, and how a window is cut to read them: a person's figures (and time buckets that
 * are whole UTC days: day or week buckets in UTC) over whole UTC days from the day grain, everyone's other time
 * buckets over whole UTC hours from the everyone-by-hour grain, and the rest (the part days and part hours at the
 * window's edges) from the raw journal — or a part day as its whole day less the rest of it, when that is the
 * shorter read. Two grains keep the journal's writes cheap (each statement upserts a row per grain); a finer
 * per-person hourly grain would not pay: it compresses busy journals little and costs a third upsert. Pure.
 */
import type { Window } from './query.ts'

/** `day`: per person by UTC day; `all-hour`: everyone together by UTC hour (a team's time buckets in other zones or by hour). */
export const ROLLUP_GRAINS = [
  { grain: 'day', unit: 'day', everyone: false },
  { grain: 'all-hour', unit: 'hour', everyone: true },
] as const
export type Grain = (typeof ROLLUP_GRAINS)[number]['grain']

/** The actor and subject key of everyone-together rows. */
export const EVERYONE = '*'

const DAY_MS = 86_400_000

/**
 * How a window is read for per-person figures (and UTC day buckets): `days` (whole UTC days) from the day grain,
 * plus the raw events of `add`, minus those of `subtract`. A part day at either end is read raw — or, when the rest of its day is
 * the shorter read, as its whole day from the day grain less the rest of the day read raw. Every figure is a sum,
 * so taking away is exact; it keeps the raw reads of a window to at most half a day at each end. A read is as long
 * as the part of it before `now` (the request's clock: the journal holds nothing later), so a window ending now
 * reads today as its whole day less the rest of it, which holds no events yet.
 */
export function coverDays({ from, to }: Window, now?: Date): { days: Window | null; add: Window[]; subtract: Window[] } {
  const window = (start: number, end: number): Window => ({ from: new Date(start), to: new Date(end) })
  const until = now?.getTime() ?? Infinity
  const cost = (start: number, end: number) => Math.max(0, Math.min(end, until) - start)
  const start = from.getTime()
  const end = to.getTime()
  const firstDay = Math.floor(start / DAY_MS) * DAY_MS
  let daysFrom = Math.ceil(start / DAY_MS) * DAY_MS
  let daysTo = Math.floor(end / DAY_MS) * DAY_MS
  if (daysFrom > daysTo) {
    // inside one day: the window raw, or the day less what lies on either side of the window
    if (cost(firstDay, start) + cost(end, firstDay + DAY_MS) >= cost(start, end)) return { days: null, add: [{ from, to }], subtract: [] }
    const rest = [window(firstDay, start), window(end, firstDay + DAY_MS)].filter((part) => part.from < part.to)
    return { days: window(firstDay, firstDay + DAY_MS), add: [], subtract: rest }
  }
  const add: Window[] = []
  const subtract: Window[] = []
  if (start < daysFrom) {
    if (cost(firstDay, start) < cost(start, daysFrom)) {
      subtract.push(window(firstDay, start))
      daysFrom = firstDay
    } else add.push(window(start, daysFrom))
  }
  const lastDay = Math.ceil(end / DAY_MS) * DAY_MS
  if (daysTo < end) {
    if (cost(end, lastDay) < cost(daysTo, end)) {
      subtract.push(window(end, lastDay))
      daysTo = lastDay
    } else add.push(window(daysTo, end))
  }
  return { days: daysFrom < daysTo ? window(daysFrom, daysTo) : null, add, subtract }
}

/** Windows with touching ends joined (a part day and the raw edge beside it become one read of the journal). */
export function joinTouching(windows: readonly Window[]): Window[] {
  const joined: Window[] = []
  for (const window of [...windows].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    const last = joined.at(-1)
    if (last && last.to.getTime() === window.from.getTime()) joined[joined.length - 1] = { from: last.from, to: window.to }
    else joined.push(window)
  }
  return joined
}
