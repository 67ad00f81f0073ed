import { describe, expect, it } from 'vitest'

import {
  addObject,
  changeClass,
  chooseOption,
  classForKey,
  missingAttributes,
  objectTitle,
  setObjectAttributes,
  colourOf,
  missingRequired,
  newObjectId,
  removeObject,
  setNestedAnswers,
  setText,
  toggleOption,
  toLabelDocument,
  updateGeometry,
} from '../../src/domain/labels/editing.ts'
import { labelProblems } from '../../src/domain/labels/validate.ts'
import type { OntologyStructure } from '../../src/domain/ontology/schema.ts'

const ontology: OntologyStructure = {
  objects: [
    { id: 'car', name: 'Car', shape: 'bounding-box', colour: '#e4572e' },
    { id: 'mask', name: 'Mask', shape: 'bitmask' },
    { id: 'road', name: 'Road', shape: 'polygon' },
    { id: 'truck', name: 'Truck', shape: 'bounding-box' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      required: true,
      options: [
        { id: 'clear', label: 'Clear' },
        {
          id: 'rain',
          label: 'Rain',
          classifications: [
            {
              id: 'intensity',
              name: 'Intensity',
              type: 'radio',
              required: true,
              options: [
                { id: 'light', label: 'Light' },
                { id: 'heavy', label: 'Heavy' },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'tags',
      name: 'Tags',
      type: 'checklist',
      options: [
        { id: 'night', label: 'Night' },
        { id: 'blur', label: 'Blurry' },
        { id: 'glare', label: 'Glare' },
      ],
    },
    { id: 'notes', name: 'Notes', type: 'text' },
  ],
}
const [weather, tags, notes] = ontology.classifications as [
  (typeof ontology.classifications)[0],
  (typeof ontology.classifications)[0],
  (typeof ontology.classifications)[0],
]

describe('label document edits', () => {
  it('adds, moves and removes objects; the result passes the validator', () => {
    let label = toLabelDocument(null)
    label = addObject(label, { id: newObjectId(label, () => 'abc-123'), featureId: 'car', geometry: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } })
    label = addObject(label, {
      id: 'o-2',
      featureId: 'road',
      geometry: {
        points: [
          [0, 0],
          [0.5, 0],
          [0.5, 0.5],
        ],
      },
    })
    expect(label.objects[0]!.id).toBe('o-abc123')
    label = updateGeometry(label, 'o-abc123', { x: 0.3, y: 0.3, w: 0.2, h: 0.2 })
    expect(label.objects[0]!.geometry).toEqual({ x: 0.3, y: 0.3, w: 0.2, h: 0.2 })
    expect(labelProblems(label, ontology, {}, { complete: false }).problems).toEqual([])
    label = removeObject(label, 'o-2')
    expect(label.objects.map((object) => object.id)).toEqual(['o-abc123'])
  })

  it('never hands out an id already used', () => {
    const ids = ['a', 'a', 'b']
    const label = { objects: [{ id: 'o-a', featureId: 'car', geometry: {} }], classifications: [] }
    expect(newObjectId(label, () => ids.shift()!)).toBe('o-b')
  })

  it('changes class only to one of the same shape', () => {
    const label = { objects: [{ id: 'o-1', featureId: 'car', geometry: { x: 0, y: 0, w: 0.1, h: 0.1 } }], classifications: [] }
    expect(changeClass(label, 'o-1', ontology.objects[3]!, ontology).objects[0]!.featureId).toBe('truck')
    expect(changeClass(label, 'o-1', ontology.objects[2]!, ontology).objects[0]!.featureId).toBe('car')
  })

  it('reads a stored label: nulls and unknown fields dropped', () => {
    const stored = {
      id: 7,
      status: 'draft',
      objects: [{ id: 'o-1', featureId: 'car', geometry: { x: 0, y: 0, w: 0.1, h: 0.1 }, frame: null, attributes: [] }],
      classifications: [{ featureId: 'notes', text: 'hi', optionIds: null, answers: null }],
    }
    expect(toLabelDocument(stored)).toEqual({
      objects: [{ id: 'o-1', featureId: 'car', geometry: { x: 0, y: 0, w: 0.1, h: 0.1 } }],
      classifications: [{ featureId: 'notes', text: 'hi' }],
    })
  })

  it('number keys choose drawable classes in order (bitmasks skipped)', () => {
    expect(classForKey(ontology, '1')?.id).toBe('car')
    expect(classForKey(ontology, '2')?.id).toBe('road')
    expect(classForKey(ontology, '3')?.id).toBe('truck')
    expect(classForKey(ontology, '4')).toBeUndefined()
    expect(classForKey(ontology, '0')).toBeUndefined()
    // on a text item only text-span classes are labelled; a video's frames take the image shapes
    const withSpans = { ...ontology, objects: [...ontology.objects, { id: 'product', name: 'Product', shape: 'text-span' as const }] }
    expect(classForKey(withSpans, '1', 'text')?.id).toBe('product')
    expect(classForKey(withSpans, '2', 'text')).toBeUndefined()
    expect(classForKey(withSpans, '1', 'video')?.id).toBe('car')
    expect(classForKey(withSpans, '1', 'audio')).toBeUndefined()
    expect(colourOf(ontology.objects[0]!, 0)).toBe('#e4572e')
    expect(colourOf(ontology.objects[2]!, 2)).toMatch(/^#[0-9a-f]{6}$/)
  })
})

describe('classification answers', () => {
  it('radio: one option; nested answers kept under the chosen option and dropped when it changes', () => {
    let answers = chooseOption([], weather, 'rain')
    expect(missingRequired(answers, ontology.classifications)).toEqual(['Intensity'])
    const intensity = weather.options![1]!.classifications![0]!
    answers = setNestedAnswers(answers, weather, chooseOption([], intensity, 'heavy'))
    expect(answers).toEqual([{ featureId: 'weather', optionIds: ['rain'], answers: [{ featureId: 'intensity', optionIds: ['heavy'] }] }])
    expect(missingRequired(answers, ontology.classifications)).toEqual([])
    expect(labelProblems({ objects: [], classifications: answers }, ontology).problems).toEqual([])
    answers = chooseOption(answers, weather, 'clear')
    expect(answers).toEqual([{ featureId: 'weather', optionIds: ['clear'] }])
  })

  it('checklist: toggles in the ontology order; the last one off removes the answer', () => {
    let answers = toggleOption([], tags, 'glare')
    answers = toggleOption(answers, tags, 'night')
    expect(answers).toEqual([{ featureId: 'tags', optionIds: ['night', 'glare'] }])
    answers = toggleOption(toggleOption(answers, tags, 'night'), tags, 'glare')
    expect(answers).toEqual([])
  })

  it('text: a blank text removes the answer', () => {
    expect(setText([], notes, 'wet road')).toEqual([{ featureId: 'notes', text: 'wet road' }])
    expect(setText([{ featureId: 'notes', text: 'x' }], notes, '')).toEqual([])
  })

  it('names what is still required', () => {
    expect(missingRequired([], ontology.classifications)).toEqual(['Weather'])
  })
})

describe('per-object attributes', () => {
  const ontology = {
    objects: [
      {
        id: 'car',
        name: 'Car',
        shape: 'bounding-box' as const,
        attributes: [{ id: 'occluded', name: 'Occluded', type: 'radio' as const, required: true, options: [{ id: 'yes', label: 'Yes' }] }],
      },
    ],
    classifications: [],
  }
  const label = { objects: [{ id: 'c1', featureId: 'car', geometry: { x: 0, y: 0, w: 0.1, h: 0.1 } }], classifications: [] }

  it('are set on one object, and dropped when emptied', () => {
    const answered = setObjectAttributes(label, 'c1', [{ featureId: 'occluded', optionIds: ['yes'] }])
    expect(answered.objects[0]!.attributes).toEqual([{ featureId: 'occluded', optionIds: ['yes'] }])
    expect(setObjectAttributes(answered, 'c1', []).objects[0]).not.toHaveProperty('attributes')
    expect(missingAttributes(answered, ontology, () => 'Car #1')).toEqual([])
  })

  it('name each object whose required attribute is unanswered', () => {
    expect(missingAttributes(label, ontology, () => 'Car #1')).toEqual(['Car #1: Occluded'])
  })
})

describe('object titles', () => {
  it('number objects within their class, as the workspace lists them', () => {
    const classes = [
      { id: 'car', name: 'Car' },
      { id: 'sign', name: 'Traffic sign' },
    ]
    const label = {
      objects: [
        { id: 'a', featureId: 'car', geometry: {} },
        { id: 'b', featureId: 'sign', geometry: {} },
        { id: 'c', featureId: 'car', geometry: {} },
      ],
      classifications: [],
    }
    expect(['a', 'b', 'c', 'gone'].map((id) => objectTitle(label, id, classes))).toEqual([
      'Car #1',
      'Traffic sign #1',
      'Car #2',
      'a removed object',
    ])
  })
})
