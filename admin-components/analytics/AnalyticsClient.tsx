'use client'
// The Analytics tab of a project: a date range, buckets and filters; the headline figures; throughput over
// time with the rejection rate; time per stage; the annotators' and reviewers' tables (a name drills down to
// that person; each table downloads as CSV); issues. Everything is one call to GET /api/projects/:id/analytics
// (the operation REST and GraphQL share); Annotators and Reviewers get their own figures ("My performance").
import { Banner, Button, SetDocumentStepNav } from '@payloadcms/ui'
import type { CollectionSlug } from 'payload'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { ProjectAnalytics } from '../../src/operations/projectAnalytics.ts'
import { IssuesChart, StageTimeChart, ThroughputChart } from './AnalyticsCharts.tsx'
import { activeFilters, type AnalyticsFilters, analyticsQuery, defaultFilters, formatDuration, formatRate } from './analyticsState.ts'
import './analytics.css'

type Option = { value: string; label: string }
export type AnalyticsClientProps = {
  projectId: string
  projectName: string
  apiRoute: string
  slugs: { projects: string }
  stepNav: { pluralLabel: string; useAsTitle: string }
  /** sees the team (and may drill down to anyone); otherwise their own figures */
  team: boolean
  stages: Option[]
  datasets: Option[]
  people: Option[]
  classes: Option[]
}

const problemOf = (body: unknown, status: number) => {
  const errors = (body as { errors?: Array<{ message?: string; data?: { errors?: Array<{ path: string; message: string }> } }> } | null)
    ?.errors
  const listed = errors?.[0]?.data?.errors
  if (listed?.length) return listed.map((error) => `${error.path}: ${error.message}`).join('; ')
  return errors?.[0]?.message ?? `The server answered ${status}`
}

