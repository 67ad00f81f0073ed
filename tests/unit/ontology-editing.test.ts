import { describe, expect, it } from 'vitest'

import {
  blankClassification,
  blankObject,
  editorProblems,
  messagePath,
  moveItem,
  nextItemKeys,
  OBJECT_COLOURS,
  problemsAt,
  refusedItem,
  removeItem,
  withType,
} from '../../src/domain/ontology/editing.ts'
import { assignMissingFeatureIds } from '../../src/domain/ontology/featureIds.ts'

describe('the ontology editor', () => {
  it('moves, replaces and removes without touching the other items', () => {
    const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }]
    expect(moveItem(list, 0, 1).map((item) => item.id)).toEqual(['b', 'a', 'c'])
    expect(moveItem(list, 2, -1).map((item) => item.id)).toEqual(['a', 'c', 'b'])
    expect(moveItem(list, 0, -1)).toEqual(list) // the first stays first
    expect(moveItem(list, 2, 1)).toEqual(list)
    expect(removeItem(list, 1).map((item) => item.id)).toEqual(['a', 'c'])
    expect(list.map((item) => item.id)).toEqual(['a', 'b', 'c'])
  })

  it('gives a new object no id and the next colour not in use', () => {
    const first = blankObject([])
    expect(first).toEqual({ name: '', shape: 'bounding-box', colour: OBJECT_COLOURS[0] })
    expect(blankObject([{ colour: OBJECT_COLOURS[0] }, { colour: OBJECT_COLOURS[2] }]).colour).toBe(OBJECT_COLOURS[1])
    expect('id' in first).toBe(false)
  })

  it('a question turned into free text drops its options; back to a choice it gets one to fill', () => {
    const radio = { id: 'weather', name: 'Weather', type: 'radio' as const, options: [{ id: 'sun', label: 'Sun' }] }
    const text = withType(radio, 'text')
    expect(text).toEqual({ id: 'weather', name: 'Weather', type: 'text' })
    expect(withType(text, 'checklist').options).toEqual([{ label: '' }])
    expect(withType(radio, 'checklist').options).toEqual(radio.options)
  })

  it("names every problem at its place with the server's own rules, new features given stand-in ids", () => {
    const objects = [
      { name: 'Car', shape: 'bounding-box' },
      { name: '', shape: 'polygon' },
      { id: 'car-x', name: 'Bus', shape: 'oval' },
    ]
    const classifications = [blankClassification(), { id: 'car-x', name: 'Dup', type: 'text' }]
    const problems = editorProblems(objects, classifications)
    expect(problemsAt(problems, 'objects[1].name')).toEqual(['is required'])
    expect(problemsAt(problems, 'objects[2].shape')[0]).toMatch(/must be one of bounding-box/)
    expect(problemsAt(problems, 'classifications[0].name')).toEqual(['is required'])
    expect(problemsAt(problems, 'classifications[0].options[0].label')).toEqual(['is required'])
    expect(problemsAt(problems, 'objects[0].name')).toEqual([])
    // an id used twice is named where it is used the second time (checked once the rest is valid)
    const twice = editorProblems([{ id: 'car', name: 'Car', shape: 'point' }], [{ id: 'car', name: 'Dup', type: 'text' }])
    expect(problemsAt(twice, 'classifications[0]')).toEqual(['id "car" is already used by objects[0]'])
    // a complete structure has none
    expect(editorProblems([{ name: 'Car', shape: 'point' }], [{ name: 'Sky', type: 'text' }])).toEqual([])
  })

  it('reads the path a refusal starts with, to mark its item', () => {
    expect(messagePath('objects[1]: feature "person" is removed but labels use it (label 9 and 2 more)')).toBe('objects[1]')
    expect(messagePath('classifications[0].options[2]: feature "rain" is removed but labels use it')).toBe('classifications[0].options[2]')
    expect(messagePath('This field is required')).toBeNull()
    // a retyped feature is still in its place and is marked; a removed one's place holds another now
    expect(refusedItem('objects[2]: feature "road" is retyped but labels use it (label 4)')).toBe('objects[2]')
    expect(refusedItem('objects[1]: feature "person" is removed but labels use it (label 9 and 2 more)')).toBeNull()
    expect(messagePath(undefined)).toBeNull()
  })

  it('fills missing ids in the browser as on the server: name slug and a random suffix; kept ids stay', () => {
    const filled = assignMissingFeatureIds({
      objects: [{ name: 'Traffic light', shape: 'point' } as never, { id: 'car', name: 'Car', shape: 'point' }],
      classifications: [],
    })
    expect(filled.objects[0]!.id).toMatch(/^traffic-light-[0-9a-f]{6}$/)
    expect(filled.objects[1]!.id).toBe('car')
  })

  it('keys follow unsaved items through removals, moves and edits; saved ones go by id; none repeats', () => {
    let n = 0
    const fresh = () => `new:${++n}`
    const a: { id?: string; name: string } = { name: 'A' }
    const b: { id?: string; name: string } = { name: 'B' }
    const saved = { id: 'car', name: 'Car' }
    const keys = nextItemKeys([], [], [a, b, saved], fresh)
    expect(keys).toEqual(['new:1', 'new:2', 'id:car'])
    // a removed: b keeps its key (focus stays with b's inputs, not a's)
    expect(nextItemKeys([a, b, saved], keys, [b, saved], fresh)).toEqual(['new:2', 'id:car'])
    // b moved past the saved one
    expect(nextItemKeys([a, b, saved], keys, [a, saved, b], fresh)).toEqual(['new:1', 'id:car', 'new:2'])
    // b edited in place (a new object there)
    expect(nextItemKeys([a, b, saved], keys, [a, { name: 'Bee' }, saved], fresh)).toEqual(['new:1', 'new:2', 'id:car'])
    // an id that looks like a key, and a duplicate id, still give unique keys
    const clash = nextItemKeys([], [], [{ id: 'new:1' }, { id: 'x' }, { id: 'x' }], fresh)
    expect(new Set(clash).size).toBe(3)
  })
})
