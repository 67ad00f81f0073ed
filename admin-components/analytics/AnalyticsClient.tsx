'use client'
// The Analytics tab of a project: a date range, buckets and filters; the headline figures; throughput over
// time with the rejection rate; time per stage; the annotators' and reviewers' tables (a name drills down to
// that person; each table downloads as CSV); issues. Everything is one call to GET /api/projects/:id/analytics
// (the operation REST and GraphQL share); Annotators and Reviewers get their own figures ("My performance").
import { Banner, Button, SetDocumentStepNav } from '@payloadcms/ui'
import type { CollectionSlug } from 'payload'

import type { ProjectAnalytics } from '../../src/operations/projectAnalytics.ts'
import { ClassInstancesChart, IssuesChart, StageTimeChart, ThroughputChart } from './AnalyticsCharts.tsx'
import { Kpi, NameCell, RangeFilters, TableCard, useAnalyticsReport } from './AnalyticsParts.tsx'
import { activeFilters, formatDuration, formatRate } from './analyticsState.ts'
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

const ANNOTATOR_HEADERS = [
  'Annotator',
  'Submitted',
  'Skipped',
  'Approved',
  'Rejected',
  'Rejection rate',
  'Labels created / edited / deleted',
  'Active time',
  'Active of held',
  'Per task',
  'Per label',
  'Open issues',
] as const
const REVIEWER_HEADERS = [
  'Reviewer',
  'Reviewed',
  'Approved',
  'Rejected',
  'Labels approved / rejected',
  'Active time',
  'Active of held',
  'Per task',
  'Per label',
  'Open issues raised',
] as const

export function AnalyticsClient(props: AnalyticsClientProps) {
  const { projectId, apiRoute, slugs, team, stages, datasets, people, classes } = props
  const api = apiRoute.replace(/\/$/, '')
  const { report, problem, loading, filters, zone, set, csvHref } = useAnalyticsReport<ProjectAnalytics>(
    `${api}/${slugs.projects}/${encodeURIComponent(projectId)}/analytics`,
  )
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
          <RangeFilters filters={filters} zone={zone} set={set} />
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
            {report.consensus.rounds > 0 ? (
              <Kpi
                label="Consensus agreement"
                value={formatRate(report.consensus.agreement)}
                detail={`${report.consensus.rounds} round${report.consensus.rounds === 1 ? '' : 's'}`}
              />
            ) : null}
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

          <section className="labelops-analytics__card labelops-analytics__chart" aria-label="Instances per class">
            <h3>Instances per class</h3>
            {report.classInstances.length ? (
              <ClassInstancesChart points={report.classInstances} />
            ) : (
              <p className="labelops-muted">No labels submitted in this window.</p>
            )}
          </section>

          <TableCard
            title="Annotators"
            count={report.annotators.length}
            csv="annotators"
            csvHref={csvHref('annotators')}
            headers={ANNOTATOR_HEADERS}
            empty="No annotation work in this window."
          >
            {report.annotators.map((row) => (
              <tr key={row.user} data-annotator={row.user}>
                <NameCell name={nameOf(row.user)} onOpen={team ? () => set({ collaborator: row.user }) : undefined} />
                <td>{row.submitted}</td>
                <td>{row.skipped}</td>
                <td>{row.approved}</td>
                <td>{row.rejected}</td>
                <td>{formatRate(row.rejectionRate)}</td>
                <td>
                  {row.labelsCreated} / {row.labelsEdited} / {row.labelsDeleted}
                </td>
                <td>{formatDuration(row.time.totalMs)}</td>
                <td>{formatRate(row.time.utilisation)}</td>
                <td>{formatDuration(row.time.avgMs)}</td>
                <td>{formatDuration(row.time.perLabelMs)}</td>
                <td>{row.openIssues}</td>
              </tr>
            ))}
          </TableCard>

          {team || report.reviewers.length ? (
            <TableCard
              title="Reviewers"
              count={report.reviewers.length}
              csv="reviewers"
              csvHref={csvHref('reviewers')}
              headers={REVIEWER_HEADERS}
              empty="No reviews in this window."
            >
              {report.reviewers.map((row) => (
                <tr key={row.user} data-reviewer={row.user}>
                  <NameCell name={nameOf(row.user)} onOpen={team ? () => set({ collaborator: row.user }) : undefined} />
                  <td>{row.reviewed}</td>
                  <td>{row.approved}</td>
                  <td>{row.rejected}</td>
                  <td>
                    {row.labelsApproved} / {row.labelsRejected}
                  </td>
                  <td>{formatDuration(row.time.totalMs)}</td>
                  <td>{formatRate(row.time.utilisation)}</td>
                  <td>{formatDuration(row.time.avgMs)}</td>
                  <td>{formatDuration(row.time.perLabelMs)}</td>
                  <td>{row.openIssuesRaised}</td>
                </tr>
              ))}
            </TableCard>
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
