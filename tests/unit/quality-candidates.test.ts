import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { candidatePairs } from '../../src/quality/candidates.ts'
import { type Drawn, similarity } from '../../src/quality/matching.ts'

const unit = fc.double({ min: 0, max: 0.95, noNaN: true })
const size = fc.double({ min: 0.005, max: 0.3, noNaN: true })
const drawn: fc.Arbitrary<Omit<Drawn, 'id'>> = fc.oneof(
  fc.record({ x: unit, y: unit, w: size, h: size }).map((geometry) => ({ featureId: 'f', shape: 'bounding-box', geometry })),
  fc
    .record({ x: unit, y: unit, w: size, h: size, theta: fc.double({ min: -180, max: 180, noNaN: true }) })
    .map((geometry) => ({ featureId: 'f', shape: 'rotated-box', geometry })),
  fc.record({ x: unit, y: unit }).map((geometry) => ({ featureId: 'f', shape: 'point', geometry })),
  fc
    .array(fc.tuple(unit, unit), { minLength: 3, maxLength: 6 })
    .map((points) => ({ featureId: 'f', shape: 'polygon', geometry: { points } })),
  fc
    .array(fc.tuple(unit, unit), { minLength: 2, maxLength: 5 })
    .map((points) => ({ featureId: 'f', shape: 'polyline', geometry: { points } })),
  fc
    .tuple(fc.nat(50), fc.nat(50))
    .map(([start, length]) => ({ featureId: 'f', shape: 'text-span', geometry: { start, end: start + length + 1 } })),
)
const scene = fc.array(drawn, { maxLength: 12 }).map((items) => items.map((item, index) => ({ ...item, id: `o${index}` })))

describe('candidate pairs', () => {
  it('never leave out a pair that is alike at all (whatever the image’s aspect ratio)', () => {
    fc.assert(
      fc.property(scene, scene, fc.constantFrom(1, 16 / 9, 0.5, 6), (a, b, aspect) => {
        const candidates = new Set(candidatePairs(a, b, aspect).map(([i, j]) => `${i}:${j}`))
        a.forEach((left, i) =>
          b.forEach((right, j) => {
            if (similarity(left, right, aspect) > 0)
              expect(candidates.has(`${i}:${j}`), `${left.shape} ${i} - ${right.shape} ${j}`).toBe(true)
          }),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('compare far fewer pairs than all of them in a busy scene', () => {
    const grid = (offset: number) =>
      Array.from({ length: 400 }, (_, index) => ({
        id: `o${index}`,
        featureId: 'car',
        shape: 'bounding-box',
        geometry: { x: (index % 20) / 20 + offset, y: Math.floor(index / 20) / 20 + offset, w: 0.03, h: 0.03 },
      }))
    const pairs = candidatePairs(grid(0), grid(0.004))
    expect(pairs.length).toBeLessThan(400 * 400 * 0.02)
    expect(pairs.length).toBeGreaterThanOrEqual(400)
  })
})
