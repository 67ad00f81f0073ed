import { describe, expect, it } from 'vitest'

import { auditDiff, auditSummary } from '../../src/domain/audit/auditDiff.ts'

describe('what an audit entry records', () => {
  const fields = ['name', 'status', 'collaborators']
  const before = { id: 1, name: 'P', status: 'not-started', collaborators: [{ id: 'r1', user: 7, role: 'annotator' }], updatedAt: 'x' }

  it('keeps only the audited fields that changed, before and after', () => {
    const after = { ...before, status: 'in-progress', updatedAt: 'y', description: 'not audited' }
    const diff = auditDiff('update', fields, before, after)
    expect(diff).toEqual({ before: { status: 'not-started' }, after: { status: 'in-progress' } })
    expect(auditSummary('update', 'Project "P"', diff!)).toBe('Project "P": status changed')
  })

  it('sees nothing when only unaudited fields or timestamps changed', () => {
    expect(auditDiff('update', fields, before, { ...before, updatedAt: 'z', description: 'x' })).toBeNull()
  })

  it('reads a populated relation as its id', () => {
    const populated = {
      ...before,
      collaborators: [{ id: 'r1', user: { id: 7, email: 'a@b.c', createdAt: 'x', updatedAt: 'x' }, role: 'annotator' }],
    }
    expect(auditDiff('update', fields, before, populated)).toBeNull()
  })

  it('records what a creation set and what a deletion removed', () => {
    expect(auditDiff('create', fields, null, before)).toEqual({
      before: null,
      after: { name: 'P', status: 'not-started', collaborators: [{ id: 'r1', user: 7, role: 'annotator' }] },
    })
    expect(auditDiff('delete', ['name'], before, null)).toEqual({ before: { name: 'P' }, after: null })
    expect(auditSummary('delete', 'Group "G"', { before: {}, after: null })).toBe('Group "G" deleted')
  })
})
