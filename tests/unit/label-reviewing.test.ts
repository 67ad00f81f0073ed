import { describe, expect, it } from 'vitest'

import type { LabelDocument } from '../../src/domain/labels/editing.ts'
import { diffLabels } from '../../src/domain/labels/review.ts'
import { answerText, approveUndecided, pinIssues, rejects, reviewRequest, undecided } from '../../src/domain/labels/reviewing.ts'
import type { Classification } from '../../src/domain/ontology/schema.ts'

const box = { x: 0.1, y: 0.2, w: 0.3, h: 0.4 }
const label: LabelDocument = {
  objects: [
    { id: 'c1', featureId: 'car', geometry: box },
    { id: 'p1', featureId: 'sign', geometry: { x: 0.5, y: 0.5 } },
  ],
  classifications: [{ featureId: 'weather', optionIds: ['rain'], answers: [{ featureId: 'intensity', optionIds: ['heavy'] }] }],
}
const WEATHER: Classification = {
  id: 'weather',
  name: 'Weather',
  type: 'radio',
  options: [
    { id: 'clear', label: 'Clear' },
    {
      id: 'rain',
      label: 'Rain',
      classifications: [{ id: 'intensity', name: 'Intensity', type: 'radio', options: [{ id: 'heavy', label: 'Heavy' }] }],
    },
  ],
}

describe('a review request', () => {
  it('needs a verdict on every item, and names the ones left', () => {
    const result = reviewRequest(label, { 'object:c1': { verdict: 'approve', note: '' } }, { expectedVersion: 3 })
    expect(result).toEqual({
      problems: [
        { path: 'decisions', message: expect.stringContaining('object "p1"') },
        { path: 'decisions', message: expect.stringContaining('classification "weather"') },
      ],
    })
    expect(undecided(label, { 'object:c1': { verdict: 'approve', note: '' } })).toEqual(['object:p1', 'classification:weather'])
  })

  it('needs a note on a rejection, as the server does', () => {
    const verdicts = approveUndecided(label, { 'object:p1': { verdict: 'reject', note: '  ' } })
    expect(reviewRequest(label, verdicts, { expectedVersion: 3 })).toMatchObject({
      problems: [{ path: 'decisions[1].note', message: expect.stringMatching(/a rejection needs a note/) }],
    })
  })

  it('sends each verdict with its note, and the rest approved', () => {
    const verdicts = approveUndecided(label, { 'object:p1': { verdict: 'reject', note: ' not a sign ' } })
    expect(rejects(verdicts)).toBe(true)
    expect(reviewRequest(label, verdicts, { expectedVersion: 3, note: ' ', timeSpentMs: 10 })).toEqual({
      body: {
        expectedVersion: 3,
        timeSpentMs: 10,
        decisions: [
          { target: 'object', id: 'c1', verdict: 'approve' },
          { target: 'object', id: 'p1', verdict: 'reject', note: 'not a sign' },
          { target: 'classification', id: 'weather', verdict: 'approve' },
        ],
      },
    })
  })

  it('decides an empty label as a whole: approve, or reject with a note', () => {
    const empty: LabelDocument = { objects: [], classifications: [] }
    expect(reviewRequest(empty, {}, { expectedVersion: 1 })).toMatchObject({ body: { all: 'approve', decisions: [] } })
    expect(reviewRequest(empty, {}, { expectedVersion: 1, overall: 'reject' })).toMatchObject({ problems: [{ path: 'note' }] })
    expect(reviewRequest(empty, {}, { expectedVersion: 1, overall: 'reject', note: 'nothing drawn' })).toMatchObject({
      body: { all: 'reject', note: 'nothing drawn' },
    })
  })
})

describe('an answer as a line', () => {
  it('names the options chosen and the nested answers after them', () => {
    expect(answerText(label.classifications[0]!, WEATHER)).toBe('Weather: Rain › Intensity: Heavy')
    expect(answerText({ featureId: 'weather' }, WEATHER)).toBe('Weather: (none)')
    expect(answerText({ featureId: 'note', text: 'fog' }, { id: 'note', name: 'Note', type: 'text' })).toBe('Note: fog')
  })
})

describe('rework: issues pinned to their items', () => {
  const issues = [
    { id: 1, title: 'box too loose', anchor: { kind: 'label', labelObject: 'c1' } },
    { id: 2, title: 'wrong weather', anchor: { kind: 'label', labelObject: 'classification:weather' } },
    { id: 3, title: 'item is blurred', anchor: null },
  ]

  it('pins each issue to its object or classification, none fixed before a change', () => {
    expect(pinIssues(issues, label, label).map(({ pinnedTo, fixed }) => [pinnedTo, fixed])).toEqual([
      ['c1', false],
      ['classification:weather', false],
      [null, false],
    ])
  })

  it('marks an issue fixed once its item is changed or removed, as the server resolves it on submit', () => {
    const reworked: LabelDocument = {
      objects: [{ id: 'p1', featureId: 'sign', geometry: { x: 0.5, y: 0.5 } }], // c1 removed
      classifications: [{ featureId: 'weather', optionIds: ['clear'] }],
    }
    expect(pinIssues(issues, label, reworked).map(({ fixed }) => fixed)).toEqual([true, true, false])
  })

  it('does not take stored key order or nulls for a change', () => {
    const stored = {
      objects: [
        { id: 'c1', featureId: 'car', frame: null, geometry: { h: 0.4, w: 0.3, x: 0.1, y: 0.2 } },
        { id: 'p1', featureId: 'sign', geometry: { y: 0.5, x: 0.5 } },
      ],
      classifications: label.classifications,
    }
    expect(pinIssues(issues, stored as never, label).some(({ fixed }) => fixed)).toBe(false)
    expect(diffLabels(stored as never, label as never).modified).toEqual(['object:c1']) // frame: null is a stored field, not an order
  })
})
