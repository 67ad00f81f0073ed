import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  bitmaskIoU,
  boxIoU,
  pointScore,
  polygonIoU,
  polylineScore,
  rotatedBoxIoU,
  rotatedCorners,
  spanIoU,
} from '../../src/quality/overlap.ts'

const square = (x: number, y: number, size: number): Array<[number, number]> => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
]

describe('IoU of areas', () => {
  it('boxes: hand-computed overlaps', () => {
    // two 0.2 × 0.2 boxes shifted by 0.1: intersection 0.1 × 0.2 = 0.02, union 0.08 - 0.02 = 0.06 → 1/3
    expect(boxIoU({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, { x: 0.2, y: 0.1, w: 0.2, h: 0.2 })).toBeCloseTo(1 / 3, 12)
    // one inside the other: 0.01 / 0.04
    expect(boxIoU({ x: 0, y: 0, w: 0.2, h: 0.2 }, { x: 0.05, y: 0.05, w: 0.1, h: 0.1 })).toBeCloseTo(0.25, 12)
    expect(boxIoU({ x: 0, y: 0, w: 0.1, h: 0.1 }, { x: 0.5, y: 0.5, w: 0.1, h: 0.1 })).toBe(0)
    // touching edges share no area
    expect(boxIoU({ x: 0, y: 0, w: 0.1, h: 0.1 }, { x: 0.1, y: 0, w: 0.1, h: 0.1 })).toBe(0)
  })

  it('polygons agree with boxes where both apply, and handle concave outlines', () => {
    expect(polygonIoU(square(0.1, 0.1, 0.2), square(0.2, 0.1, 0.2))).toBeCloseTo(1 / 3, 9)
    // an L-shape (area 3 of a 2 × 2 square's 4 cells) against the square: 3 / 4
    const ell: Array<[number, number]> = [
      [0, 0],
      [0.2, 0],
      [0.2, 0.1],
      [0.1, 0.1],
      [0.1, 0.2],
      [0, 0.2],
    ]
    expect(polygonIoU(ell, square(0, 0, 0.2))).toBeCloseTo(0.75, 9)
    expect(polygonIoU(square(0, 0, 0.1), square(0.5, 0.5, 0.1))).toBe(0)
    // degenerate outlines (fewer than three distinct corners) enclose nothing
    expect(
      polygonIoU(
        [
          [0, 0],
          [0.1, 0.1],
          [0, 0],
        ],
        square(0, 0, 0.1),
      ),
    ).toBe(0)
    // outlines of (almost) no area — found by the candidate-pairs property test: the clipping library threw on them
    expect(
      polygonIoU(
        [
          [5e-324, 0],
          [0, 0],
          [0, 0],
          [0, 5e-324],
        ],
        [
          [0, 0],
          [5e-324, 0],
          [5e-324, 5e-324],
        ],
      ),
    ).toBe(0)
  })

  it('rotated boxes: a quarter turn about the corner, and the aspect ratio of the image', () => {
    const flat = { x: 0.5, y: 0.5, w: 0.2, h: 0.1, theta: 0 }
    expect(rotatedBoxIoU(flat, flat)).toBeCloseTo(1, 9)
    expect(rotatedBoxIoU(flat, { ...flat, theta: 0 }, 16 / 9)).toBeCloseTo(1, 9)
    // turned 90° about the top-left corner, the box lies beside its old place: no overlap but the corner
    expect(rotatedBoxIoU(flat, { ...flat, theta: 90 })).toBeCloseTo(0, 9)
    // turned 180°, it points the other way from the same corner
    expect(rotatedBoxIoU(flat, { ...flat, theta: 180 })).toBeCloseTo(0, 9)
    // a rotated rectangle keeps its sides at right angles in pixels (aspect 2: x scaled by 2)
    const [a, b, c] = rotatedCorners({ x: 0.2, y: 0.2, w: 0.1, h: 0.1, theta: 30 }, 2)
    const dot = (b![0] - a![0]) * (c![0] - b![0]) + (b![1] - a![1]) * (c![1] - b![1])
    expect(dot).toBeCloseTo(0, 12)
  })

  it('bitmasks by their runs, without expanding them', () => {
    // 2 × 4 masks: A covers pixels 2..5 (runs 2 background, 4 foreground, 2 background), B covers 4..7
    const a = { size: [2, 4] as const, counts: [2, 4, 2] }
    const b = { size: [2, 4] as const, counts: [4, 4] }
    // shared 4, 5 → 2; union 2..7 → 6
    expect(bitmaskIoU(a, b)).toBeCloseTo(2 / 6, 12)
    expect(bitmaskIoU(a, a)).toBe(1)
    // a mask starting with foreground has an empty first run
    expect(bitmaskIoU({ size: [1, 4], counts: [0, 2, 2] }, { size: [1, 4], counts: [0, 1, 3] })).toBeCloseTo(0.5, 12)
    expect(bitmaskIoU(a, { size: [4, 2], counts: [2, 4, 2] })).toBe(0) // another size
    expect(bitmaskIoU({ size: [1, 2], counts: [2] }, { size: [1, 2], counts: [2] })).toBe(0) // empty masks
  })

  it('text spans: shared characters over covered ones', () => {
    expect(spanIoU({ start: 0, end: 10 }, { start: 5, end: 15 })).toBeCloseTo(5 / 15, 12)
    expect(spanIoU({ start: 0, end: 5 }, { start: 5, end: 9 })).toBe(0)
  })

  it('is symmetric, within 0..1, and 1 for the same shape (property)', () => {
    const box = fc.record({
      x: fc.double({ min: 0, max: 0.8, noNaN: true }),
      y: fc.double({ min: 0, max: 0.8, noNaN: true }),
      w: fc.double({ min: 0.01, max: 0.2, noNaN: true }),
      h: fc.double({ min: 0.01, max: 0.2, noNaN: true }),
    })
    fc.assert(
      fc.property(box, box, fc.double({ min: -180, max: 180, noNaN: true }), (a, b, theta) => {
        const ab = boxIoU(a, b)
        expect(ab).toBeCloseTo(boxIoU(b, a), 12)
        expect(ab).toBeGreaterThanOrEqual(0)
        expect(ab).toBeLessThanOrEqual(1)
        expect(boxIoU(a, a)).toBeCloseTo(1, 12)
        const corners = (r: typeof a) => square(r.x, r.y, r.w)
        expect(polygonIoU(corners(a), corners(b))).toBeCloseTo(polygonIoU(corners(b), corners(a)), 9)
        expect(rotatedBoxIoU({ ...a, theta }, { ...a, theta })).toBeCloseTo(1, 6)
      }),
      { numRuns: 200 },
    )
  })
})

describe('distance scores', () => {
  it('points fall from 1 to 0 at the scale', () => {
    expect(pointScore({ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 })).toBe(1)
    expect(pointScore({ x: 0.5, y: 0.5 }, { x: 0.525, y: 0.5 })).toBeCloseTo(0.5, 12)
    expect(pointScore({ x: 0.5, y: 0.5 }, { x: 0.6, y: 0.5 })).toBe(0)
  })

  it('polylines by the mean distance of each one’s vertices to the other, both ways', () => {
    const line: Array<[number, number]> = [
      [0.1, 0.1],
      [0.5, 0.1],
    ]
    expect(polylineScore(line, line)).toBe(1)
    // the same line 0.01 lower: every vertex 0.01 away → 1 - 0.01 / 0.05
    const lower = line.map(([x, y]) => [x, y + 0.01] as [number, number])
    expect(polylineScore(line, lower)).toBeCloseTo(0.8, 12)
    // extra vertices on the same line change nothing
    expect(
      polylineScore(line, [
        [0.1, 0.1],
        [0.3, 0.1],
        [0.5, 0.1],
      ]),
    ).toBeCloseTo(1, 12)
    expect(polylineScore(line, [])).toBe(0)
  })
})
