'use client'
// A workspace's Dashboard, for its Admins: a date range and buckets; the headline figures; projects by status;
// throughput with the rejection rate and utilisation over time; the most and least productive people and
// projects; the per-project and per-person tables (each downloads as CSV; a project's name opens its Analytics
// tab). Everything is one call to GET /api/workspaces/:id/analytics (the operation REST and GraphQL share).
import { Banner, SetDocumentStepNav } from '@payloadcms/ui'
import type { CollectionSlug } from 'payload'

import { PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '../../src/domain/projects/status.ts'
import type { WorkspaceAnalytics } from '../../src/operations/workspaceAnalytics.ts'
import { ThroughputChart, UtilisationChart } from './AnalyticsCharts.tsx'
import { Kpi, NameCell, RangeFilters, TableCard, useAnalyticsReport } from './AnalyticsParts.tsx'
import { formatDuration, formatRate } from './analyticsState.ts'
import './analytics.css'

export type WorkspaceDashboardClientProps = {
  workspaceId: string
  apiRoute: string
  adminRoute: string
  slugs: { workspaces: string; projects: string }
  stepNav: { pluralLabel: string; useAsTitle: string }
}

const EFFORT_HEADERS = [
  'Submitted',
  'Reviewed',
  'Approved',
  'Rejected',
  'Rejection rate',
  'Active time',
  'Active of held',
  'Tasks per active hour',
]
const perHour = (value: number | null) => (value === null ? '—' : value.toFixed(1))

type Effort = WorkspaceAnalytics['totals']
function EffortCells({ row }: { row: Omit<Effort, 'completed' | 'activePeople'> }) {
  return (
    <>
      <td>{row.submitted}</td>
      <td>{row.reviewed}</td>
      <td>{row.approved}</td>
      <td>{row.rejected}</td>
      <td>{formatRate(row.rejectionRate)}</td>
      <td>{formatDuration(row.activeMs)}</td>
      <td>{formatRate(row.utilisation)}</td>
      <td>{perHour(row.perActiveHour)}</td>
    </>
  )
}

/** One ranked list: names with their tasks per active hour. */
function Ranking({
  title,
  rows,
  testId,
}: {
  title: string
  rows: Array<{ key: string; name: string; perActiveHour: number | null }>
  testId: string
}) {
  return (
    <div className="labelops-analytics__ranking" data-ranking={testId}>
      <h4>{title}</h4>
      {rows.length ? (
        <ol>
          {rows.map((row) => (
            <li key={row.key}>
              <span>{row.name}</span>
              <span className="labelops-muted">{perHour(row.perActiveHour)} / h</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="labelops-muted">Nobody with 15 minutes of active time yet.</p>
      )}
    </div>
  )
}

export function WorkspaceDashboardClient(props: WorkspaceDashboardClientProps) {
  const { workspaceId, apiRoute, adminRoute, slugs } = props
  const api = apiRoute.replace(/\/$/, '')
  const admin = adminRoute === '/' ? '' : adminRoute.replace(/\/$/, '')
  const { report, problem, loading, filters, zone, set, csvHref } = useAnalyticsReport<WorkspaceAnalytics>(
    `${api}/${slugs.workspaces}/${encodeURIComponent(workspaceId)}/analytics`,
  )
  const nameOf = (user: string) => report?.people[user]?.name ?? report?.people[user]?.email ?? `User ${user}`
  const projectHref = (id: string) => `${admin}/collections/${slugs.projects}/${encodeURIComponent(id)}/analytics`

  return (
    <div className="labelops-analytics" data-loading={loading}>
      <SetDocumentStepNav
        collectionSlug={slugs.workspaces as CollectionSlug}
        id={workspaceId}
        pluralLabel={props.stepNav.pluralLabel}
        useAsTitle={props.stepNav.useAsTitle}
        view="Dashboard"
      />
      <header className="labelops-analytics__head">
        <h2>Dashboard</h2>
        <p className="labelops-muted">
          Throughput, workforce utilisation and quality across every project of the workspace. Active time is time at work on a task; held
          time is all the time a task was claimed.
        </p>
      </header>

      {filters ? (
        <section className="labelops-analytics__filters" aria-label="Date range">
          <RangeFilters filters={filters} zone={zone} set={set} />
        </section>
      ) : null}

      {problem ? <Banner type="error">{problem}</Banner> : null}
      {!report ? <p className="labelops-muted">Counting…</p> : null}

      {report ? (
        <>
          <section className="labelops-analytics__kpis" aria-label="Headline figures">
            <Kpi label="Submitted" value={report.totals.submitted} detail={`${report.totals.skipped} skipped`} />
            <Kpi
              label="Reviewed"
              value={report.totals.reviewed}
              detail={`${report.totals.approved} approved · ${report.totals.rejected} rejected`}
            />
            <Kpi label="Rejection rate" value={formatRate(report.totals.rejectionRate)} />
            <Kpi label="Completed" value={report.totals.completed} />
            <Kpi label="Active people" value={report.totals.activePeople} />
            <Kpi
              label="Active time"
              value={formatDuration(report.totals.activeMs)}
              detail={`of ${formatDuration(report.totals.heldMs)} held`}
            />
            <Kpi label="Utilisation" value={formatRate(report.totals.utilisation)} detail="active of held time" />
            <Kpi label="Tasks per active hour" value={perHour(report.totals.perActiveHour)} />
            {report.totals.agreement !== null ? <Kpi label="Consensus agreement" value={formatRate(report.totals.agreement)} /> : null}
          </section>

          <section className="labelops-analytics__card" aria-label="Projects by status">
            <h3>Projects by status</h3>
            <ul className="labelops-analytics__statuses">
              {PROJECT_STATUSES.map((status) => (
                <li key={status} data-status={status} data-count={report.projectsByStatus[status] ?? 0}>
                  <span className="labelops-analytics__status-count">{report.projectsByStatus[status] ?? 0}</span>
                  <span>{PROJECT_STATUS_LABELS[status]}</span>
                </li>
              ))}
            </ul>
          </section>

          <section className="labelops-analytics__card labelops-analytics__chart" aria-label="Throughput">
            <h3>Throughput and rejection rate by {report.window.bucket}</h3>
            <ThroughputChart points={report.throughput} />
          </section>

          <section className="labelops-analytics__card labelops-analytics__chart" aria-label="Utilisation">
            <h3>Workforce utilisation by {report.window.bucket}</h3>
            <UtilisationChart points={report.throughput} />
          </section>

          <div className="labelops-analytics__pair">
            <section className="labelops-analytics__card" aria-label="People by productivity">
              <h3>People by tasks per active hour</h3>
              <div className="labelops-analytics__rankings">
                <Ranking
                  title="Most productive"
                  testId="people-most"
                  rows={report.productivity.people.most.map((row) => ({
                    key: row.user,
                    name: nameOf(row.user),
                    perActiveHour: row.perActiveHour,
                  }))}
                />
                <Ranking
                  title="Least productive"
                  testId="people-least"
                  rows={report.productivity.people.least.map((row) => ({
                    key: row.user,
                    name: nameOf(row.user),
                    perActiveHour: row.perActiveHour,
                  }))}
                />
              </div>
            </section>
            <section className="labelops-analytics__card" aria-label="Projects by productivity">
              <h3>Projects by tasks per active hour</h3>
              <div className="labelops-analytics__rankings">
                <Ranking
                  title="Most productive"
                  testId="projects-most"
                  rows={report.productivity.projects.most.map((row) => ({
                    key: row.project,
                    name: row.name,
                    perActiveHour: row.perActiveHour,
                  }))}
                />
                <Ranking
                  title="Least productive"
                  testId="projects-least"
                  rows={report.productivity.projects.least.map((row) => ({
                    key: row.project,
                    name: row.name,
                    perActiveHour: row.perActiveHour,
                  }))}
                />
              </div>
            </section>
          </div>

          <TableCard
            title="Projects"
            count={report.projects.length}
            csv="projects"
            csvHref={csvHref('projects')}
            headers={['Project', 'Status', ...EFFORT_HEADERS]}
            empty="This workspace has no projects yet."
          >
            {report.projects.map((row) => (
              <tr key={row.project} data-project={row.project}>
                <NameCell name={row.name} href={projectHref(row.project)} />
                <td>{PROJECT_STATUS_LABELS[row.status as keyof typeof PROJECT_STATUS_LABELS] ?? row.status}</td>
                <EffortCells row={row} />
              </tr>
            ))}
          </TableCard>

          <TableCard
            title="People"
            count={report.team.length}
            csv="people"
            csvHref={csvHref('people')}
            headers={['Person', ...EFFORT_HEADERS]}
            empty="Nobody worked in this window."
          >
            {report.team.map((row) => (
              <tr key={row.user} data-person={row.user}>
                <NameCell name={nameOf(row.user)} />
                <EffortCells row={row} />
              </tr>
            ))}
          </TableCard>

          <p className="labelops-muted labelops-analytics__source">
            {report.source === 'rollups'
              ? 'Counted from the rollups of the journal.'
              : 'Counted from the journal itself (the time zone needs single events).'}{' '}
            Window {new Date(report.window.from).toLocaleString()} – {new Date(report.window.to).toLocaleString()} ({report.window.timeZone}
            ).
          </p>
        </>
      ) : null}
    </div>
  )
}
