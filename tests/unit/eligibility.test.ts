import { describe, expect, it } from 'vitest'

import { workableStages } from '../../src/queue/eligibility.ts'
import { BUILT_IN_TEMPLATES } from '../../src/workflow/templates.ts'

describe('workableStages', () => {
  const graph = BUILT_IN_TEMPLATES['annotate-review-rework']!.graph
  it('gives Annotators the annotate stages, Reviewers the review stages, managers all working stages', () => {
    expect(workableStages(graph, ['annotator'], false)).toEqual({ stages: ['annotate', 'rework'], reviewStages: [] })
    expect(workableStages(graph, ['reviewer'], false)).toEqual({ stages: ['review'], reviewStages: ['review'] })
    expect(workableStages(graph, ['annotator', 'reviewer'], false).stages).toEqual(['annotate', 'review', 'rework'])
    expect(workableStages(graph, [], true).stages).toEqual(['annotate', 'review', 'rework'])
    expect(workableStages(graph, [], false).stages).toEqual([])
    expect(workableStages(undefined, ['annotator'], false).stages).toEqual([])
  })
})
