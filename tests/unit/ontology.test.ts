import { describe, expect, it } from 'vitest'

import { breakingOntologyChanges, validateOntologyStructure, type OntologyStructure } from '../../src/domain/ontology/schema.ts'

const base: OntologyStructure = {
  objects: [
    {
      id: 'car',
      name: 'Car',
      shape: 'bounding-box',
      colour: '#ff0000',
      attributes: [
        {
          id: 'occluded',
          name: 'Occluded',
          type: 'radio',
          options: [
            { id: 'yes', label: 'Yes' },
            { id: 'no', label: 'No' },
          ],
        },
      ],
    },
    { id: 'lane', name: 'Lane', shape: 'polyline' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      required: true,
      options: [
        { id: 'rain', label: 'Rain', classifications: [{ id: 'intensity', name: 'Intensity', type: 'text' }] },
        { id: 'sun', label: 'Sun' },
      ],
    },
  ],
}

describe('ontology structure validation', () => {
  it('accepts a nested ontology', () => expect(validateOntologyStructure(base)).toMatchObject({ ok: true }))

  it('names the path of each problem', () => {
    const bad = {
      objects: [{ id: 'x', name: '', shape: 'circle' }],
      classifications: [
        base.classifications[0],
        { id: 't', name: 'Notes', type: 'text' },
        { id: 'empty', name: 'Empty', type: 'checklist', options: [] },
      ],
    }
    const result = validateOntologyStructure(bad)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: 'objects[0].name', message: 'is required' },
        { path: 'objects[0].shape', message: expect.stringMatching(/^must be one of bounding-box/) },
        { path: 'classifications[2].options', message: 'needs at least one option' },
      ]),
    )
  })

  it('refuses the same feature id twice, wherever it sits', () => {
    const result = validateOntologyStructure({
      ...base,
      classifications: [...base.classifications, { id: 'rain', name: 'Rain again', type: 'text' }],
    })
    expect(result).toMatchObject({
      ok: false,
      problems: [{ path: 'classifications[1]', message: 'id "rain" is already used by classifications[0].options[0]' }],
    })
  })

  it('refuses unknown keys instead of storing them silently', () => {
    const result = validateOntologyStructure({ ...base, objects: [{ ...base.objects[1], colr: '#fff' }] })
    expect(result.ok).toBe(false)
  })
})

describe('breaking ontology changes', () => {
  it('lets additions through', () => {
    const added = { ...base, objects: [...base.objects, { id: 'sign', name: 'Sign', shape: 'point' as const }] }
    expect(breakingOntologyChanges(base, added)).toEqual([])
  })

  it('reports removed and retyped features, nested ones included', () => {
    const after: OntologyStructure = {
      objects: [{ ...base.objects[0]!, shape: 'polygon', attributes: [] }, base.objects[1]!],
      classifications: [{ ...base.classifications[0]!, options: [{ id: 'sun', label: 'Sun' }] }],
    }
    expect(breakingOntologyChanges(base, after)).toEqual([
      { id: 'car', path: 'objects[0]', change: 'retyped' },
      { id: 'occluded', path: 'objects[0].attributes[0]', change: 'removed' },
      { id: 'yes', path: 'objects[0].attributes[0].options[0]', change: 'removed' },
      { id: 'no', path: 'objects[0].attributes[0].options[1]', change: 'removed' },
      { id: 'rain', path: 'classifications[0].options[0]', change: 'removed' },
      { id: 'intensity', path: 'classifications[0].options[0].classifications[0]', change: 'removed' },
    ])
  })
})
