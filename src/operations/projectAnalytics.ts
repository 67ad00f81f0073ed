import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { type CsvColumn, csvFilename, toCsv } from '../domain/analytics/csv.ts'
import { analyticsQuerySchema, analyticsWindow, readPlan } from '../domain/analytics/query.ts'
import { type AnnotatorRow, buildReport, type ReviewerRow } from '../domain/analytics/report.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { canInProject } from '../domain/projects/capabilities.ts'
import { foldTotals, queueQuerySchema } from '../domain/queue/listing.ts'
import { FieldRuleError, ForbiddenChangeError } from '../errors.ts'
import { type ClassInstances, classInstances } from '../sql/analytics/classInstances.ts'
import { bucketLabels, issueFigures, journalFigures, type MetricsScope } from '../sql/analytics/metrics.ts'
import { queueTotals } from '../sql/queue/queueListing.ts'
import type { Id } from '../types.ts'
import { peopleByIds } from './peopleByIds.ts'
import { parseInput, wholePart } from './input.ts'
import { cachedOntology } from './ontologyCache.ts'
import { together } from '../db/together.ts'
import { loadProjectContext } from './projectContext.ts'

/** A report as callers ask for it: the project and the query string's keys (strings, as a URL carries them). */
export const projectAnalyticsSchema = z.object({ project: documentIdSchema, query: wholePart(analyticsQuerySchema) }).strict()

export type ProjectAnalytics = Awaited<ReturnType<typeof projectReport>>

/**
 * A project's analytics for a window: Team Managers, project Admins and workspace Admins see the team (and may
 * narrow it to one collaborator); Annotators and Reviewers see their own figures only. `format=csv` answers one
 * table (`table=annotators|reviewers|stages|throughput`) as CSV instead.
 */
export async function projectAnalytics({ req, input }: { req: PayloadRequest; input: unknown }) {
  requireUser(req, 'see analytics')
  const { project, query } = parseInput(projectAnalyticsSchema, input)
  const report = await projectReport(req, project, query)
  if (query.format !== 'csv') return report
  return { csv: csvOf(report, query.table!), filename: csvFilename(report.project.name, query.table!) }
}

async function projectReport(req: PayloadRequest, projectId: Id, query: z.infer<typeof analyticsQuerySchema>) {
  const now = new Date()
  const window = analyticsWindow(query, now)
  if ('path' in window) throw new FieldRuleError(window.path, window.message)
  const { actor, project, projectActor } = await loadProjectContext(req, projectId)
  assertCan(projectActor, 'project.analytics.read')
  const team = canInProject(projectActor, 'project.analytics.read', 'team')
  if (!team && query.collaborator !== undefined && String(query.collaborator) !== String(actor.userId))
    throw new ForbiddenChangeError('collaborator', 'you see your own figures in this project; Team Managers and Admins see anyone’s')
  const people = team ? (query.collaborator !== undefined ? [query.collaborator] : undefined) : [actor.userId]

  const { raw, whole, edges, utcDayBuckets } = readPlan(query, window)
  const scope = {
    projects: [project.id],
    rollupWindow: whole,
    rawWindows: edges,
    bucket: query.bucket,
    timeZone: query.timeZone,
    utcDayBuckets,
    now,
    people,
    stage: query.stage,
    dataset: query.dataset,
    dataItemName: query.dataItemName,
    ontologyClass: query.ontologyClass,
  }
  const issueScope = { project: project.id, window, bucket: query.bucket, timeZone: query.timeZone, people }
  const [{ rows, named }, issues, buckets, totals, instances, ontology] = await together(req, [
    () => figuresAndPeople(req, scope),
    () => issueFigures(req, issueScope),
    () => bucketLabels(req, window, query.bucket, query.timeZone),
    () => (team ? queueTotals(req, project.id, queueQuerySchema.parse({})) : Promise.resolve(null)),
    () => classInstances(req, { projects: [project.id], window, people, dataset: query.dataset, dataItemName: query.dataItemName }),
    () => (project.ontology ? cachedOntology(req, project.ontology) : Promise.resolve(null)),
  ] as const)
  const report = buildReport(rows, issues, buckets, people?.map(String))
  const stageNames = Object.fromEntries((project.workflow?.stages ?? []).map((stage) => [stage.id, stage.name ?? stage.id]))
  return {
    project: { id: project.id, name: (project as { name?: string }).name ?? String(project.id) },
    window: { from: window.from.toISOString(), to: window.to.toISOString(), bucket: query.bucket, timeZone: query.timeZone },
    scope: team ? ('team' as const) : ('own' as const),
    source: raw ? ('journal' as const) : ('rollups' as const),
    people: only(named, [...report.annotators.map((row) => row.user), ...report.reviewers.map((row) => row.user)]),
    stageNames,
    stagesNow: totals ? foldTotals(totals) : null,
    classInstances: namedClasses(instances, ontology as OntologyNames | null, query.ontologyClass),
    ...report,
  }
}

/**
 * The figures, and everyone they name as actor or subject — looked up as soon as the figures are in, beside the
 * report's other reads rather than after them; the answer keeps only the people its tables show.
 */