export function AnalyticsClient(props: AnalyticsClientProps) {
  const { projectId, apiRoute, slugs, team, stages, datasets, people, classes } = props
  const api = apiRoute.replace(/\/$/, '')
  const [filters, setFilters] = useState<AnalyticsFilters | null>(null)
  const [zone, setZone] = useState('UTC')
  const [report, setReport] = useState<ProjectAnalytics | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const request = useRef(0)

  // dates and the zone are the browser's: read them there, not on the server
  useEffect(() => {
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
    setFilters(defaultFilters(new Date()))
  }, [])

  const url = useCallback(
    (current: AnalyticsFilters, extra: Record<string, string> = {}) =>
      `${api}/${slugs.projects}/${encodeURIComponent(projectId)}/analytics?${analyticsQuery(current, zone, extra)}`,
    [api, slugs.projects, projectId, zone],
  )

  useEffect(() => {
    if (!filters) return
    const mine = ++request.current
    setLoading(true)
    void fetch(url(filters), { credentials: 'include' })
      .then(async (response) => {
        const body = await response.json().catch(() => null)
        if (mine !== request.current) return
        if (!response.ok) return setProblem(problemOf(body, response.status))
        setProblem(null)
        setReport(body as ProjectAnalytics)
      })
      .catch(() => mine === request.current && setProblem('The figures could not be loaded: the server did not answer.'))
      .finally(() => mine === request.current && setLoading(false))
  }, [filters, url])

  const set = (patch: Partial<AnalyticsFilters>) => setFilters((current) => (current ? { ...current, ...patch } : current))
  const nameOf = (user: string | null) =>
    user === null
      ? 'Unassigned'
      : (report?.people[user]?.name ?? report?.people[user]?.email ?? people.find((p) => p.value === user)?.label ?? `User ${user}`)
  const stageName = (id: string) => report?.stageNames[id] ?? stages.find((stage) => stage.value === id)?.label ?? id
  // native selects, like the date and bucket controls beside them: one height, one look, keyboard-friendly
  const select = (label: string, options: Option[], value: string | undefined, onChange: (value: string | undefined) => void) => (
    <label className="labelops-analytics__filter">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)} data-filter={label}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <div className="labelops-analytics" data-loading={loading} data-scope={report?.scope}>
      <SetDocumentStepNav
        collectionSlug={slugs.projects as CollectionSlug}
        id={projectId}
        pluralLabel={props.stepNav.pluralLabel}
        useAsTitle={props.stepNav.useAsTitle}
        view="Analytics"
      />
      <header className="labelops-analytics__head">
        <h2>{team ? 'Analytics' : 'My performance'}</h2>
        <p className="labelops-muted">
          {team
            ? 'Everyone’s work on this project, counted when it was submitted, skipped, approved or rejected.'
            : 'Your own work on this project: what you submitted and skipped, and how reviews judged it.'}
        </p>
      </header>

      {filters ? (
        <section className="labelops-analytics__filters" aria-label="Filters">
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
          {team ? select('Collaborator', people, filters.collaborator, (collaborator) => set({ collaborator })) : null}
          {select('Stage', stages, filters.stage, (stage) => set({ stage }))}
          {select('Dataset', datasets, filters.dataset, (dataset) => set({ dataset }))}
          {select('Ontology class', classes, filters.ontologyClass, (ontologyClass) => set({ ontologyClass }))}
          <label className="labelops-analytics__filter">
            <span>Data item name</span>
            <input
              type="search"
              placeholder="contains…"
              defaultValue={filters.dataItemName}
              onKeyDown={(event) => {
                if (event.key === 'Enter') set({ dataItemName: (event.target as HTMLInputElement).value.trim() || undefined })
              }}
              onBlur={(event) => set({ dataItemName: event.target.value.trim() || undefined })}
            />
          </label>
          {activeFilters(filters) ? (
            <Button
              buttonStyle="subtle"
              size="small"
              onClick={() =>
                set({ collaborator: undefined, stage: undefined, dataset: undefined, dataItemName: undefined, ontologyClass: undefined })
              }
            >
              Clear filters
            </Button>
          ) : null}
        </section>
      ) : null}

      {problem ? <Banner type="error">{problem}</Banner> : null}
      {!report ? <p className="labelops-muted">Counting…</p> : null}

      {report ? (
        <>
          {filters?.collaborator ? (
            <Banner type="info">
              Showing {nameOf(filters.collaborator)} only.{' '}
              <button type="button" className="labelops-link" onClick={() => set({ collaborator: undefined })}>
                Back to the team
              </button>
            </Banner>
          ) : null}
          <section className="labelops-analytics__kpis" aria-label="Headline figures">
            <Kpi label="Submitted" value={report.tasks.submitted} />
            <Kpi label="Skipped" value={report.tasks.skipped} />
            <Kpi label="Approved" value={report.tasks.approved} />
            <Kpi label="Rejected" value={report.tasks.rejected} />
            <Kpi label="Task rejection rate" value={formatRate(report.tasks.rejectionRate)} />
            <Kpi
              label="Labels created"
              value={report.labels.created}
              detail={`${report.labels.edited} edited · ${report.labels.deleted} deleted`}
            />
            <Kpi label="Label rejection rate" value={formatRate(report.labels.rejectionRate)} />
            <Kpi
              label="Annotation time per task"
              value={formatDuration(report.time.annotation.avgMs)}
              detail={`p50 ${formatDuration(report.time.annotation.p50Ms)} · p90 ${formatDuration(report.time.annotation.p90Ms)}`}
            />
            <Kpi
              label="Review time per task"
              value={formatDuration(report.time.review.avgMs)}
              detail={`per label ${formatDuration(report.time.review.perLabelMs)}`}
            />
            <Kpi label="Open issues" value={report.issues.open} />
          </section>

          <section className="labelops-analytics__card labelops-analytics__chart" aria-label="Throughput">
            <h3>Throughput by {report.window.bucket}</h3>
            <ThroughputChart points={report.throughput} />
          </section>

          <div className="labelops-analytics__pair">
            <section className="labelops-analytics__card labelops-analytics__chart" aria-label="Time per stage">
              <h3>Time per task, by stage</h3>
              {report.stages.length ? (
                <StageTimeChart
                  points={report.stages.map((stage) => ({
                    name: stageName(stage.stage),
                    avgMs: stage.time.avgMs,
                    p90Ms: stage.time.p90Ms,
                  }))}
                />
              ) : (
                <p className="labelops-muted">No timed work in this window.</p>
              )}
            </section>
            <section className="labelops-analytics__card labelops-analytics__chart" aria-label="Issues">
              <h3>Issues raised and resolved</h3>
              <IssuesChart points={report.issues.overTime} />
            </section>
          </div>

          <section className="labelops-analytics__card" aria-label="Annotators">
            <div className="labelops-analytics__table-head">
              <h3>Annotators ({report.annotators.length})</h3>
              {filters ? (
                <a className="labelops-link" href={url(filters, { format: 'csv', table: 'annotators' })} download data-csv="annotators">
                  Download CSV
                </a>
              ) : null}
            </div>
            <table className="labelops-analytics__table">
              <thead>
                <tr>
                  <th>Annotator</th>
                  <th>Submitted</th>
                  <th>Skipped</th>
                  <th>Approved</th>
                  <th>Rejected</th>
                  <th>Rejection rate</th>
                  <th>Labels created / edited / deleted</th>
                  <th>Time</th>
                  <th>Per task</th>
                  <th>Per label</th>
                  <th>Open issues</th>
                </tr>
              </thead>
              <tbody>
                {report.annotators.map((row) => (
                  <tr key={row.user} data-annotator={row.user}>
                    <td>
                      {team ? (
                        <button type="button" className="labelops-link" onClick={() => set({ collaborator: row.user })}>
                          {nameOf(row.user)}
                        </button>
                      ) : (
                        nameOf(row.user)
                      )}
                    </td>
                    <td>{row.submitted}</td>
                    <td>{row.skipped}</td>
                    <td>{row.approved}</td>
                    <td>{row.rejected}</td>
                    <td>{formatRate(row.rejectionRate)}</td>
                    <td>
                      {row.labelsCreated} / {row.labelsEdited} / {row.labelsDeleted}
                    </td>
                    <td>{formatDuration(row.time.totalMs)}</td>
                    <td>{formatDuration(row.time.avgMs)}</td>
                    <td>{formatDuration(row.time.perLabelMs)}</td>
                    <td>{row.openIssues}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.annotators.length === 0 ? <p className="labelops-muted">No annotation work in this window.</p> : null}
          </section>

          {team || report.reviewers.length ? (
            <section className="labelops-analytics__card" aria-label="Reviewers">
              <div className="labelops-analytics__table-head">
                <h3>Reviewers ({report.reviewers.length})</h3>
                {filters ? (
                  <a className="labelops-link" href={url(filters, { format: 'csv', table: 'reviewers' })} download data-csv="reviewers">
                    Download CSV
                  </a>
                ) : null}
              </div>
              <table className="labelops-analytics__table">
                <thead>
                  <tr>
                    <th>Reviewer</th>
                    <th>Reviewed</th>
                    <th>Approved</th>
                    <th>Rejected</th>
                    <th>Labels approved / rejected</th>
                    <th>Time</th>
                    <th>Per task</th>
                    <th>Per label</th>
                    <th>Open issues raised</th>
                  </tr>
                </thead>
                <tbody>
                  {report.reviewers.map((row) => (
                    <tr key={row.user} data-reviewer={row.user}>
                      <td>
                        {team ? (
                          <button type="button" className="labelops-link" onClick={() => set({ collaborator: row.user })}>
                            {nameOf(row.user)}
                          </button>
                        ) : (
                          nameOf(row.user)
                        )}
                      </td>
                      <td>{row.reviewed}</td>
                      <td>{row.approved}</td>
                      <td>{row.rejected}</td>
                      <td>
                        {row.labelsApproved} / {row.labelsRejected}
                      </td>
                      <td>{formatDuration(row.time.totalMs)}</td>
                      <td>{formatDuration(row.time.avgMs)}</td>
                      <td>{formatDuration(row.time.perLabelMs)}</td>
                      <td>{row.openIssuesRaised}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {report.reviewers.length === 0 ? <p className="labelops-muted">No reviews in this window.</p> : null}
            </section>
          ) : null}

          <p className="labelops-muted labelops-analytics__source">
            {report.source === 'rollups'
              ? 'Counted from the rollups of the journal.'
              : 'Counted from the journal itself (a filter or the time zone needs single events).'}{' '}
            Window {new Date(report.window.from).toLocaleString()} – {new Date(report.window.to).toLocaleString()} ({report.window.timeZone}
            ).
          </p>
        </>
      ) : null}
    </div>
  )
}

function Kpi({ label, value, detail }: { label: string; value: number | string; detail?: string }) {
  return (
    <div className="labelops-analytics__kpi" data-kpi={label}>
      <span className="labelops-analytics__kpi-value">{value}</span>
      <span className="labelops-analytics__kpi-label">{label}</span>
      {detail ? <span className="labelops-muted labelops-analytics__kpi-detail">{detail}</span> : null}
    </div>
  )
}
