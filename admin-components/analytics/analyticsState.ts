// The Analytics tab's state rules, pure: the filters and the query string they make, the date range as the
// API's window in a time zone, and how durations and rates read.

export type AnalyticsFilters = {
  /** calendar days, inclusive (yyyy-mm-dd) */
  fromDay: string
  toDay: string
  bucket: 'hour' | 'day' | 'week'
  /** 'local' — the browser's zone — or 'UTC' */
  zone: 'local' | 'UTC'
  collaborator?: string
  stage?: string
  dataset?: string
  dataItemName?: string
  ontologyClass?: string
}

const pad = (value: number) => String(value).padStart(2, '0')
const dayOf = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`

/** The last 30 days up to today, by day, in the browser's zone. */
export function defaultFilters(now: Date): AnalyticsFilters {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29)
  return { fromDay: dayOf(from), toDay: dayOf(now), bucket: 'day', zone: 'local' }
}

/** The start of a calendar day in the zone ('local': the browser's), as an instant. */
function startOfDay(day: string, zone: AnalyticsFilters['zone']): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  return zone === 'UTC' ? new Date(Date.UTC(year, month - 1, date)) : new Date(year, month - 1, date)
}

/** The API's query for these filters: [from, to) covers the chosen days whole. */
export function analyticsQuery(filters: AnalyticsFilters, browserZone: string, extra: Record<string, string> = {}): URLSearchParams {
  const query = new URLSearchParams()
  const from = startOfDay(filters.fromDay, filters.zone)
  const last = startOfDay(filters.toDay, filters.zone)
  const to =
    filters.zone === 'UTC' ? new Date(last.getTime() + 86_400_000) : new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1)
  query.set('from', from.toISOString())
  query.set('to', to.toISOString())
  query.set('bucket', filters.bucket)
  query.set('timeZone', filters.zone === 'UTC' ? 'UTC' : browserZone)
  for (const key of ['collaborator', 'stage', 'dataset', 'dataItemName', 'ontologyClass'] as const) {
    const value = filters[key]
    if (value) query.set(key, value)
  }
  for (const [key, value] of Object.entries(extra)) query.set(key, value)
  return query
}

/** 95 ms · 42 s · 3 m 05 s · 2 h 10 m; '—' for nothing. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms < 1_000) return `${Math.round(ms)} ms`
  const seconds = Math.round(ms / 1_000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} m ${pad(seconds % 60)} s`
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} m`
}

/** 0.125 → '12.5 %'; '—' when there is nothing to rate. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—'
  const percent = rate * 100
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)} %`
}

/** How many active filters beyond the range (for the "Clear filters" button). */
export const activeFilters = (filters: AnalyticsFilters) =>
  (['collaborator', 'stage', 'dataset', 'dataItemName', 'ontologyClass'] as const).filter((key) => Boolean(filters[key])).length

/** A bucket label as the chart's axis shows it: '2026-11-20' → '20 Nov'; hours '…T14:00' → '20 Nov 14:00'. */
export function bucketLabel(bucket: string): string {
  const [day, hour] = bucket.split('T')
  const [year, month, date] = (day ?? '').split('-').map(Number)
  if (!year || !month || !date) return bucket
  const name = new Date(Date.UTC(year, month - 1, date)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
  return hour ? `${name} ${hour}` : name
}
