import { describe, expect, it } from 'vitest'

import { reviewedCounts, submittedCounts } from '../../src/domain/analytics/labelCounts.ts'

const box = (x: number) => ({ x, y: 0.1, w: 0.2, h: 0.2 })

describe('label counts for the journal', () => {
  it('counts every item of a first submit as created', () => {
    expect(
      submittedCounts(null, {
        objects: [
          { id: 'a', featureId: 'car', geometry: box(0.1) },
          { id: 'b', featureId: 'car', geometry: box(0.5) },
        ],
        classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
      }),
    ).toEqual({ labelsCreated: 3, labelsEdited: 0, labelsDeleted: 0 })
  })

  it('counts a rework against what the review saw: created, edited (key order aside) and deleted', () => {
    const reviewed = {
      objects: [
        { id: 'a', featureId: 'car', geometry: box(0.1) },
        { id: 'b', featureId: 'car', geometry: box(0.5) },
      ],
      classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
    }
    const submitted = {
      objects: [
        { geometry: { h: 0.2, w: 0.2, y: 0.1, x: 0.1 }, featureId: 'car', id: 'a' }, // same box, keys reordered
        { id: 'c', featureId: 'person', geometry: { x: 0.3, y: 0.3 } },
      ],
      classifications: [{ featureId: 'weather', optionIds: ['rain'] }],
    }
    expect(submittedCounts(reviewed, submitted)).toEqual({ labelsCreated: 1, labelsEdited: 1, labelsDeleted: 1 })
  })

  it('counts a review by its verdicts', () => {
    expect(reviewedCounts([{ verdict: 'approve' }, { verdict: 'reject' }, { verdict: 'approve' }])).toEqual({
      labelsApproved: 2,
      labelsRejected: 1,
    })
    expect(reviewedCounts([])).toEqual({ labelsApproved: 0, labelsRejected: 0 })
  })
})
