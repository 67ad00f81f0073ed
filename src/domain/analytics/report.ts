/**
 * A project's analytics report, put together from summed figures (src/sql/analytics/metrics.ts): counts,
 * rates, time per task and per label with p50 / p90 from the duration histograms, throughput per bucket, and
 * the per-annotator and per-reviewer tables. Actions count once they happened in the journal: a submit,
 * skip or release is the annotator's; an approval or rejection is the reviewer's, and — as a verdict on their
 * work — the annotator's too (its subject). Pure.
 */
import { addHistogram, emptyHistogram, histogramQuantile } from './durations.ts'
import { rejectionRate } from './query.ts'

type Labels = { labelsCreated: number; labelsEdited: number; labelsDeleted: number; labelsApproved: number; labelsRejected: number }
export type FigureRow = {
  type: string
  by: 'total' | 'project' | 'actor' | 'subject' | 'stage' | 'bucket'
  key: string | null
  events: number
  timedEvents: number
  timeMs: number
  /** the time the actors held the tasks their actions ended (timeMs is its active part) */
  heldMs: number
  /** the summed agreement of the consensus rounds these events closed, and how many */
  agreement: number
  agreementRounds: number
  labels: Labels
  histogram: number[]
}
export type IssueFigure = { kind: 'assignee' | 'raisedBy' | 'raised' | 'resolved'; key: string | null; count: number }

/** The annotator's own work, and the reviewer's. */
export const ANNOTATION_WORK = ['submitted', 'skipped', 'released'] as const
export const REVIEW_WORK = ['approved', 'rejected'] as const
const TASK_COUNTS = ['submitted', 'skipped', 'released', 'approved', 'rejected', 'completed', 'reopened'] as const

export type TimeStats = {
  /** active time: the time spent the actions reported (idle time left out), never more than the hold */
  totalMs: number
  /** the time the tasks were held (claim to action): active plus idle */
  heldMs: number
  /** active over held time; null when nothing was held */
  utilisation: number | null
  timedTasks: number
  avgMs: number | null
  p50Ms: number | null
  p90Ms: number | null
  perLabelMs: number | null
}

// a report asks for hundreds of sums over the same figures: their rows are grouped by (grouping, key) once
const groupedRows = new WeakMap<readonly FigureRow[], Map<string, FigureRow[]>>()
const groupKey = (by: FigureRow['by'], key: string | null) => (key === null ? by : `${by}:${key}`)

/** The rows of one grouping and key (figures are read, never changed, once summed). */
function rowsOf(rows: readonly FigureRow[], by: FigureRow['by'], key: string | null): readonly FigureRow[] {
  let groups = groupedRows.get(rows)
  if (!groups) {
    groups = new Map()
    for (const row of rows) {
      const group = groups.get(groupKey(row.by, row.key))
      if (group) group.push(row)
      else groups.set(groupKey(row.by, row.key), [row])
    }
    groupedRows.set(rows, groups)
  }
  return groups.get(groupKey(by, key)) ?? []
}

/** A figure row's measures: what sums add up. */
export type Measures = Pick<
  FigureRow,
  'events' | 'timedEvents' | 'timeMs' | 'heldMs' | 'agreement' | 'agreementRounds' | 'labels' | 'histogram'
>

/** Adds a row's measures into a running total. */
export function addMeasures(total: Measures, row: Measures): void {
  total.events += row.events
  total.timedEvents += row.timedEvents
  total.timeMs += row.timeMs
  total.heldMs += row.heldMs
  total.agreement += row.agreement
  total.agreementRounds += row.agreementRounds
  total.labels.labelsCreated += row.labels.labelsCreated
  total.labels.labelsEdited += row.labels.labelsEdited
  total.labels.labelsDeleted += row.labels.labelsDeleted
  total.labels.labelsApproved += row.labels.labelsApproved
  total.labels.labelsRejected += row.labels.labelsRejected
  addHistogram(total.histogram, row.histogram)
}

