import { describe, expect, it } from 'vitest'

import { jsonTextOf, jsonTextProblem } from '../../src/domain/utilities/jsonText.ts'

describe('a JSON field edited as text', () => {
  it('names where text stops being JSON by line and column', () => {
    expect(jsonTextProblem('{\n  "camera": "front",,\n  "weather": "sun"\n}')).toMatch(/^Not valid JSON at line 2, column 21: /)
    expect(jsonTextProblem('[1, 2')).toMatch(/^Not valid JSON/)
    expect(jsonTextProblem('{"a": 1}')).toBeNull()
    expect(jsonTextProblem('  ')).toBeNull() // empty: no value
    expect(jsonTextProblem('42')).toBeNull()
  })

  it('refuses a bare string, which could not be told from text that is not JSON once stored', () => {
    expect(jsonTextProblem('"sunny"')).toMatch(/^Not a JSON value to store here/)
    expect(jsonTextProblem('"{}"')).toMatch(/^Not a JSON value to store here/)
  })

  it('shows a stored value as indented JSON, and a string (text that never parsed) as it was typed', () => {
    expect(jsonTextOf({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}')
    expect(jsonTextOf('{"camera": "front",,}')).toBe('{"camera": "front",,}')
    expect(jsonTextOf(null)).toBe('')
    expect(jsonTextOf(undefined)).toBe('')
  })
})
