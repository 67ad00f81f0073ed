'use client'
// The pieces the project Analytics tab and the workspace Dashboard share: loading a report (the latest request
// wins), the date range controls, a headline figure, and a table card with its CSV download.
import type { ReactNode } from 'react'
import { useCallback, useEffect, useRef, useState } from 'react'

import { type AnalyticsFilters, analyticsQuery, defaultFilters } from './analyticsState.ts'

/** The first error of an API answer, naming its field. */
export function problemOf(body: unknown, status: number): string {
  const errors = (body as { errors?: Array<{ message?: string; data?: { errors?: Array<{ path: string; message: string }> } }> } | null)
    ?.errors
  const listed = errors?.[0]?.data?.errors
  if (listed?.length) return listed.map((error) => `${error.path}: ${error.message}`).join('; ')
  return errors?.[0]?.message ?? `The server answered ${status}`
}

/** The report at `url` (null: not yet), reloaded when it changes; an older answer never replaces a newer one. */
export function useReport<T>(url: string | null): { report: T | null; problem: string | null; loading: boolean } {
  const [report, setReport] = useState<T | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const request = useRef(0)
  useEffect(() => {
    if (!url) return
    const mine = ++request.current
    setLoading(true)
    void fetch(url, { credentials: 'include' })
      .then(async (response) => {
        const body = await response.json().catch(() => null)
        if (mine !== request.current) return
        if (!response.ok) return setProblem(problemOf(body, response.status))
        setProblem(null)
        setReport(body as T)
      })
      .catch(() => mine === request.current && setProblem('The figures could not be loaded: the server did not answer.'))
      .finally(() => mine === request.current && setLoading(false))
  }, [url])
  return { report, problem, loading }
}

/**
 * A report's whole state: the filters (the last 30 days until the browser says otherwise), the browser's time
 * zone, the report at `baseUrl` for them, and the CSV link of each of its tables.
 */
export function useAnalyticsReport<T>(baseUrl: string) {
  const [filters, setFilters] = useState<AnalyticsFilters | null>(null)
  const [zone, setZone] = useState('UTC')
  // dates and the zone are the browser's: read them there, not on the server
  useEffect(() => {
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
    setFilters(defaultFilters(new Date()))
  }, [])
  const url = useCallback(
    (current: AnalyticsFilters, extra: Record<string, string> = {}) => `${baseUrl}?${analyticsQuery(current, zone, extra)}`,
    [baseUrl, zone],
  )
  const loaded = useReport<T>(filters ? url(filters) : null)
  const set = useCallback((patch: Partial<AnalyticsFilters>) => setFilters((current) => (current ? { ...current, ...patch } : current)), [])
  const csvHref = (table: string) => (filters ? url(filters, { format: 'csv', table }) : null)
  return { ...loaded, filters, zone, set, csvHref }
}

/** From, to, bucket and time zone: the browser's zone or UTC. */
export function RangeFilters({
  filters,
  zone,
  set,
}: {
  filters: AnalyticsFilters
  zone: string
  set: (patch: Partial<AnalyticsFilters>) => void
}) {
  return (
    <>
      <label className="labelops-analytics__filter">
        <span>From</span>
        <input
          type="date"
          value={filters.fromDay}
          max={filters.toDay}
          onChange={(event) => event.target.value && set({ fromDay: event.target.value })}
        />
      </label>
      <label className="labelops-analytics__filter">
        <span>To</span>
        <input
          type="date"
          value={filters.toDay}
          min={filters.fromDay}
          onChange={(event) => event.target.value && set({ toDay: event.target.value })}
        />
      </label>
      <label className="labelops-analytics__filter">
        <span>By</span>
        <select value={filters.bucket} onChange={(event) => set({ bucket: event.target.value as AnalyticsFilters['bucket'] })}>
          <option value="hour">Hour</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
      </label>
      <label className="labelops-analytics__filter">
        <span>Time zone</span>
        <select value={filters.zone} onChange={(event) => set({ zone: event.target.value as AnalyticsFilters['zone'] })}>
          <option value="local">{zone}</option>
          <option value="UTC">UTC</option>
        </select>
      </label>
    </>
  )
}

export function Kpi({ label, value, detail }: { label: string; value: number | string; detail?: string }) {
  return (
    <div className="labelops-analytics__kpi" data-kpi={label}>
      <span className="labelops-analytics__kpi-value">{value}</span>
      <span className="labelops-analytics__kpi-label">{label}</span>
      {detail ? <span className="labelops-muted labelops-analytics__kpi-detail">{detail}</span> : null}
    </div>
  )
}

/** A card holding one table: its title with the row count, and the CSV download of the same table. */
export function TableCard({
  title,
  count,
  csv,
  csvHref,
  headers,
  empty,
  children,
}: {
  title: string
  count: number
  /** the table's name in `table=` (and the link's data-csv) */
  csv: string
  csvHref: string | null
  headers: readonly string[]
  /** shown under an empty table */
  empty: string
  children: ReactNode
}) {
  return (
    <section className="labelops-analytics__card" aria-label={title}>
      <div className="labelops-analytics__table-head">
        <h3>
          {title} ({count})
        </h3>
        {csvHref ? (
          <a className="labelops-link" href={csvHref} download data-csv={csv}>
            Download CSV
          </a>
        ) : null}
      </div>
      <table className="labelops-analytics__table">
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header}>{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {count === 0 ? <p className="labelops-muted">{empty}</p> : null}
    </section>
  )
}

/** A person's (or project's) name in a table: a drill-down link when there is somewhere to go. */
export function NameCell({ name, onOpen, href }: { name: string; onOpen?: () => void; href?: string }) {
  if (href)
    return (
      <td>
        <a className="labelops-link" href={href}>
          {name}
        </a>
      </td>
    )
  return (
    <td>
      {onOpen ? (
        <button type="button" className="labelops-link" onClick={onOpen}>
          {name}
        </button>
      ) : (
        name
      )}
    </td>
  )
}
