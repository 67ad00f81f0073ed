import { describe, expect, it } from 'vitest'

import { spanFromSelection, spanSegments } from '../../src/domain/labels/textSpans.ts'

const TEXT = 'My Zephyr kettle stopped heating.'

describe('text spans', () => {
  it('cut the text at every span edge, each piece with the spans over it', () => {
    const segments = spanSegments(TEXT, [
      { id: 'product', start: 3, end: 16 },
      { id: 'brand', start: 3, end: 9 },
      { id: 'problem', start: 17, end: 32 },
    ])
    expect(segments.map((segment) => [segment.text, segment.spanIds])).toEqual([
      ['My ', []],
      ['Zephyr', ['product', 'brand']],
      [' kettle', ['product']],
      [' ', []],
      ['stopped heating', ['problem']],
      ['.', []],
    ])
    expect(segments.map((segment) => segment.text).join('')).toBe(TEXT)
  })

  it('leave the text whole without spans, and ignore spans past its end or empty', () => {
    expect(spanSegments(TEXT, [])).toEqual([{ start: 0, end: TEXT.length, text: TEXT, spanIds: [] }])
    expect(
      spanSegments('abc', [
        { id: 'x', start: 5, end: 9 },
        { id: 'y', start: 1, end: 1 },
      ]).map((s) => s.spanIds),
    ).toEqual([[]])
    expect(spanSegments('abc', [{ id: 'x', start: 1, end: 9 }]).map((s) => [s.text, s.spanIds])).toEqual([
      ['a', []],
      ['bc', ['x']],
    ])
  })

  it('make a selection into a span: ordered, clamped, white space trimmed', () => {
    expect(spanFromSelection(TEXT, 16, 3)).toEqual({ start: 3, end: 16 })
    expect(spanFromSelection(TEXT, 2, 10)).toEqual({ start: 3, end: 9 })
    expect(spanFromSelection(TEXT, 30, 99)).toEqual({ start: 30, end: 33 })
    expect(spanFromSelection(TEXT, 2, 3)).toBeUndefined()
    expect(spanFromSelection(TEXT, 5, 5)).toBeUndefined()
  })
})
