import { describe, expect, it } from 'vitest'

import { parseDataItemRow } from '../../src/domain/import/dataItemRow.ts'
import { mediaManifest } from '../../src/domain/import/mediaRows.ts'
import { canCreate, draftProblems, emptyDraft, projectBody, stageLine } from '../../src/domain/projects/setup.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'

describe('project setup in steps', () => {
  it('blocks on a missing workspace or name, and only notes what the project will lack', () => {
    const draft = emptyDraft()
    expect(canCreate(draft)).toBe(false)
    expect(draftProblems(draft).blocking).toEqual({
      basics: ['Choose the workspace the project belongs to.', 'Give the project a name.'],
    })
    const named = { ...draft, workspace: 3, name: '  Street scenes ' }
    expect(canCreate(named)).toBe(true)
    expect(Object.keys(draftProblems(named).notes).sort()).toEqual(['data', 'ontology', 'people', 'workflow'])
  })

  it('refuses collaborator rows without anyone, repeated rows and a lease out of bounds', () => {
    const draft = {
      ...emptyDraft(3),
      name: 'P',
      collaborators: [
        { kind: 'group' as const, id: null, role: 'annotator' as const },
        { kind: 'user' as const, id: 7, role: 'reviewer' as const },
        { kind: 'user' as const, id: 7, role: 'reviewer' as const },
        { kind: 'user' as const, id: 7, role: 'annotator' as const },
      ],
      settings: { ...emptyDraft().settings, leaseMinutes: 0 },
    }
    expect(draftProblems(draft).blocking).toEqual({
      people: ['Row 1: choose a group.', 'Row 3 repeats an earlier row.'],
      settings: ['The lease is whole minutes from 1 to 1440.'],
    })
    expect(draftProblems({ ...draft, settings: { ...draft.settings, leaseMinutes: 2.5 } }).blocking.settings).toHaveLength(1)
  })

  it('becomes the body the projects API takes: trimmed name, users and groups as rows, no empty choices', () => {
    const draft = {
      ...emptyDraft(3),
      name: ' Street scenes ',
      datasets: [4, 5],
      workflowTemplate: 9,
      collaborators: [
        { kind: 'group' as const, id: 2, role: 'annotator' as const },
        { kind: 'user' as const, id: 8, role: 'reviewer' as const },
      ],
    }
    expect(projectBody(draft)).toEqual({
      workspace: 3,
      name: 'Street scenes',
      kind: 'standard',
      datasets: [4, 5],
      workflowTemplate: 9,
      collaborators: [
        { group: 2, role: 'annotator' },
        { user: 8, role: 'reviewer' },
      ],
      settings: { leaseMinutes: 30, skipPolicy: 'requeue-for-others', reworkAssignment: 'original-annotator', allowSelfReview: false },
    })
  })

  it('tells a workflow as the stages a task meets, in order', () => {
    expect(stageLine(BUILT_IN_TEMPLATES['annotate-review-rework']!.graph)).toBe('Annotate → Review → Rework → Complete')
    expect(
      stageLine({
        start: 'r',
        stages: [
          { id: 'a', type: 'annotate', name: 'A' },
          { id: 'r', type: 'review', name: 'R' },
        ],
        edges: [],
      }),
    ).toBe('R')
    expect(stageLine(null)).toBe('')
  })
})

describe('uploaded images as data items', () => {
  it('makes one import row per file, keyed and named by the file, sized when measured', () => {
    const rows = mediaManifest([
      { file: 'dusk-1.png', media: 7, width: 2, height: 1 },
      { file: 'raw.dng', media: 8 },
    ])
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(rows).toEqual([
      { externalId: 'dusk-1.png', name: 'dusk-1.png', type: 'image', media: 7, width: 2, height: 1 },
      { externalId: 'raw.dng', name: 'raw.dng', type: 'image', media: 8 },
    ])
    // every row is one the import accepts, on hosts with serial ids and with uuid ids alike
    for (const row of rows) expect(parseDataItemRow(row).ok).toBe(true)
    const uuid = '0b8f9a52-4c1e-4d8e-9f6a-2b7c1d3e5f70'
    const [onUuidHost] = mediaManifest([{ file: 'a.png', media: uuid }])
      .split('\n')
      .map((line) => parseDataItemRow(JSON.parse(line)))
    expect(onUuidHost).toMatchObject({ ok: true, record: { sourceKind: 'media', sourceMedia: uuid } })
    expect(parseDataItemRow({ type: 'image', media: 'not-an-id' })).toMatchObject({ ok: false })
  })
})
