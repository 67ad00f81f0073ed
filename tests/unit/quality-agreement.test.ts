import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { labelAgreement, precisionRecall, taskAgreement } from '../../src/quality/agreement.ts'
import { answerAgreement, classificationAgreement, jaccard } from '../../src/quality/classifications.ts'
import { type Drawn, matchObjects } from '../../src/quality/matching.ts'

const box = (id: string, featureId: string, x: number, y = 0.1, size = 0.2): Drawn => ({
  id,
  featureId,
  shape: 'bounding-box',
  geometry: { x, y, w: size, h: size },
})

describe('matching objects', () => {
  it('pairs by optimal assignment, not greedily', () => {
    // IoU a1-b1 0.74, a1-b2 0.6, a2-b1 0.74, a2-b2 0.29: greedy takes a1-b1 first and leaves a2 only b2, below
    // the threshold; the optimal assignment gives a1-b2 and a2-b1, both above it
    const a = [box('a1', 'car', 0.1), box('a2', 'car', 0.16)]
    const b = [box('b1', 'car', 0.13), box('b2', 'car', 0.05)]
    const { matches, unmatchedA, unmatchedB } = matchObjects(a, b, { threshold: 0.5 })
    expect(matches.map((pair) => [pair.a, pair.b]).sort()).toEqual([
      ['a1', 'b2'],
      ['a2', 'b1'],
    ])
    expect(unmatchedA).toEqual([])
    expect(unmatchedB).toEqual([])
  })

  it('matches within a class first, then flags the same object drawn as another class', () => {
    const a = [box('a1', 'car', 0.1), box('a2', 'truck', 0.5)]
    const b = [box('b1', 'car', 0.1), box('b2', 'bus', 0.5)]
    const matching = matchObjects(a, b)
    expect(matching.matches).toEqual([{ a: 'a1', b: 'b1', score: 1 }])
    expect(matching.classMismatches).toEqual([{ a: 'a2', b: 'b2', score: expect.closeTo(1, 12) }])
    expect(matching.unmatchedA).toEqual([])
  })

  it('leaves pairs below the threshold, across shapes or across video frames unmatched', () => {
    expect(matchObjects([box('a', 'car', 0.1)], [box('b', 'car', 0.25)], { threshold: 0.5 }).matches).toEqual([])
    const point: Drawn = { id: 'p', featureId: 'car', shape: 'point', geometry: { x: 0.1, y: 0.1 } }
    expect(matchObjects([box('a', 'car', 0.1)], [point]).unmatchedB).toEqual(['p'])
    expect(matchObjects([{ ...box('a', 'car', 0.1), frame: 3 }], [{ ...box('b', 'car', 0.1), frame: 4 }]).matches).toEqual([])
    expect(matchObjects([], [box('b', 'car', 0.1)])).toEqual({ matches: [], classMismatches: [], unmatchedA: [], unmatchedB: ['b'] })
  })
})

describe('classification agreement', () => {
  it('compares options as sets, text normalised, nested answers averaged in', () => {
    expect(jaccard(['a', 'b', 'c'], ['b', 'c', 'd'])).toBeCloseTo(0.5, 12)
    expect(jaccard([], [])).toBe(1)
    expect(answerAgreement({ featureId: 'w', optionIds: ['sun'] }, { featureId: 'w', optionIds: ['sun'] })).toBe(1)
    expect(answerAgreement({ featureId: 'w', optionIds: ['sun'] }, { featureId: 'w', optionIds: ['rain'] })).toBe(0)
    expect(answerAgreement({ featureId: 't', text: ' Red  car' }, { featureId: 't', text: 'red car ' })).toBe(1)
    // same option, nested answers disagree: (1 + 0) / 2
    const rain = (intensity: string) => ({ featureId: 'w', optionIds: ['rain'], answers: [{ featureId: 'i', optionIds: [intensity] }] })
    expect(answerAgreement(rain('light'), rain('heavy'))).toBe(0.5)
    expect(answerAgreement(rain('light'), rain('light'))).toBe(1)
  })

  it('counts a classification only one label answered as a disagreement, and none answered as nothing', () => {
    expect(classificationAgreement([{ featureId: 'w', optionIds: ['sun'] }], [])).toBe(0)
    expect(
      classificationAgreement(
        [
          { featureId: 'w', optionIds: ['sun'] },
          { featureId: 'tags', optionIds: ['night', 'city'] },
        ],
        [
          { featureId: 'w', optionIds: ['sun'] },
          { featureId: 'tags', optionIds: ['night'] },
        ],
      ),
    ).toBeCloseTo((1 + 0.5) / 2, 12)
    expect(classificationAgreement([], [])).toBeNull()
  })
})

