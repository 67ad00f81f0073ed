import { describe, expect, it } from 'vitest'

import { type MyWorkCountRow, projectWork, sortProjectWork, stageTotals } from '../../src/domain/queue/myWork.ts'
import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'

const workflow: WorkflowGraph = {
  stages: [
    { id: 'annotate', type: 'annotate', name: 'Annotate' },
    { id: 'review', type: 'review', name: 'Review' },
    { id: 'complete', type: 'complete', name: 'Complete' },
  ],
  edges: [
    { from: 'annotate', pathway: 'submit', to: 'review' },
    { from: 'review', pathway: 'approve', to: 'complete' },
    { from: 'review', pathway: 'reject', to: 'annotate' },
  ],
}
const project = {
  id: 1,
  name: 'Streets',
  status: 'in-progress' as const,
  workspace: { id: 9, name: 'Acme' },
  workflow,
  allowSelfReview: false,
}
const row = (stage: string, status: string, counts: Partial<MyWorkCountRow> = {}): MyWorkCountRow => ({
  project: 1,
  stage,
  status,
  total: 0,
  open: 0,
  ownAnnotation: 0,
  held: 0,
  ...counts,
})
const counts = [
  row('annotate', 'new', { total: 10, open: 8, held: 1 }),
  row('annotate', 'reopened', { total: 2, open: 2 }),
  row('review', 'new', { total: 5, open: 5, ownAnnotation: 2 }),
  row('complete', 'completed', { total: 7 }),
]
const who = { user: 3, groups: [] }
const work = (projectRoles: Array<'annotator' | 'reviewer' | 'team-manager' | 'admin'>, status = project.status as string) =>
  projectWork({ project: { ...project, status: status as 'in-progress' }, actor: { projectRoles }, who, counts, slots: [], issues: 2 })

describe('my work, per project', () => {
  it('an Annotator: annotate work (rework among it), what they hold, no reviews, no totals', () => {
    expect(work(['annotator'])).toMatchObject({
      next: { annotate: 9, rework: 2, review: 0, inProgress: 1, issues: 2 },
      canClaim: true,
      stages: null,
      closed: null,
    })
  })

  it('a Reviewer: reviews, never of their own annotation unless the project allows it', () => {
    expect(work(['reviewer']).next).toMatchObject({ annotate: 0, review: 3 })
    const selfReview = projectWork({
      project: { ...project, allowSelfReview: true },
      actor: { projectRoles: ['reviewer'] },
      who,
      counts,
      slots: [],
      issues: 0,
    })
    expect(selfReview.next.review).toBe(5)
  })

  it('a Team Manager: the totals per stage, in the workflow order', () => {
    expect(work(['team-manager']).stages).toEqual([
      { id: 'annotate', name: 'Annotate', type: 'annotate', total: 12, open: 12, completed: 0 },
      { id: 'review', name: 'Review', type: 'review', total: 5, open: 5, completed: 0 },
      { id: 'complete', name: 'Complete', type: 'complete', total: 7, open: 0, completed: 7 },
    ])
  })

  it('a paused project says why its Annotators have nothing to do', () => {
    expect(work(['annotator'], 'paused').closed).toMatch(/Paused/)
    expect(work(['team-manager'], 'paused').closed).toBeNull()
  })

  it('consensus slots: submitted ones are not served again, live ones are work in progress', () => {
    const consensus: WorkflowGraph = {
      stages: [
        { id: 'c', type: 'consensus', name: 'Consensus', config: { annotators: 3 } },
        { id: 'done', type: 'complete', name: 'Done' },
      ],
      edges: [{ from: 'c', pathway: 'resolve', to: 'done' }],
    }
    const result = projectWork({
      project: { ...project, workflow: consensus },
      actor: { projectRoles: ['annotator'] },
      who,
      counts: [row('c', 'new', { total: 6, open: 6 })],
      slots: [{ project: 1, stage: 'c', live: 1, submitted: 2 }],
      issues: 0,
    })
    expect(result.next).toMatchObject({ annotate: 3, inProgress: 1 })
  })

  it('stages left out of the workflow still count, after it', () => {
    expect(stageTotals(workflow, [row('old', 'new', { total: 2 })]).at(-1)).toMatchObject({ id: 'old', type: 'unknown', open: 2 })
  })

  it('sorts projects with work waiting first, then In progress, then by name', () => {
    const quiet = projectWork({
      project: { ...project, id: 2, name: 'A quiet one' },
      actor: { projectRoles: ['annotator'] },
      who,
      counts: [],
      slots: [],
      issues: 0,
    })
    const busy = work(['annotator'])
    expect(sortProjectWork([quiet, busy]).map((item) => item.project.name)).toEqual(['Streets', 'A quiet one'])
  })
})
