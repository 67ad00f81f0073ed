import { describe, expect, it } from 'vitest'

import { answerGroups, chooseAnswer, initialPicks, picksRequest, toggleObject } from '../../src/domain/labels/resolving.ts'
import type { Branch } from '../../src/quality/resolution.ts'

const branch = (annotator: string, ids: string[], weather: string[]): Branch => ({
  annotator,
  objects: ids.map((id) => ({ id, featureId: 'car', geometry: {} })),
  classifications: [{ featureId: 'weather', optionIds: weather }],
})
const branches = [branch('7', ['a', 'b'], ['sun']), branch('8', ['a', 'c'], ['sun']), branch('9', ['d'], ['rain', 'fog'])]

describe('a reviewer’s picks while resolving', () => {
  it('start from the best-agreeing branch, whole', () => {
    expect(initialPicks(branches)).toEqual({ objects: ['7|a', '7|b'], answers: { weather: '7' } })
    expect(initialPicks([])).toEqual({ objects: [], answers: {} })
  })

  it('pick and unpick objects, never two with the same id', () => {
    let picks = initialPicks(branches)
    picks = toggleObject(picks, '8', 'c')
    picks = toggleObject(picks, '7', 'b')
    // branch 8's "a" replaces branch 7's "a"
    picks = toggleObject(picks, '8', 'a')
    expect(picks.objects).toEqual(['8|c', '8|a'])
    picks = chooseAnswer(chooseAnswer(picks, 'weather', '9'), 'time', null)
    expect(picksRequest(picks, 4)).toEqual({
      expectedVersion: 4,
      mode: 'picks',
      objects: [
        { branch: '8', id: 'c' },
        { branch: '8', id: 'a' },
      ],
      classifications: [{ branch: '9', featureId: 'weather' }],
    })
    expect(picksRequest(chooseAnswer(picks, 'weather', null), 4).classifications).toEqual([])
  })

  it('group equal answers, whatever the order of their options', () => {
    const more = [...branches, branch('10', [], ['fog', 'rain'])]
    expect(answerGroups(more, 'weather')).toEqual([
      { answer: { featureId: 'weather', optionIds: ['sun'] }, branches: ['7', '8'] },
      { answer: { featureId: 'weather', optionIds: ['rain', 'fog'] }, branches: ['9', '10'] },
    ])
    expect(answerGroups(more, 'time')).toEqual([])
  })
})