async function figuresAndPeople(req: PayloadRequest, scope: MetricsScope) {
  const rows = await journalFigures(req, scope)
  // one person's report shows only them: the others in their rows (the reviewer of their work) are not looked up
  const shown = scope.people?.map(String)
  const keys = rows
    .filter((row) => (row.by === 'actor' || row.by === 'subject') && row.key !== null && (!shown || shown.includes(row.key)))
    .map((row) => row.key!)
  return { rows, named: await peopleByIds(req, keys) }
}

const only = <T>(found: Record<string, T>, users: string[]): Record<string, T> =>
  Object.fromEntries(users.filter((user) => user in found).map((user) => [user, found[user]!]))

type OntologyNames = { objects?: Array<{ id: string; name?: string }>; classifications?: Array<{ id: string; name?: string }> }

/** The instance counts with each feature's name from the ontology (one feature when the report is filtered to it). */
function namedClasses(instances: ClassInstances[], ontology: OntologyNames | null, only: string | undefined) {
  const names = new Map([...(ontology?.objects ?? []), ...(ontology?.classifications ?? [])].map((feature) => [feature.id, feature.name]))
  return instances
    .filter((row) => only === undefined || row.feature === only)
    .map((row) => ({ ...row, name: names.get(row.feature) ?? row.feature }))
}

const ms = (value: number | null) => (value === null ? null : Math.round(value))

function csvOf(report: ProjectAnalytics, table: 'annotators' | 'reviewers' | 'stages' | 'throughput'): string {
  const who = (user: string) => report.people[user]?.email ?? user
  if (table === 'annotators') {
    const columns: Array<CsvColumn<AnnotatorRow>> = [
      { header: 'annotator', value: (row) => who(row.user) },
      { header: 'submitted', value: (row) => row.submitted },
      { header: 'skipped', value: (row) => row.skipped },
      { header: 'approved', value: (row) => row.approved },
      { header: 'rejected', value: (row) => row.rejected },
      { header: 'rejection rate', value: (row) => row.rejectionRate },
      { header: 'labels created', value: (row) => row.labelsCreated },
      { header: 'labels edited', value: (row) => row.labelsEdited },
      { header: 'labels deleted', value: (row) => row.labelsDeleted },
      { header: 'label rejection rate', value: (row) => row.labelRejectionRate },
      { header: 'annotation time ms', value: (row) => row.time.totalMs },
      { header: 'held time ms', value: (row) => row.time.heldMs },
      { header: 'avg ms per task', value: (row) => ms(row.time.avgMs) },
      { header: 'p50 ms per task', value: (row) => row.time.p50Ms },
      { header: 'p90 ms per task', value: (row) => row.time.p90Ms },
      { header: 'avg ms per label', value: (row) => ms(row.time.perLabelMs) },
      { header: 'open issues', value: (row) => row.openIssues },
    ]
    return toCsv(columns, report.annotators)
  }
  if (table === 'reviewers') {
    const columns: Array<CsvColumn<ReviewerRow>> = [
      { header: 'reviewer', value: (row) => who(row.user) },
      { header: 'reviewed', value: (row) => row.reviewed },
      { header: 'approved', value: (row) => row.approved },
      { header: 'rejected', value: (row) => row.rejected },
      { header: 'labels approved', value: (row) => row.labelsApproved },
      { header: 'labels rejected', value: (row) => row.labelsRejected },
      { header: 'review time ms', value: (row) => row.time.totalMs },
      { header: 'held time ms', value: (row) => row.time.heldMs },
      { header: 'avg ms per task', value: (row) => ms(row.time.avgMs) },
      { header: 'avg ms per label', value: (row) => ms(row.time.perLabelMs) },
      { header: 'open issues raised', value: (row) => row.openIssuesRaised },
    ]
    return toCsv(columns, report.reviewers)
  }
  if (table === 'stages') {
    return toCsv<ProjectAnalytics['stages'][number]>(
      [
        { header: 'stage', value: (row) => report.stageNames[row.stage] ?? row.stage },
        { header: 'submitted', value: (row) => row.submitted },
        { header: 'skipped', value: (row) => row.skipped },
        { header: 'approved', value: (row) => row.approved },
        { header: 'rejected', value: (row) => row.rejected },
        { header: 'time ms', value: (row) => row.time.totalMs },
        { header: 'avg ms per task', value: (row) => ms(row.time.avgMs) },
        { header: 'p50 ms per task', value: (row) => row.time.p50Ms },
        { header: 'p90 ms per task', value: (row) => row.time.p90Ms },
      ],
      report.stages,
    )
  }
  return toCsv<ProjectAnalytics['throughput'][number]>(
    [
      { header: report.window.bucket, value: (row) => row.bucket },
      { header: 'submitted', value: (row) => row.submitted },
      { header: 'skipped', value: (row) => row.skipped },
      { header: 'approved', value: (row) => row.approved },
      { header: 'rejected', value: (row) => row.rejected },
      { header: 'completed', value: (row) => row.completed },
    ],
    report.throughput,
  )
}
