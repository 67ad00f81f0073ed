import { describe, expect, it } from 'vitest'

import { slugify } from '../../src/domain/utilities/slugify.ts'

describe('slugify', () => {
  it.each([
    ['Acme Vision', 'acme-vision'],
    ['  Crème brûlée — Labs! ', 'creme-brulee-labs'],
    ['A__B..C', 'a-b-c'],
    ['---', ''],
  ])('%j -> %j', (input, expected) => expect(slugify(input)).toBe(expected))

  it('caps the length at 64', () => expect(slugify('x'.repeat(100))).toHaveLength(64))
})
