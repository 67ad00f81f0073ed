import { describe, expect, it } from 'vitest'

import { assignedToStage, workableStages } from '../../src/domain/queue/eligibility.ts'
import { branchProblem, leaseProblem } from '../../src/domain/queue/leaseRule.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'

describe('workableStages', () => {
  const graph = BUILT_IN_TEMPLATES['annotate-review-rework']!.graph
  it('gives Annotators the annotate stages, Reviewers the review stages, managers all working stages', () => {
    expect(workableStages(graph, { projectRoles: ['annotator'] })).toEqual({
      stages: ['annotate', 'rework'],
      reviewStages: [],
      consensusStages: [],
    })
    expect(workableStages(graph, { projectRoles: ['reviewer'] })).toEqual({
      stages: ['review'],
      reviewStages: ['review'],
      consensusStages: [],
    })
    expect(workableStages(graph, { projectRoles: ['annotator', 'reviewer'] }).stages).toEqual(['annotate', 'review', 'rework'])
    expect(workableStages(graph, { projectRoles: ['team-manager'] }).stages).toEqual(['annotate', 'review', 'rework'])
    expect(workableStages(graph, { workspaceRole: 'admin', projectRoles: [] }).stages).toEqual(['annotate', 'review', 'rework'])
    expect(workableStages(graph, { workspaceRole: 'member', projectRoles: [] }).stages).toEqual([])
    expect(workableStages(undefined, { projectRoles: ['annotator'] }).stages).toEqual([])
  })
})

describe('stage-based assignment', () => {
  const graph = {
    stages: [
      { id: 'easy', type: 'annotate', name: 'Easy', config: { users: [7] } },
      { id: 'hard', type: 'annotate', name: 'Hard', config: { groups: [3] } },
      { id: 'open', type: 'annotate', name: 'Open' },
      { id: 'vote', type: 'consensus', name: 'Vote', config: { annotators: 3, users: [7] } },
      { id: 'done', type: 'complete', name: 'Done' },
    ],
    edges: [],
  } as never
  it('serves a stage that names people only to them (or their groups); an unnamed stage to every Annotator', () => {
    expect(workableStages(graph, { projectRoles: ['annotator'] }, { user: 7, groups: [] })).toEqual({
      stages: ['easy', 'open'],
      reviewStages: [],
      consensusStages: [{ id: 'vote', annotators: 3 }],
    })
    expect(workableStages(graph, { projectRoles: ['annotator'] }, { user: '9', groups: ['3'] }).stages).toEqual(['hard', 'open'])
    expect(workableStages(graph, { projectRoles: ['annotator'] }, { user: 9, groups: [] })).toMatchObject({
      stages: ['open'],
      consensusStages: [],
    })
  })
  it('lets managers work every stage whoever it names', () => {
    expect(workableStages(graph, { projectRoles: ['admin'] }, { user: 1, groups: [] })).toMatchObject({
      stages: ['easy', 'hard', 'open'],
      consensusStages: [{ id: 'vote' }],
    })
  })
  it('assignedToStage reads users and groups, ids as numbers or strings', () => {
    expect(assignedToStage({ id: 'x', type: 'review', name: 'X', config: { users: ['5'] } }, { user: 5, groups: [] })).toBe(true)
    expect(assignedToStage({ id: 'x', type: 'review', name: 'X', config: { users: [6] } }, { user: 5, groups: [] })).toBe(false)
    expect(assignedToStage({ id: 'x', type: 'complete', name: 'X' }, { user: 5, groups: [] })).toBe(true)
  })
})

describe('lease rules', () => {
  it('lets the holder act, even after expiry when nobody took the task over', () => {
    expect(leaseProblem({ lease: { holder: 4, live: true }, actor: '4', team: false })).toBeUndefined()
    expect(leaseProblem({ lease: { holder: 4, live: false }, actor: 4, team: false })).toBeUndefined()
  })
  it('refuses anyone while another person holds a live lease, managers included', () => {
    expect(leaseProblem({ lease: { holder: 5, live: true }, actor: 4, team: false })).toMatch(/another person holds this task/)
    expect(leaseProblem({ lease: { holder: 5, live: true }, actor: 4, team: true })).toMatch(/another person holds this task/)
  })
  it('makes workers claim first; managers may act on a task nobody holds', () => {
    expect(leaseProblem({ lease: { holder: null, live: false }, actor: 4, team: false })).toMatch(/^claim the task/)
    expect(leaseProblem({ lease: { holder: 5, live: false }, actor: 4, team: false })).toMatch(/lease on this task is gone/)
    expect(leaseProblem({ lease: { holder: null, live: false }, actor: 4, team: true })).toBeUndefined()
    expect(leaseProblem({ lease: { holder: 5, live: false }, actor: 4, team: true })).toBeUndefined()
  })
  it("treats a consensus branch as the lease: held, unsubmitted, and not lapsed into someone else's hands", () => {
    expect(branchProblem(undefined, 3)).toMatch(/^claim a consensus slot/)
    expect(branchProblem({ submitted: true, live: false, othersHolding: 0 }, 3)).toMatch(/already submitted/)
    expect(branchProblem({ submitted: false, live: false, othersHolding: 3 }, 3)).toMatch(/taken by someone else/)
    expect(branchProblem({ submitted: false, live: false, othersHolding: 2 }, 3)).toBeUndefined()
    expect(branchProblem({ submitted: false, live: true, othersHolding: 2 }, 3)).toBeUndefined()
  })
})
