import { describe, expect, it } from 'vitest'

import { namedDocs, peopleOfMembers } from '../../admin-components/shared/workspaceDocs.ts'

describe('naming a workspace’s documents for the pickers', () => {
  it('names each person once, by name, else email, else id, in alphabetical order', () => {
    const members = [
      { id: 1, user: { id: 7, email: 'zed@acme.test' } },
      { id: 2, user: { id: 3, name: 'Ada Admin', email: 'admin@acme.test' } },
      { id: 3, user: 9 },
      { id: 4, user: { id: 7, email: 'zed@acme.test' } },
      { id: 5, user: null },
    ]
    expect(peopleOfMembers(members)).toEqual([
      { id: 3, name: 'Ada Admin' },
      { id: 9, name: 'User 9' },
      { id: 7, name: 'zed@acme.test' },
    ])
  })

  it('names documents by their name, or their id when they have none', () => {
    expect(namedDocs([{ id: 'a1', name: 'Street frames' }, { id: 2 }])).toEqual([
      { id: 'a1', name: 'Street frames' },
      { id: 2, name: '#2' },
    ])
  })
})
