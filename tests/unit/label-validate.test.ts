import { describe, expect, it } from 'vitest'

import { featureIdsOf, labelProblems } from '../../src/domain/labels/validate.ts'
import type { OntologyStructure } from '../../src/domain/ontology/schema.ts'

const ontology: OntologyStructure = {
  objects: [
    {
      id: 'car',
      name: 'Car',
      shape: 'bounding-box',
      attributes: [
        {
          id: 'occluded',
          name: 'Occluded',
          type: 'radio',
          required: true,
          options: [
            { id: 'yes', label: 'Yes' },
            { id: 'no', label: 'No' },
          ],
        },
      ],
    },
    { id: 'lane', name: 'Lane', shape: 'polyline' },
    { id: 'road', name: 'Road', shape: 'polygon' },
    { id: 'sign', name: 'Sign', shape: 'point' },
    { id: 'sky', name: 'Sky', shape: 'bitmask' },
    { id: 'truck', name: 'Truck', shape: 'rotated-box' },
    { id: 'name', name: 'Name', shape: 'text-span' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      required: true,
      options: [
        { id: 'sun', label: 'Sun' },
        {
          id: 'rain',
          label: 'Rain',
          classifications: [{ id: 'heavy', name: 'Heavy', type: 'radio', options: [{ id: 'h-yes', label: 'Yes' }] }],
        },
      ],
    },
    {
      id: 'tags',
      name: 'Tags',
      type: 'checklist',
      options: [
        { id: 'night', label: 'Night' },
        { id: 'city', label: 'City' },
      ],
    },
    { id: 'comment', name: 'Comment', type: 'text' },
  ],
}
const good = {
  objects: [
    {
      id: 'o1',
      featureId: 'car',
      geometry: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 },
      attributes: [{ featureId: 'occluded', optionIds: ['no'] }],
    },
    {
      id: 'o2',
      featureId: 'lane',
      geometry: {
        points: [
          [0, 0],
          [1, 1],
        ],
      },
    },
    {
      id: 'o3',
      featureId: 'road',
      frame: 3,
      geometry: {
        points: [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
      },
    },
    { id: 'o4', featureId: 'sign', geometry: { x: 0.5, y: 0.5 } },
    { id: 'o5', featureId: 'sky', geometry: { rle: { size: [2, 3], counts: [1, 4, 1] } } },
    { id: 'o6', featureId: 'truck', geometry: { x: 0.5, y: 0.5, w: 0.2, h: 0.1, theta: 30 } },
    { id: 'o7', featureId: 'name', geometry: { start: 0, end: 4 } },
  ],
  classifications: [
    { featureId: 'weather', optionIds: ['rain'], answers: [{ featureId: 'heavy', optionIds: ['h-yes'] }] },
    { featureId: 'tags', optionIds: ['night', 'city'] },
    { featureId: 'comment', text: 'ok' },
  ],
}
const problemsOf = (label: unknown, context = {}, complete = true) => labelProblems(label, ontology, context, { complete }).problems

describe('labelProblems', () => {
  it('accepts every shape, nested answers and checklists', () => {
    expect(problemsOf(good, { frames: 10, textLength: 20 })).toEqual([])
    expect(featureIdsOf(labelProblems(good, ontology).label!)).toEqual(
      expect.arrayContaining(['car', 'occluded', 'no', 'weather', 'rain', 'heavy', 'h-yes', 'tags']),
    )
  })
  const withObject = (object: Record<string, unknown>) => ({ ...good, objects: [object] })
  it.each([
    [
      'an unknown feature',
      withObject({ id: 'x', featureId: 'plane', geometry: {} }),
      'objects[0].featureId',
      /"plane" is not an object of this ontology/,
    ],
    [
      'the wrong shape',
      withObject({ id: 'x', featureId: 'road', geometry: { x: 0.1, y: 0.1, w: 0.1, h: 0.1 } }),
      'objects[0].geometry',
      /polygon/,
    ],
    [
      'a box out of range',
      withObject({
        id: 'x',
        featureId: 'car',
        geometry: { x: 0.9, y: 0.1, w: 0.3, h: 0.1 },
        attributes: [{ featureId: 'occluded', optionIds: ['no'] }],
      }),
      'objects[0].geometry',
      /inside the data unit/,
    ],
    [
      'a coordinate above 1',
      withObject({ id: 'x', featureId: 'sign', geometry: { x: 1.2, y: 0 } }),
      'objects[0].geometry.x',
      /between 0 and 1/,
    ],
    [
      'a polygon of two points',
      withObject({
        id: 'x',
        featureId: 'road',
        geometry: {
          points: [
            [0, 0],
            [1, 1],
          ],
        },
      }),
      'objects[0].geometry.points',
      /at least 3 points/,
    ],
    [
      'a bitmask that does not add up',
      withObject({ id: 'x', featureId: 'sky', geometry: { rle: { size: [2, 2], counts: [1, 1] } } }),
      'objects[0].geometry.rle',
      /add up/,
    ],
    [
      'a span backwards',
      withObject({ id: 'x', featureId: 'name', geometry: { start: 5, end: 2 } }),
      'objects[0].geometry',
      /end must come after start/,
    ],
    [
      'a missing required attribute',
      withObject({ id: 'x', featureId: 'car', geometry: { x: 0, y: 0, w: 0.1, h: 0.1 } }),
      'objects[0].attributes',
      /"Occluded" is required/,
    ],
    [
      'an option not in the list',
      { ...good, classifications: [{ featureId: 'weather', optionIds: ['snow'] }] },
      'classifications[0].optionIds[0]',
      /"snow" is not an option of "Weather"/,
    ],
    [
      'two options on a radio',
      { ...good, classifications: [{ featureId: 'weather', optionIds: ['sun', 'rain'] }] },
      'classifications[0].optionIds',
      /takes one option/,
    ],
    ['a missing required classification', { ...good, classifications: [] }, 'classifications', /"Weather" is required/],
    ['a duplicate object id', { ...good, objects: [good.objects[1], good.objects[1]] }, 'objects[1].id', /used by another object/],
  ])('refuses %s, naming the path', (_what, label, path, message) => {
    const problems = problemsOf(label)
    expect(problems.map((problem) => problem.path)).toContain(path)
    expect(problems.find((problem) => problem.path === path)!.message).toMatch(message)
  })
  it('checks frames and spans against the data unit', () => {
    expect(problemsOf(withObject({ ...good.objects[2] }), { frames: 3 })).toEqual([
      { path: 'objects[0].frame', message: 'is past the last frame (the video has 3)' },
    ])
    expect(problemsOf(withObject({ ...good.objects[6] }), { textLength: 3 })[0]!.path).toBe('objects[0].geometry.end')
  })
  it('lets a draft leave required answers for later', () => {
    expect(problemsOf({ ...good, classifications: [] }, {}, false)).toEqual([])
  })
})
