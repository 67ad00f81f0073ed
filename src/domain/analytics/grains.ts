/**
 * The grains rollups are kept at, and how a window is cut to read them: whole UTC days from the day grain, the
 * whole hours around them from the hour grain, the minutes at the edges from the raw journal. Pure.
 */
import type { Window } from './query.ts'

/** `hour` and `day` per person; `all-hour`: everyone together by hour (the time buckets of a team's report). */
export const ROLLUP_GRAINS = [
  { grain: 'hour', unit: 'hour', everyone: false },
  { grain: 'day', unit: 'day', everyone: false },
  { grain: 'all-hour', unit: 'hour', everyone: true },
] as const
export type Grain = (typeof ROLLUP_GRAINS)[number]['grain']

/** The actor and subject key of everyone-together rows. */
export const EVERYONE = '*'

const DAY_MS = 86_400_000

/** A window of whole UTC hours cut into its whole UTC days and the hours before and after them. */
export function splitDays({ from, to }: Window): { days: Window | null; hours: Window[] } {
  const start = Math.ceil(from.getTime() / DAY_MS) * DAY_MS
  const end = Math.floor(to.getTime() / DAY_MS) * DAY_MS
  if (start >= end) return { days: null, hours: [{ from, to }] }
  const hours: Window[] = []
  if (from.getTime() < start) hours.push({ from, to: new Date(start) })
  if (end < to.getTime()) hours.push({ from: new Date(end), to })
  return { days: { from: new Date(start), to: new Date(end) }, hours }
}
