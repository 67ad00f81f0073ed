/**
 * The grains rollups are kept at, and how a window is cut to read them: a person's figures over whole UTC days
 * from the day grain, everyone's time buckets over whole UTC hours from the everyone-by-hour grain, and the
 * rest (the part days and part hours at the window's edges) from the raw journal. Two grains keep the
 * journal's writes cheap (each statement upserts a row per grain); a finer per-person hourly grain would not
 * pay: it compresses busy journals little and costs a third upsert. Pure.
 */
import type { Window } from './query.ts'

/** `day`: per person by UTC day; `all-hour`: everyone together by UTC hour (the time buckets of a team's report). */
export const ROLLUP_GRAINS = [
  { grain: 'day', unit: 'day', everyone: false },
  { grain: 'all-hour', unit: 'hour', everyone: true },
] as const
export type Grain = (typeof ROLLUP_GRAINS)[number]['grain']

/** The actor and subject key of everyone-together rows. */
export const EVERYONE = '*'

const DAY_MS = 86_400_000

/** A window cut into its whole UTC days and the parts before and after them. */
export function splitDays({ from, to }: Window): { days: Window | null; hours: Window[] } {
  const start = Math.ceil(from.getTime() / DAY_MS) * DAY_MS
  const end = Math.floor(to.getTime() / DAY_MS) * DAY_MS
  if (start >= end) return { days: null, hours: [{ from, to }] }
  const hours: Window[] = []
  if (from.getTime() < start) hours.push({ from, to: new Date(start) })
  if (end < to.getTime()) hours.push({ from: new Date(end), to })
  return { days: { from: new Date(start), to: new Date(end) }, hours }
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
