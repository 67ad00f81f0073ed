import { describe, expect, it } from 'vitest'

import { emptyHistogram } from '../../src/domain/analytics/durations.ts'
import type { FigureRow } from '../../src/domain/analytics/report.ts'
import { buildWorkspaceReport, MIN_ACTIVE_MS, ranked } from '../../src/domain/analytics/workspaceReport.ts'

const MIN = 60_000
const row = (by: FigureRow['by'], key: string | null, type: string, events: number, timeMs = 0, heldMs = 0): FigureRow => ({
  type,
  by,
  key,
  events,
  timedEvents: timeMs ? events : 0,
  timeMs,
  heldMs,
  agreement: 0,
  agreementRounds: 0,
  labels: { labelsCreated: 0, labelsEdited: 0, labelsDeleted: 0, labelsApproved: 0, labelsRejected: 0 },
  histogram: emptyHistogram(),
})

describe('ranking productivity', () => {
  const people = [
    { name: 'fast', activeMs: 30 * MIN, perActiveHour: 12 },
    { name: 'steady', activeMs: 60 * MIN, perActiveHour: 6 },
    { name: 'slow', activeMs: 120 * MIN, perActiveHour: 2 },
    // a minute's work is no rate: not ranked however high
    { name: 'blip', activeMs: MIN_ACTIVE_MS - 1, perActiveHour: 60 },
    { name: 'idle', activeMs: 0, perActiveHour: null },
  ]

  it('ranks those with enough active time, best first and worst first', () => {
    const { most, least } = ranked(people)
    expect(most.map((person) => person.name)).toEqual(['fast', 'steady', 'slow'])
    expect(least.map((person) => person.name)).toEqual(['slow', 'steady', 'fast'])
  })

  it('keeps each list to five', () => {
    const many = Array.from({ length: 8 }, (_, at) => ({ name: String(at), activeMs: MIN_ACTIVE_MS, perActiveHour: at }))
    expect(ranked(many).most.map((person) => person.name)).toEqual(['7', '6', '5', '4', '3'])
    expect(ranked(many).least.map((person) => person.name)).toEqual(['0', '1', '2', '3', '4'])
  })
})

describe('the workspace report', () => {
  it('counts projects by status, every status present', () => {
    const report = buildWorkspaceReport(
      [],
      [],
      [
        { id: '1', name: 'A', status: 'in-progress' },
        { id: '2', name: 'B', status: 'in-progress' },
        { id: '3', name: 'C', status: 'paused' },
      ],
      ['not-started', 'in-progress', 'paused'],
    )
    expect(report.projectsByStatus).toEqual({ 'not-started': 0, 'in-progress': 2, paused: 1 })
    expect(report.totals).toMatchObject({ submitted: 0, utilisation: null, perActiveHour: null, activePeople: 0 })
  })

  it("counts a person's verdicts as the subject's, and their reviews as their own work", () => {
    const rows = [
      row('actor', 'ann', 'submitted', 3, 30 * MIN, 45 * MIN),
      row('actor', 'rev', 'approved', 2, 10 * MIN, 10 * MIN),
      row('actor', 'rev', 'rejected', 1, 5 * MIN, 5 * MIN),
      row('subject', 'ann', 'approved', 2),
      row('subject', 'ann', 'rejected', 1),
    ]
    const { team } = buildWorkspaceReport(rows, [], [], [])
    expect(team.map((person) => person.user)).toEqual(['ann', 'rev'])
    expect(team[0]).toMatchObject({ submitted: 3, approved: 2, rejected: 1, rejectionRate: 1 / 3, utilisation: 30 / 45, perActiveHour: 6 })
    expect(team[1]).toMatchObject({ reviewed: 3, approved: 0, rejected: 0, activeMs: 15 * MIN, perActiveHour: 12 })
  })
})