/** The sum of the rows of one grouping and key over some event types. */
export function sum(rows: readonly FigureRow[], by: FigureRow['by'], key: string | null, types: readonly string[]): Measures {
  const labels: Labels = { labelsCreated: 0, labelsEdited: 0, labelsDeleted: 0, labelsApproved: 0, labelsRejected: 0 }
  const total = { events: 0, timedEvents: 0, timeMs: 0, heldMs: 0, agreement: 0, agreementRounds: 0, labels, histogram: emptyHistogram() }
  for (const row of rowsOf(rows, by, key)) if (types.includes(row.type)) addMeasures(total, row)
  return total
}

/** The events of one grouping and key of one type. */
export function count(rows: readonly FigureRow[], by: FigureRow['by'], key: string | null, type: string): number {
  let events = 0
  for (const row of rowsOf(rows, by, key)) if (row.type === type) events += row.events
  return events
}
const ratio = (a: number, b: number) => (b === 0 ? null : a / b)

/** Time per task (the actions that carried a time) and per label item, with the percentiles of the histogram. */
function timeStats(summed: Measures, labelItems: number): TimeStats {
  return {
    totalMs: summed.timeMs,
    heldMs: summed.heldMs,
    utilisation: ratio(summed.timeMs, summed.heldMs),
    timedTasks: summed.timedEvents,
    avgMs: ratio(summed.timeMs, summed.timedEvents),
    p50Ms: histogramQuantile(summed.histogram, 0.5),
    p90Ms: histogramQuantile(summed.histogram, 0.9),
    perLabelMs: ratio(summed.timeMs, labelItems),
  }
}

const annotatedItems = (labels: Labels) => labels.labelsCreated + labels.labelsEdited
const reviewedItems = (labels: Labels) => labels.labelsApproved + labels.labelsRejected

export type AnnotatorRow = {
  user: string
  submitted: number
  skipped: number
  released: number
  approved: number
  rejected: number
  rejectionRate: number | null
  labelsCreated: number
  labelsEdited: number
  labelsDeleted: number
  labelsApproved: number
  labelsRejected: number
  labelRejectionRate: number | null
  time: TimeStats
  openIssues: number
}
export type ReviewerRow = {
  user: string
  reviewed: number
  approved: number
  rejected: number
  labelsApproved: number
  labelsRejected: number
  time: TimeStats
  openIssuesRaised: number
}

export function annotatorRow(rows: readonly FigureRow[], user: string, openIssues: number): AnnotatorRow {
  const work = sum(rows, 'actor', user, ANNOTATION_WORK)
  const judged = sum(rows, 'subject', user, REVIEW_WORK)
  const approved = count(rows, 'subject', user, 'approved')
  const rejected = count(rows, 'subject', user, 'rejected')
  return {
    user,
    submitted: count(rows, 'actor', user, 'submitted'),
    skipped: count(rows, 'actor', user, 'skipped'),
    released: count(rows, 'actor', user, 'released'),
    approved,
    rejected,
    rejectionRate: rejectionRate(approved, rejected),
    labelsCreated: work.labels.labelsCreated,
    labelsEdited: work.labels.labelsEdited,
    labelsDeleted: work.labels.labelsDeleted,
    labelsApproved: judged.labels.labelsApproved,
    labelsRejected: judged.labels.labelsRejected,
    labelRejectionRate: rejectionRate(judged.labels.labelsApproved, judged.labels.labelsRejected),
    time: timeStats(work, annotatedItems(work.labels)),
    openIssues,
  }
}

export function reviewerRow(rows: readonly FigureRow[], user: string, openIssuesRaised: number): ReviewerRow {
  const work = sum(rows, 'actor', user, REVIEW_WORK)
  return {
    user,
    reviewed: work.events,
    approved: count(rows, 'actor', user, 'approved'),
    rejected: count(rows, 'actor', user, 'rejected'),
    labelsApproved: work.labels.labelsApproved,
    labelsRejected: work.labels.labelsRejected,
    time: timeStats(work, reviewedItems(work.labels)),
    openIssuesRaised,
  }
}

export type AnalyticsReport = ReturnType<typeof buildReport>

/**
 * The whole report. `buckets`: every bucket label of the window, in order (throughput has a row for each);
 * `people`: a person's figures only (theirs, or one collaborator's) — the tables hold only their rows.
 */
