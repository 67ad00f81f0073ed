import { describe, expect, it } from 'vitest'

import { type IndexShape, redundantIndexes } from '../../src/db/redundantIndexes.ts'

const index = (key: string, columns: string[] | null, more: Partial<IndexShape> = {}): IndexShape => ({
  key,
  columns,
  unique: false,
  partial: false,
  method: 'btree',
  ...more,
})

describe('redundant indexes', () => {
  it('drops a plain index whose columns lead a longer full index, unique or not', () => {
    expect(
      redundantIndexes([
        index('events_project', ['project_id']),
        index('events_project_created', ['project_id', 'created_at']),
        index('rollups_key', ['project_id', 'grain', 'hour'], { unique: true }),
        index('events_project_grain', ['project_id', 'grain']),
      ]),
    ).toEqual(['events_project', 'events_project_grain'])
  })

  it('keeps what nothing else serves: other leading columns, the same columns, unique, partial, other methods, expressions', () => {
    expect(
      redundantIndexes([
        index('holder', ['holder_id']),
        index('created', ['created_at']),
        index('task_created', ['task_id', 'created_at']),
        index('task_created_again', ['task_id', 'created_at']), // the same columns: neither leads the other
        index('one_lease', ['project_id'], { unique: true }), // a rule, not only a path
        index('queue', ['project_id', 'priority']),
        index('claimable', ['status'], { partial: true }),
        index('status_priority', ['status', 'priority'], { partial: true }), // partial: covers some rows only
        index('trigram', ['name'], { method: 'gin' }),
        index('name_text', ['name', 'kind'], { method: 'gin' }),
        index('lower_email', null),
        index('lower_email_kind', null),
      ]),
    ).toEqual([])
  })
})
