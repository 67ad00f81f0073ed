import { describe, expect, it } from 'vitest'

import { decide, diffLabels, reviewKeys } from '../../src/domain/labels/review.ts'

const label = {
  objects: [
    { id: 'a', featureId: 'car', geometry: { x: 0, y: 0, w: 0.1, h: 0.1 } },
    { id: 'b', featureId: 'car', geometry: { x: 0.5, y: 0, w: 0.1, h: 0.1 } },
  ],
  classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
}

describe('decide', () => {
  it('covers every item with a decision or `all`', () => {
    expect(reviewKeys(label)).toEqual(['object:a', 'object:b', 'classification:weather'])
    const decided = decide(label, [{ target: 'object', id: 'b', verdict: 'reject', note: ' loose ' }], 'approve')
    expect('verdicts' in decided && [...decided.verdicts]).toEqual([
      ['object:b', { verdict: 'reject', note: 'loose' }],
      ['object:a', { verdict: 'approve', note: null }],
      ['classification:weather', { verdict: 'approve', note: null }],
    ])
  })
  it('refuses unknown, doubled and undecided items, and rejections without a note', () => {
    const problems = (result: ReturnType<typeof decide>) => ('problems' in result ? result.problems.map((problem) => problem.path) : [])
    expect(problems(decide(label, [{ target: 'object', id: 'z', verdict: 'approve' }], 'approve'))).toEqual(['decisions[0].id'])
    expect(
      problems(
        decide(
          label,
          [
            { target: 'object', id: 'a', verdict: 'approve' },
            { target: 'object', id: 'a', verdict: 'approve' },
          ],
          'approve',
        ),
      ),
    ).toEqual(['decisions[1].id'])
    expect(problems(decide(label, [], undefined))).toEqual(['decisions', 'decisions', 'decisions']) // one per undecided item
    expect(problems(decide(label, [{ target: 'classification', id: 'weather', verdict: 'reject' }], 'approve'))).toEqual([
      'decisions[0].note',
    ])
    expect(problems(decide(label, [], 'reject'))).toEqual(['note'])
  })
})

describe('diffLabels', () => {
  it('lists added, removed and modified items by key', () => {
    const after = {
      objects: [label.objects[0]!, { id: 'c', featureId: 'car', geometry: {} }],
      classifications: [{ featureId: 'weather', optionIds: ['rain'] }],
    }
    expect(diffLabels(label, after)).toEqual({ added: ['object:c'], removed: ['object:b'], modified: ['classification:weather'] })
    expect(diffLabels(null, label).added).toHaveLength(3)
  })
})