export function buildReport(
  rows: readonly FigureRow[],
  issues: readonly IssueFigure[],
  buckets: readonly string[],
  people?: readonly string[],
) {
  const keys = (by: FigureRow['by'], types: readonly string[]) =>
    [...new Set(rows.filter((row) => row.by === by && row.key !== null && types.includes(row.type)).map((row) => row.key!))]
      // a person's report: the people tables hold only them (stages and buckets are theirs already)
      .filter((key) => !people || (by !== 'actor' && by !== 'subject') || people.includes(key))
      .sort()
  const issueCount = (kind: IssueFigure['kind'], key: string | null) =>
    issues.filter((issue) => issue.kind === kind && issue.key === key).reduce((total, issue) => total + issue.count, 0)

  const tasks = Object.fromEntries(TASK_COUNTS.map((type) => [type, count(rows, 'total', null, type)])) as Record<
    (typeof TASK_COUNTS)[number],
    number
  >
  const annotation = sum(rows, 'total', null, ANNOTATION_WORK)
  const review = sum(rows, 'total', null, REVIEW_WORK)
  const annotators = [...new Set([...keys('actor', ANNOTATION_WORK), ...keys('subject', REVIEW_WORK)])]
    .sort()
    .map((user) => annotatorRow(rows, user, issueCount('assignee', user)))
  const reviewers = keys('actor', REVIEW_WORK).map((user) => reviewerRow(rows, user, issueCount('raisedBy', user)))
  const stages = keys('stage', [...ANNOTATION_WORK, ...REVIEW_WORK]).map((stage) => {
    const work = sum(rows, 'stage', stage, [...ANNOTATION_WORK, ...REVIEW_WORK])
    return {
      stage,
      submitted: count(rows, 'stage', stage, 'submitted'),
      skipped: count(rows, 'stage', stage, 'skipped'),
      approved: count(rows, 'stage', stage, 'approved'),
      rejected: count(rows, 'stage', stage, 'rejected'),
      time: timeStats(work, annotatedItems(work.labels) + reviewedItems(work.labels)),
    }
  })
  /** the mean agreement of the consensus rounds closed by a grouping's submits; null with none */
  const agreementOf = (by: FigureRow['by'], key: string | null) => {
    const closed = sum(rows, by, key, ['submitted'])
    return ratio(closed.agreement, closed.agreementRounds)
  }
  const throughput = buckets.map((bucket) => ({
    bucket,
    agreement: agreementOf('bucket', bucket),
    submitted: count(rows, 'bucket', bucket, 'submitted'),
    skipped: count(rows, 'bucket', bucket, 'skipped'),
    approved: count(rows, 'bucket', bucket, 'approved'),
    rejected: count(rows, 'bucket', bucket, 'rejected'),
    completed: count(rows, 'bucket', bucket, 'completed'),
    rejectionRate: rejectionRate(count(rows, 'bucket', bucket, 'approved'), count(rows, 'bucket', bucket, 'rejected')),
  }))
  return {
    tasks: { ...tasks, rejectionRate: rejectionRate(tasks.approved, tasks.rejected) },
    /** consensus rounds closed in the window and their mean agreement (src/quality) */
    consensus: { rounds: sum(rows, 'total', null, ['submitted']).agreementRounds, agreement: agreementOf('total', null) },
    labels: {
      created: annotation.labels.labelsCreated,
      edited: annotation.labels.labelsEdited,
      deleted: annotation.labels.labelsDeleted,
      approved: review.labels.labelsApproved,
      rejected: review.labels.labelsRejected,
      rejectionRate: rejectionRate(review.labels.labelsApproved, review.labels.labelsRejected),
    },
    time: { annotation: timeStats(annotation, annotatedItems(annotation.labels)), review: timeStats(review, reviewedItems(review.labels)) },
    stages,
    throughput,
    annotators,
    reviewers,
    issues: {
      open: issues.filter((issue) => issue.kind === 'assignee').reduce((total, issue) => total + issue.count, 0),
      openByAnnotator: issues.filter((issue) => issue.kind === 'assignee').map((issue) => ({ user: issue.key, open: issue.count })),
      openByReviewer: issues.filter((issue) => issue.kind === 'raisedBy').map((issue) => ({ user: issue.key, open: issue.count })),
      overTime: buckets.map((bucket) => ({ bucket, raised: issueCount('raised', bucket), resolved: issueCount('resolved', bucket) })),
    },
  }
}
