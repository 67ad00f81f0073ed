/**
 * A workspace's report for its Admins, from the journal's figures summed over all its projects
 * (src/sql/analytics/metrics.ts, grouped by project as well): throughput and quality over time, workforce
 * utilisation (active time against the time tasks were held), projects by status, and per-project and
 * per-person tables with the most and least productive of each. Productivity is work done — tasks submitted,
 * skipped or reviewed — per active hour; people and projects with under MIN_ACTIVE_MS of active time are not
 * ranked (a minute's work is no rate). Pure.
 */
import { ANNOTATION_WORK, count, type FigureRow, REVIEW_WORK, sum } from './report.ts'
import { rejectionRate } from './query.ts'

/** Ranked only with at least this much active time. */
export const MIN_ACTIVE_MS = 15 * 60_000
/** How many the most and least productive lists hold. */
export const RANKED = 5

const WORK = [...ANNOTATION_WORK, ...REVIEW_WORK] as const
const HOUR_MS = 3_600_000
const ratio = (a: number, b: number) => (b === 0 ? null : a / b)

export type Effort = {
  submitted: number
  skipped: number
  reviewed: number
  approved: number
  rejected: number
  rejectionRate: number | null
  activeMs: number
  heldMs: number
  /** active over held time */
  utilisation: number | null
  /** tasks submitted, skipped or reviewed per active hour */
  perActiveHour: number | null
  /** the mean agreement of the consensus rounds closed; null with none */
  agreement: number | null
}

/** A grouping key's effort: its own work (as actor) and — for a person — the verdicts on their work (as subject). */
function effortOf(rows: readonly FigureRow[], by: 'project' | 'actor' | 'total', key: string | null): Effort {
  const work = sum(rows, by, key, WORK)
  const done = count(rows, by, key, 'submitted') + count(rows, by, key, 'skipped') + sum(rows, by, key, REVIEW_WORK).events
  // a person's approvals and rejections are the verdicts on their work; a project's, its verdicts
  const judged = by === 'actor' ? 'subject' : by
  const approved = count(rows, judged, key, 'approved')
  const rejected = count(rows, judged, key, 'rejected')
  return {
    submitted: count(rows, by, key, 'submitted'),
    skipped: count(rows, by, key, 'skipped'),
    reviewed: sum(rows, by, key, REVIEW_WORK).events,
    approved,
    rejected,
    rejectionRate: rejectionRate(approved, rejected),
    activeMs: work.timeMs,
    heldMs: work.heldMs,
    utilisation: ratio(work.timeMs, work.heldMs),
    perActiveHour: ratio(done, work.timeMs / HOUR_MS),
    agreement: ratio(work.agreement, work.agreementRounds),
  }
}

/** The most and least productive of some rows: only those with enough active time, best first / worst first. */
export function ranked<T extends { activeMs: number; perActiveHour: number | null }>(rows: readonly T[]): { most: T[]; least: T[] } {
  const rankable = rows.filter((row) => row.activeMs >= MIN_ACTIVE_MS && row.perActiveHour !== null)
  const best = [...rankable].sort((a, b) => b.perActiveHour! - a.perActiveHour!)
  return { most: best.slice(0, RANKED), least: best.reverse().slice(0, RANKED) }
}

export type WorkspaceProject = { id: string; name: string; status: string }

export function buildWorkspaceReport(
  rows: readonly FigureRow[],
  buckets: readonly string[],
  projects: readonly WorkspaceProject[],
  statuses: readonly string[],
) {
  const people = [
    ...new Set(rows.filter((row) => row.by === 'actor' && row.key !== null && WORK.includes(row.type as never)).map((row) => row.key!)),
  ]
    .sort()
    .map((user) => ({ user, ...effortOf(rows, 'actor', user) }))
  const projectRows = projects
    .map((project) => ({ project: project.id, name: project.name, status: project.status, ...effortOf(rows, 'project', project.id) }))
    .sort((a, b) => b.submitted + b.reviewed - (a.submitted + a.reviewed) || a.name.localeCompare(b.name))
  const throughput = buckets.map((bucket) => {
    const work = sum(rows, 'bucket', bucket, WORK)
    const approved = count(rows, 'bucket', bucket, 'approved')
    const rejected = count(rows, 'bucket', bucket, 'rejected')
    return {
      bucket,
      submitted: count(rows, 'bucket', bucket, 'submitted'),
      skipped: count(rows, 'bucket', bucket, 'skipped'),
      approved,
      rejected,
      completed: count(rows, 'bucket', bucket, 'completed'),
      rejectionRate: rejectionRate(approved, rejected),
      activeMs: work.timeMs,
      heldMs: work.heldMs,
      utilisation: ratio(work.timeMs, work.heldMs),
      agreement: ratio(work.agreement, work.agreementRounds),
    }
  })
  return {
    totals: { ...effortOf(rows, 'total', null), completed: count(rows, 'total', null, 'completed'), activePeople: people.length },
    projectsByStatus: Object.fromEntries(
      statuses.map((status) => [status, projects.filter((project) => project.status === status).length]),
    ),
    throughput,
    projects: projectRows,
    /** the per-person table (the report's `people` are their names) */
    team: [...people].sort((a, b) => b.submitted + b.reviewed - (a.submitted + a.reviewed) || a.user.localeCompare(b.user)),
    productivity: { people: ranked(people), projects: ranked(projectRows) },
  }
}
