import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { cohensKappa, fleissKappa, krippendorffAlpha, percentAgreement } from '../../src/quality/reliability.ts'

describe("Cohen's kappa", () => {
  it('matches the worked example of Wikipedia, "Cohen\'s kappa" (50 proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → 0.4)', () => {
    const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')]
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')]
    expect(cohensKappa(a, b)).toBeCloseTo(0.4, 10)
  })

  it('is 1 when the raters always agree, negative when they disagree more than chance, and skips missing ratings', () => {
    expect(cohensKappa(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(1)
    expect(cohensKappa(['a', 'a'], ['a', 'a'])).toBe(1) // one category throughout: perfect agreement
    expect(cohensKappa(['a', 'b'], ['b', 'a'])).toBe(-1)
    expect(cohensKappa(['a', null, 'b'], ['a', 'b', 'b'])).toBe(1)
    expect(cohensKappa([null], ['a'])).toBeNull()
    expect(cohensKappa([], [])).toBeNull()
  })

  it('is symmetric in its raters', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('a', 'b', 'c')), { minLength: 1 }), (pairs) => {
        const a = pairs.map(([x]) => x)
        const b = pairs.map(([, y]) => y)
        const ab = cohensKappa(a, b)
        const ba = cohensKappa(b, a)
        if (ab === null) return void expect(ba).toBeNull()
        // to 12 places: +0 and -0 (or the last bit) may differ
        expect(ab).toBeCloseTo(ba!, 12)
        expect(ab).toBeLessThanOrEqual(1 + 1e-12)
      }),
    )
  })
})

describe("Fleiss' kappa", () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories → κ = 0.210
  const counts = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ]
  const items = counts.map((row) => row.flatMap((count, category) => Array<string>(count).fill(`c${category + 1}`)))

  it('matches the worked example', () => {
    expect(fleissKappa(items)).toBeCloseTo(0.21, 3)
  })

  it('is 1 when every item is rated alike by all, and undefined with missing ratings, one rater or one category', () => {
    expect(
      fleissKappa([
        ['a', 'a', 'a'],
        ['b', 'b', 'b'],
      ]),
    ).toBe(1)
    expect(fleissKappa([['a', 'a', null]])).toBeNull()
    expect(fleissKappa([['a'], ['b']])).toBeNull()
    expect(
      fleissKappa([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull()
    expect(fleissKappa([])).toBeNull()
  })
})

describe("Krippendorff's alpha (nominal)", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers, 12 units, missing
  // values; nominal α = 0.743 (also the worked example of Wikipedia, "Krippendorff's alpha")
  const observers = [
    ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null],
    ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'],
    [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null],
    ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null],
  ]
  const units = observers[0]!.map((_, unit) => observers.map((ratings) => ratings[unit]))

  it('matches the published example with missing ratings', () => {
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743, 3)
  })

  it('is 1 when all agree, below 0 when all disagree, and undefined without pairable ratings or variation', () => {
    expect(
      krippendorffAlpha([
        ['a', 'a'],
        ['b', 'b', 'b'],
        ['c', null, 'c'],
      ]),
    ).toBe(1)
    expect(
      krippendorffAlpha([
        ['a', 'b'],
        ['b', 'a'],
      ]),
    ).toBeLessThan(0)
    expect(krippendorffAlpha([['a'], ['b']])).toBeNull() // one rater per unit
    expect(
      krippendorffAlpha([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull()
    expect(krippendorffAlpha([])).toBeNull()
  })

  it('stays at most 1 on random complete data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 20 }),
        (data) => {
          const alpha = krippendorffAlpha(data)
          if (alpha !== null) expect(alpha).toBeLessThanOrEqual(1 + 1e-12)
        },
      ),
    )
  })
})

describe('percent agreement', () => {
  it('is the mean share of agreeing rater pairs per item', () => {
    // item 1: 3 of 3 pairs agree; item 2: 1 of 3 (a,a,b); item 3 has one rating and does not count
    expect(
      percentAgreement([
        ['a', 'a', 'a'],
        ['a', 'a', 'b'],
        ['c', null],
      ]),
    ).toBeCloseTo((1 + 1 / 3) / 2, 12)
    expect(percentAgreement([['a', 'b']])).toBe(0)
    expect(percentAgreement([['a'], [null, 'b']])).toBeNull()
  })
})
