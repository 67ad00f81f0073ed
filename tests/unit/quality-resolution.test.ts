import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { type Branch, resolveConsensus, type StoredObject } from '../../src/quality/resolution.ts'

const shapes = {
  objects: [
    { id: 'car', shape: 'bounding-box' },
    { id: 'person', shape: 'bounding-box' },
  ],
}
const box = (id: string, featureId: string, x: number, y = 0.1): StoredObject => ({
  id,
  featureId,
  geometry: { x, y, w: 0.2, h: 0.2 },
})
const weather = (optionId: string) => ({ featureId: 'weather', optionIds: [optionId] })

// three annotators, best-agreeing first: a and b agree on two cars and the weather; c drew one of the cars, a
// person nobody else saw, and answered differently
const a: Branch = { annotator: 'a', objects: [box('a1', 'car', 0.1), box('a2', 'car', 0.6)], classifications: [weather('sunny')] }
const b: Branch = { annotator: 'b', objects: [box('b1', 'car', 0.11), box('b2', 'car', 0.61)], classifications: [weather('sunny')] }
const c: Branch = { annotator: 'c', objects: [box('c1', 'car', 0.1), box('c2', 'person', 0.3, 0.5)], classifications: [weather('rain')] }
const resolve = (choice: Parameters<typeof resolveConsensus>[1], branches = [a, b, c]) => resolveConsensus(branches, choice, { shapes })

describe('resolving a consensus round', () => {
  it('takes one branch whole, carried by its annotator', () => {
    expect(resolve({ mode: 'branch', branch: 'c' })).toEqual({
      content: { objects: c.objects, classifications: c.classifications },
      carrier: 'c',
    })
    expect(resolve({ mode: 'branch', branch: 'z' })).toEqual({
      problems: [{ path: 'resolution.branch', message: '"z" submitted no branch in this round (its branches: a, b, c)' }],
    })
  })

  it('picks objects and answers across branches, carried by the best-agreeing branch', () => {
    const resolved = resolve({
      mode: 'picks',
      objects: [
        { branch: 'b', id: 'b1' },
        { branch: 'c', id: 'c2' },
      ],
      classifications: [{ branch: 'c', featureId: 'weather' }],
    })
    expect(resolved).toEqual({ content: { objects: [b.objects[0], c.objects[1]], classifications: [weather('rain')] }, carrier: 'a' })
  })

  it('names every wrong pick by its place', () => {
    const resolved = resolve({
      mode: 'picks',
      objects: [
        { branch: 'a', id: 'b1' },
        { branch: 'x', id: 'a1' },
        { branch: 'a', id: 'a1' },
        { branch: 'a', id: 'a1' },
      ],
      classifications: [
        { branch: 'a', featureId: 'weather' },
        { branch: 'b', featureId: 'weather' },
        { branch: 'b', featureId: 'time-of-day' },
      ],
    })
    expect(resolved).toEqual({
      problems: [
        { path: 'resolution.objects[0].id', message: 'branch "a" has no object "b1"' },
        { path: 'resolution.objects[1].branch', message: expect.stringContaining('"x" submitted no branch') },
        { path: 'resolution.objects[3].id', message: expect.stringContaining('picked already (resolution.objects[2])') },
        { path: 'resolution.classifications[1].featureId', message: expect.stringContaining('answered already') },
        { path: 'resolution.classifications[2].featureId', message: 'branch "b" did not answer "time-of-day"' },
      ],
    })
  })

  it('merges by majority: what more than half agree on, drawn as the best-agreeing branch drew it', () => {
    expect(resolve({ mode: 'majority' })).toEqual({
      content: { objects: [a.objects[0], a.objects[1]], classifications: [weather('sunny')] },
      carrier: 'a',
    })
  })

  it('keeps the best-agreeing answer when no answer has a majority, and no object without one', () => {
    const d: Branch = { annotator: 'd', objects: [box('d1', 'person', 0.7, 0.7)], classifications: [weather('fog')] }
    // a, c, d: only the car at 0.1 is seen by two of three; every weather answer differs
    expect(resolve({ mode: 'majority' }, [a, c, d])).toEqual({
      content: { objects: [a.objects[0]], classifications: [weather('sunny')] },
      carrier: 'a',
    })
  })

  it('does not count the same object twice when two branches use the same ids', () => {
    const twin: Branch = { ...b, annotator: 'twin', objects: [box('a1', 'car', 0.1), box('a2', 'person', 0.6, 0.6)] }
    const resolved = resolve({ mode: 'majority' }, [a, twin])
    // two branches: a majority is both; the car at 0.1 is in both, a's car at 0.6 and twin's person are not
    expect(resolved).toEqual({ content: { objects: [a.objects[0]], classifications: [weather('sunny')] }, carrier: 'a' })
  })

  it('keeps object ids unique when the kept objects come from branches that number alike', () => {
    const first: Branch = { annotator: 'p', objects: [box('o1', 'car', 0.1)], classifications: [] }
    const second: Branch = { annotator: 'q', objects: [box('o1', 'car', 0.6), box('o2', 'car', 0.1)], classifications: [] }
    // both see both cars; q calls the one at 0.6 "o1", the id p gave the car at 0.1
    const both = [first, { ...second }, { ...first, annotator: 'r', objects: [...first.objects, box('o9', 'car', 0.6)] }]
    const resolved = resolve({ mode: 'majority' }, both)
    expect('content' in resolved && resolved.content.objects.map((object) => object.id)).toEqual(['o1', 'o1-q'])
  })

  it('says when there is nothing to resolve', () => {
    expect(resolve({ mode: 'majority' }, [])).toEqual({
      problems: [{ path: 'resolution', message: 'the round has no submitted branches to resolve' }],
    })
  })

  it('gives back any branch when all branches are the same, whichever way it resolves', () => {
    const objects = fc.array(
      fc.record({ x: fc.double({ min: 0, max: 0.8, noNaN: true }), y: fc.double({ min: 0, max: 0.8, noNaN: true }) }),
      { maxLength: 6 },
    )
    fc.assert(
      fc.property(objects, fc.integer({ min: 1, max: 5 }), (places, copies) => {
        // objects far enough apart never match each other: spread them on a grid
        const drawn = places.map((_, index) => box(`o${index}`, 'car', (index % 4) * 0.25, Math.floor(index / 4) * 0.25))
        const branches = Array.from({ length: copies }, (_, index) => ({
          annotator: `n${index}`,
          objects: drawn,
          classifications: [weather('sunny')],
        }))
        const merged = resolveConsensus(branches, { mode: 'majority' }, { shapes })
        expect(merged).toEqual({ content: { objects: drawn, classifications: [weather('sunny')] }, carrier: 'n0' })
      }),
    )
  })
})
