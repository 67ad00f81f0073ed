import { describe, expect, it } from 'vitest'

import { durationBucket, emptyHistogram } from '../../src/domain/analytics/durations.ts'
import { buildReport, type FigureRow } from '../../src/domain/analytics/report.ts'

const labels = (fields: Partial<FigureRow['labels']> = {}): FigureRow['labels'] => ({
  labelsCreated: 0,
  labelsEdited: 0,
  labelsDeleted: 0,
  labelsApproved: 0,
  labelsRejected: 0,
  ...fields,
})
/** One grouping's row for events of `type` with these durations. */
function row(
  by: FigureRow['by'],
  key: string | null,
  type: string,
  durations: number[],
  extra: Partial<FigureRow['labels']> = {},
  untimed = 0,
  heldMs = 0,
): FigureRow {
  const histogram = emptyHistogram()
  for (const ms of durations) histogram[durationBucket(ms)]! += 1
  return {
    type,
    by,
    key,
    events: durations.length + untimed,
    timedEvents: durations.length,
    timeMs: durations.reduce((a, b) => a + b, 0),
    heldMs,
    agreement: 0,
    agreementRounds: 0,
    labels: labels(extra),
    histogram,
  }
}

describe('the analytics report', () => {
  // ann submits twice (10 s, 50 s active of 120 s held; 3 and 1 labels created), rev approves one (8 s, 3 labels) and rejects one (12 s, 1 label)
  const rows: FigureRow[] = [
    row('total', null, 'submitted', [10_000, 50_000], { labelsCreated: 4 }, 0, 120_000),
    row('total', null, 'approved', [8_000], { labelsApproved: 3 }),
    row('total', null, 'rejected', [12_000], { labelsRejected: 1 }),
    row('actor', 'ann', 'submitted', [10_000, 50_000], { labelsCreated: 4 }, 0, 120_000),
    row('actor', 'rev', 'approved', [8_000], { labelsApproved: 3 }),
    row('actor', 'rev', 'rejected', [12_000], { labelsRejected: 1 }),
    row('subject', 'ann', 'approved', [8_000], { labelsApproved: 3 }),
    row('subject', 'ann', 'rejected', [12_000], { labelsRejected: 1 }),
    row('bucket', '2026-11-20', 'submitted', [10_000, 50_000], { labelsCreated: 4 }),
    row('bucket', '2026-11-21', 'rejected', [12_000], { labelsRejected: 1 }),
  ]
  const issues = [
    { kind: 'assignee' as const, key: 'ann', count: 1 },
    { kind: 'raisedBy' as const, key: 'rev', count: 1 },
    { kind: 'raised' as const, key: '2026-11-21', count: 1 },
  ]

  it('counts, rates and time with percentiles from the histograms', () => {
    const report = buildReport(rows, issues, ['2026-11-20', '2026-11-21', '2026-11-22'])
    expect(report.tasks).toMatchObject({ submitted: 2, approved: 1, rejected: 1, rejectionRate: 0.5 })
    expect(report.labels).toEqual({ created: 4, edited: 0, deleted: 0, approved: 3, rejected: 1, rejectionRate: 0.25 })
    // 10 s in [10,15), 50 s in [45,60): p50 the first (10 + ½·5 s), p90 the second (45 + ½·15 s)
    expect(report.time.annotation).toEqual({
      totalMs: 60_000,
      heldMs: 120_000,
      utilisation: 0.5,
      timedTasks: 2,
      avgMs: 30_000,
      p50Ms: 12_500,
      p90Ms: 52_500,
      perLabelMs: 15_000,
    })
    expect(report.annotators[0]!.time).toMatchObject({ totalMs: 60_000, heldMs: 120_000, utilisation: 0.5 })
    expect(report.annotators).toEqual([
      expect.objectContaining({
        user: 'ann',
        submitted: 2,
        approved: 1,
        rejected: 1,
        rejectionRate: 0.5,
        labelRejectionRate: 0.25,
        openIssues: 1,
      }),
    ])
    expect(report.reviewers).toEqual([
      expect.objectContaining({ user: 'rev', reviewed: 2, labelsApproved: 3, labelsRejected: 1, openIssuesRaised: 1 }),
    ])
    expect(report.reviewers[0]!.time).toMatchObject({ totalMs: 20_000, avgMs: 10_000, perLabelMs: 5_000 })
    // every bucket of the window has a row, empty ones included
    expect(report.throughput.map((entry) => [entry.bucket, entry.submitted, entry.rejected])).toEqual([
      ['2026-11-20', 2, 0],
      ['2026-11-21', 0, 1],
      ['2026-11-22', 0, 0],
    ])
    expect(report.issues.overTime).toEqual([
      { bucket: '2026-11-20', raised: 0, resolved: 0 },
      { bucket: '2026-11-21', raised: 1, resolved: 0 },
      { bucket: '2026-11-22', raised: 0, resolved: 0 },
    ])
  })

  it("keeps a person's report to their own rows", () => {
    const report = buildReport([...rows, row('stage', 'annotate', 'submitted', [10_000, 50_000])], issues, ['2026-11-20'], ['ann'])
    expect(report.annotators.map((entry) => entry.user)).toEqual(['ann'])
    expect(report.reviewers).toEqual([])
    // the stage table is not a people table: it stays
    expect(report.stages.map((entry) => entry.stage)).toEqual(['annotate'])
  })

  it('answers null, not zero, where there is nothing to divide', () => {
    const report = buildReport([], [], [])
    expect(report.tasks.rejectionRate).toBeNull()
    expect(report.time.annotation).toEqual({
      totalMs: 0,
      heldMs: 0,
      utilisation: null,
      timedTasks: 0,
      avgMs: null,
      p50Ms: null,
      p90Ms: null,
      perLabelMs: null,
    })
  })
})