describe('label agreement and the task score', () => {
  const car = box('c1', 'car', 0.1)
  const sunny = [{ featureId: 'w', optionIds: ['sun'] }]

  it('is 1 for identical labels and for two empty ones', () => {
    expect(labelAgreement({ objects: [car], classifications: sunny }, { objects: [car], classifications: sunny }).score).toBe(1)
    expect(labelAgreement({ objects: [], classifications: [] }, { objects: [], classifications: [] }).score).toBe(1)
  })

  it('is worked out by hand: a shifted box, a missing box, one answer apart', () => {
    // A: car at 0.1 and a second car; B: the car shifted by 0.1 (IoU 1/3). Objects: (1/3) / (2 + 1 - 1) = 1/6.
    // Classifications: sun against rain → 0. Score: (1/6 + 0) / 2 = 1/12.
    const a = { objects: [car, box('c2', 'car', 0.6)], classifications: sunny }
    const b = { objects: [box('x', 'car', 0.2)], classifications: [{ featureId: 'w', optionIds: ['rain'] }] }
    const result = labelAgreement(a, b, { threshold: 0.3 })
    expect(result.objects).toBeCloseTo(1 / 6, 12)
    expect(result.classifications).toBe(0)
    expect(result.score).toBeCloseTo(1 / 12, 12)
    // with the usual threshold of 0.5 the shifted box is no match at all
    expect(labelAgreement(a, b).objects).toBe(0)
  })

  it('scores a task over every pair of branches and names the best-agreeing branch', () => {
    const same = { objects: [car], classifications: sunny }
    const odd = { objects: [], classifications: [{ featureId: 'w', optionIds: ['rain'] }] }
    const { score, matrix, best } = taskAgreement([same, same, odd])
    // pairs: (0,1) = 1, (0,2) = (0 + 0) / 2 = 0, (1,2) = 0 → mean 1/3
    expect(score).toBeCloseTo(1 / 3, 12)
    expect(matrix).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ])
    expect(best).toBe(0)
    expect(taskAgreement([same])).toEqual({ score: null, matrix: [[1]], best: null })
  })

  it('is symmetric and within 0..1 (property)', () => {
    const drawn = fc
      .array(fc.tuple(fc.constantFrom('car', 'bus'), fc.double({ min: 0, max: 0.7, noNaN: true })), { maxLength: 5 })
      .map((items) => items.map(([featureId, x], index) => box(`o${index}`, featureId, x)))
    fc.assert(
      fc.property(drawn, drawn, (a, b) => {
        const ab = labelAgreement({ objects: a, classifications: [] }, { objects: b, classifications: [] }).score
        const ba = labelAgreement({ objects: b, classifications: [] }, { objects: a, classifications: [] }).score
        expect(ab).toBeCloseTo(ba, 9)
        expect(ab).toBeGreaterThanOrEqual(0)
        expect(ab).toBeLessThanOrEqual(1 + 1e-12)
      }),
      { numRuns: 200 },
    )
  })
})

describe('precision, recall and F1 against a reference', () => {
  it('counts same-class matches as true positives', () => {
    const gold = [box('g1', 'car', 0.1), box('g2', 'car', 0.5), box('g3', 'bus', 0.75, 0.6)]
    const submitted = [box('s1', 'car', 0.1), box('s2', 'bus', 0.5)]
    // one true positive (s1-g1); s2 is the right place but the wrong class
    expect(precisionRecall(submitted, gold)).toEqual({ precision: 0.5, recall: 1 / 3, f1: expect.closeTo(0.4, 12), truePositives: 1 })
    expect(precisionRecall([], [])).toEqual({ precision: 1, recall: 1, f1: 1, truePositives: 0 })
    expect(precisionRecall([], gold)).toMatchObject({ precision: 0, recall: 0, f1: 0 })
  })
})
