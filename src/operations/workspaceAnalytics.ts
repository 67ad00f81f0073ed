import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireActor, roleIn } from '../access/actor.ts'
import { can } from '../access/grants.ts'
import { getOptions } from '../context.ts'
import { type CsvColumn, csvFilename, toCsv } from '../domain/analytics/csv.ts'
import { analyticsWindow, readPlan, workspaceAnalyticsQuerySchema, type WorkspaceAnalyticsQuery } from '../domain/analytics/query.ts'
import { buildWorkspaceReport, type Effort } from '../domain/analytics/workspaceReport.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { PROJECT_STATUSES } from '../domain/projects/status.ts'
import { FieldRuleError, ForbiddenChangeError } from '../errors.ts'
import { bucketLabels, journalFigures } from '../sql/analytics/metrics.ts'
import type { Id } from '../types.ts'
import { peopleByIds } from './peopleByIds.ts'
import { parseInput, wholePart } from './input.ts'
import { together } from '../db/together.ts'

/** A workspace report as callers ask for it: the workspace and the query string's keys. */
export const workspaceAnalyticsSchema = z.object({ workspace: documentIdSchema, query: wholePart(workspaceAnalyticsQuerySchema) }).strict()

export type WorkspaceAnalytics = Awaited<ReturnType<typeof workspaceReport>>

/**
 * The workspace report, for the workspace's Admins (`workspaces.analytics.read`): 404 outside one's
 * workspaces, 403 for its other members. `format=csv` answers one table (`table=projects|people|throughput`).
 */
export async function workspaceAnalytics({ req, input }: { req: PayloadRequest; input: unknown }) {
  const { workspace, query } = parseInput(workspaceAnalyticsSchema, input)
  const report = await workspaceReport(req, workspace, query)
  if (query.format !== 'csv') return report
  return { csv: csvOf(report, query.table!), filename: csvFilename(report.workspace.name, query.table!) }
}

/**
 * Who reads a workspace-wide record (the report, the audit trail): 401 signed out, 404 outside one's
 * workspaces, 403 for members who do not hold `capability` there (its Admins do).
 */
export async function assertWorkspaceReportReader(
  req: PayloadRequest,
  workspaceId: Id,
  capability: 'workspaces.analytics.read' | 'auditEvents.read' = 'workspaces.analytics.read',
): Promise<void> {
  const actor = await requireActor(req)
  if (!actor.superAdmin && !roleIn(actor, workspaceId)) throw new NotFound(req.t)
  if (!can(actor, capability, workspaceId))
    throw new ForbiddenChangeError(
      'workspace',
      capability === 'auditEvents.read'
        ? 'the audit trail is for the workspace’s Admins'
        : 'the workspace report is for the workspace’s Admins; a project’s Analytics tab shows its team',
    )
}

async function workspaceReport(req: PayloadRequest, workspaceId: Id, query: WorkspaceAnalyticsQuery) {
  await assertWorkspaceReportReader(req, workspaceId)
  const now = new Date()
  const window = analyticsWindow(query, now)
  if ('path' in window) throw new FieldRuleError(window.path, window.message)
  const { slugs } = getOptions(req.payload)
  // read as the caller: an Admin of the workspace reads it and every one of its projects
  const asCaller = { depth: 0, req, overrideAccess: false } as const
  const [workspace, projects] = await together(req, [
    () => req.payload.findByID({ collection: slugs.workspaces, id: workspaceId, ...asCaller, disableErrors: true }),
    () =>
      req.payload.find({
        collection: slugs.projects,
        where: { workspace: { equals: workspaceId } },
        pagination: false,
        select: { name: true, status: true },
        ...asCaller,
      }),
  ] as const)
  if (!workspace) throw new NotFound(req.t)
  const { raw, whole, edges, utcDayBuckets } = readPlan(query, window)
  const listed = (projects.docs as unknown as Array<{ id: Id; name?: string; status?: string }>).map((project) => ({
    id: String(project.id),
    name: project.name ?? String(project.id),
    status: project.status ?? 'not-started',
  }))
  const scope = {
    projects: listed.map((project) => project.id as Id),
    rollupWindow: whole,
    rawWindows: edges,
    bucket: query.bucket,
    timeZone: query.timeZone,
    utcDayBuckets,
    now,
  }
  const [rows, buckets] = await together(req, [
    () => (listed.length === 0 ? Promise.resolve([]) : journalFigures(req, scope, { byProject: true })),
    () => bucketLabels(req, window, query.bucket, query.timeZone),
  ] as const)
  const report = buildWorkspaceReport(rows, buckets, listed, PROJECT_STATUSES)
  return {
    workspace: { id: workspaceId, name: (workspace as { name?: string }).name ?? String(workspaceId) },
    window: { from: window.from.toISOString(), to: window.to.toISOString(), bucket: query.bucket, timeZone: query.timeZone },
    source: raw ? ('journal' as const) : ('rollups' as const),
    people: await peopleByIds(
      req,
      report.team.map((row) => row.user),
    ),
    ...report,
  }
}

const ms = (value: number) => Math.round(value)
const rate = (value: number | null) => (value === null ? null : Number(value.toFixed(4)))
const effortColumns = <T extends Effort>(): Array<CsvColumn<T>> => [
  { header: 'submitted', value: (row) => row.submitted },
  { header: 'skipped', value: (row) => row.skipped },
  { header: 'reviewed', value: (row) => row.reviewed },
  { header: 'approved', value: (row) => row.approved },
  { header: 'rejected', value: (row) => row.rejected },
  { header: 'rejection rate', value: (row) => rate(row.rejectionRate) },
  { header: 'active time ms', value: (row) => ms(row.activeMs) },
  { header: 'held time ms', value: (row) => ms(row.heldMs) },
  { header: 'utilisation', value: (row) => rate(row.utilisation) },
  { header: 'tasks per active hour', value: (row) => rate(row.perActiveHour) },
]

function csvOf(report: WorkspaceAnalytics, table: 'projects' | 'people' | 'throughput'): string {
  if (table === 'projects') {
    type Row = WorkspaceAnalytics['projects'][number]
    return toCsv<Row>(
      [{ header: 'project', value: (row) => row.name }, { header: 'status', value: (row) => row.status }, ...effortColumns<Row>()],
      report.projects,
    )
  }
  if (table === 'people') {
    type Row = WorkspaceAnalytics['team'][number]
    return toCsv<Row>(
      [{ header: 'person', value: (row) => report.people[row.user]?.email ?? row.user }, ...effortColumns<Row>()],
      report.team,
    )
  }
  type Row = WorkspaceAnalytics['throughput'][number]
  return toCsv<Row>(
    [
      { header: report.window.bucket, value: (row) => row.bucket },
      { header: 'submitted', value: (row) => row.submitted },
      { header: 'skipped', value: (row) => row.skipped },
      { header: 'approved', value: (row) => row.approved },
      { header: 'rejected', value: (row) => row.rejected },
      { header: 'completed', value: (row) => row.completed },
      { header: 'rejection rate', value: (row) => rate(row.rejectionRate) },
      { header: 'active time ms', value: (row) => ms(row.activeMs) },
      { header: 'held time ms', value: (row) => ms(row.heldMs) },
      { header: 'utilisation', value: (row) => rate(row.utilisation) },
    ],
    report.throughput,
  )
}
