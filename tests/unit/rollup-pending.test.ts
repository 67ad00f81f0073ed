import { describe, expect, it } from 'vitest'

import { addPendingEventsTable } from '../../src/sql/analytics/rollupPending.ts'

// the schema hook's own rules, on a schema as the Postgres adapter hands it over (only what the hook reads)
const schemaWith = (idType: string, tables: Record<string, unknown> = {}) => ({
  schema: { tables: { task_events: { id: { getSQLType: () => idType } }, ...tables } as never },
  adapter: { tableNameMap: new Map([['task_events', 'task_events']]) },
})
const eventColumnType = (schema: { tables: Record<string, unknown> }) =>
  (schema.tables.task_events_pending as { event: { getSQLType: () => string } }).event.getSQLType()

describe('the pending events table', () => {
  it('sits beside the journal, keyed by event ids of the journal’s own type', () => {
    expect(eventColumnType(addPendingEventsTable(schemaWith('serial'), 'task-events'))).toBe('integer')
    expect(eventColumnType(addPendingEventsTable(schemaWith('uuid'), 'task-events'))).toBe('uuid')
  })

  it('refuses to replace a table of the same name', () => {
    expect(() => addPendingEventsTable(schemaWith('serial', { task_events_pending: {} }), 'task-events')).toThrow(
      /"task_events_pending" .* is taken/,
    )
  })

  it('adds nothing where there is no journal table', () => {
    const args = { schema: { tables: {} }, adapter: { tableNameMap: new Map<string, string>() } }
    expect(addPendingEventsTable(args as never, 'task-events').tables).toEqual({})
  })
})
