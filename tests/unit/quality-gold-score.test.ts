import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { labelAgreement } from '../../src/quality/agreement.ts'
import { goldScore } from '../../src/quality/goldScore.ts'
import type { Drawn } from '../../src/quality/matching.ts'

const box = (id: string, featureId: string, x: number, y = 0.1, size = 0.2): Drawn => ({
  id,
  featureId,
  shape: 'bounding-box',
  geometry: { x, y, w: size, h: size },
})
const set = (objects: Drawn[], classifications: Array<{ featureId: string; optionIds: string[] }> = []) => ({ objects, classifications })

describe('scoring against gold', () => {
  it('scores the gold label itself 1, and an empty submission against empty gold 1', () => {
    const gold = set([box('g1', 'car', 0.1), box('g2', 'person', 0.5)], [{ featureId: 'weather', optionIds: ['sunny'] }])
    expect(goldScore(gold, gold)).toMatchObject({
      score: expect.closeTo(1, 12),
      precision: 1,
      recall: 1,
      missed: [],
      extra: [],
      wrongClass: [],
    })
    expect(goldScore(set([]), set([])).score).toBe(1)
  })

  it('counts a missed, an invented and a misclassified object, and a wrong answer (hand-computed)', () => {
    // gold: car g1 (0.1), person g2 (0.5), tree g3 (0.75, missed); submitted: car s1 exact, truck s2 on g2 (wrong
    // class), sign s3 far away (invented). O = 1 / (3 gold + 1 invented + 1 mismatch) = 0.2; weather answered
    // "rain" against "sunny": C = 0; score (0.2 + 0) / 2 = 0.1
    const gold = set(
      [box('g1', 'car', 0.1), box('g2', 'person', 0.5), box('g3', 'tree', 0.75, 0.7)],
      [{ featureId: 'weather', optionIds: ['sunny'] }],
    )
    const submitted = set(
      [box('s1', 'car', 0.1), box('s2', 'truck', 0.5), box('s3', 'sign', 0.1, 0.7)],
      [{ featureId: 'weather', optionIds: ['rain'] }],
    )
    const scored = goldScore(submitted, gold)
    expect(scored.objects).toBeCloseTo(0.2, 12)
    expect(scored.classifications).toBe(0)
    expect(scored.score).toBeCloseTo(0.1, 12)
    expect(scored.precision).toBeCloseTo(1 / 3, 12)
    expect(scored.recall).toBeCloseTo(1 / 3, 12)
    expect(scored.matched).toEqual([{ submitted: 's1', gold: 'g1', similarity: 1 }])
    expect(scored.missed).toEqual([{ gold: 'g3', featureId: 'tree' }])
    expect(scored.extra).toEqual([{ submitted: 's3', featureId: 'sign' }])
    expect(scored.wrongClass).toEqual([{ submitted: 's2', gold: 'g2', featureId: 'truck', goldFeatureId: 'person' }])
    expect(scored.classificationsDiffering).toEqual([{ featureId: 'weather', agreement: 0 }])
  })

  it('weighs classes: missing a heavy class costs more than missing a light one', () => {
    const gold = set([box('g1', 'car', 0.1), box('g2', 'person', 0.5)])
    const missPerson = goldScore(set([box('s1', 'car', 0.1)]), gold, { classWeights: { person: 3 } })
    const missCar = goldScore(set([box('s2', 'person', 0.5)]), gold, { classWeights: { person: 3 } })
    // 1 / (1 + 3) against 3 / (1 + 3)
    expect(missPerson.score).toBeCloseTo(0.25, 12)
    expect(missCar.score).toBeCloseTo(0.75, 12)
  })

  it('honours the IoU threshold: a loose box matches at 0.3 and not at 0.5', () => {
    // IoU of boxes offset by 0.1 with side 0.2: 0.02 / 0.06 = 1/3
    const gold = set([box('g', 'car', 0.1)])
    const loose = set([box('s', 'car', 0.2)])
    expect(goldScore(loose, gold, { threshold: 0.5 }).score).toBe(0)
    expect(goldScore(loose, gold, { threshold: 0.3 }).score).toBeCloseTo(1 / 3 / 1, 12)
  })

  it('with unit weights equals the label agreement with gold, and stays within 0..1 (property)', () => {
    const arbitraryBox = fc.record({
      x: fc.double({ min: 0, max: 0.8, noNaN: true }),
      y: fc.double({ min: 0, max: 0.8, noNaN: true }),
      c: fc.constantFrom('a', 'b'),
    })
    const arbitrarySet = (prefix: string) =>
      fc.array(arbitraryBox, { maxLength: 6 }).map((boxes) => set(boxes.map((b, i) => box(`${prefix}${i}`, b.c, b.x, b.y))))
    fc.assert(
      fc.property(arbitrarySet('s'), arbitrarySet('g'), (submitted, gold) => {
        const scored = goldScore(submitted, gold)
        expect(scored.score).toBeGreaterThanOrEqual(0)
        expect(scored.score).toBeLessThanOrEqual(1 + 1e-12)
        expect(scored.score).toBeCloseTo(labelAgreement(submitted, gold).score, 9)
      }),
    )
  })
})

describe('passing a benchmark', () => {
  it('takes every task scored and the mean at the pass mark', async () => {
    const { benchmarkVerdict } = await import('../../src/domain/projects/benchmark.ts')
    expect(benchmarkVerdict({ scored: 0, required: 0, mean: null }, 0.8)).toEqual({
      passed: false,
      reason: 'it has no tasks with a gold label to score yet',
    })
    expect(benchmarkVerdict({ scored: 2, required: 3, mean: 1 }, 0.8)).toEqual({
      passed: false,
      reason: 'you have scored 2 of its 3 tasks',
    })
    expect(benchmarkVerdict({ scored: 3, required: 3, mean: 0.79 }, 0.8)).toEqual({
      passed: false,
      reason: 'your mean score 0.79 is below the 0.80 it takes to pass',
    })
    expect(benchmarkVerdict({ scored: 3, required: 3, mean: 0.8 }, 0.8)).toEqual({ passed: true })
  })
})
