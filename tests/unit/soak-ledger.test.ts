import { describe, expect, it } from 'vitest'

import { halfWritten, lostAcknowledged, type SentAction, type StoredWork } from '../../bench/soak/ledger.ts'

const stored = (over: Partial<StoredWork> = {}): StoredWork => ({
  keys: new Set(),
  claims: new Set(),
  keyedByTaskUser: new Map(),
  keyedEventsByTaskUser: new Map(),
  bulkEvents: new Map(),
  ...over,
})

describe("the soak's ledger", () => {
  it('finds nothing lost when every acknowledged action is stored', () => {
    const acknowledged: SentAction[] = [
      { kind: 'claim', user: 1, task: 10 },
      { kind: 'submit', user: 1, task: 10, key: 'k1' },
      { kind: 'review', user: 2, task: 10, key: 'k2' },
      { kind: 'bulk', user: 3, operation: 'move', changed: 2 },
    ]
    const all = stored({ keys: new Set(['1|k1', '2|k2']), claims: new Set(['10|1']), bulkEvents: new Map([['3|moved', 2]]) })
    expect(lostAcknowledged(acknowledged, all)).toBe(0)
  })

  it('counts each acknowledged claim, keyed action and bulk change the database lacks', () => {
    const acknowledged: SentAction[] = [
      { kind: 'claim', user: 1, task: 10 },
      { kind: 'claim', user: 1, task: 11 },
      { kind: 'submit', user: 1, task: 10, key: 'k1' },
      { kind: 'review', user: 2, task: 10, key: 'k2' },
      { kind: 'bulk', user: 3, operation: 'move', changed: 2 },
      { kind: 'bulk', user: 3, operation: 'move', changed: 3 },
      { kind: 'bulk', user: 3, operation: 'set-priority', changed: 1 },
    ]
    const partly = stored({
      keys: new Set(['1|k1']),
      claims: new Set(['10|1']),
      bulkEvents: new Map([
        ['3|moved', 4],
        ['3|priority-changed', 1],
      ]),
    })
    // task 11's claim, the review k2, one of five moves
    expect(lostAcknowledged(acknowledged, partly)).toBe(3)
  })

  it('counts a bulk change journalled by more rows than answered (a cut request that committed) as nothing lost', () => {
    const acknowledged: SentAction[] = [{ kind: 'bulk', user: 3, operation: 'set-priority', changed: 1 }]
    expect(lostAcknowledged(acknowledged, stored({ bulkEvents: new Map([['3|priority-changed', 6]]) }))).toBe(0)
  })

  it('finds a keyed action written in part: a key without its journal row or a journal row without its key', () => {
    expect(
      halfWritten(
        stored({
          keyedByTaskUser: new Map([
            ['10|1', 2],
            ['11|1', 1],
          ]),
          keyedEventsByTaskUser: new Map([
            ['10|1', 2],
            ['11|1', 1],
          ]),
        }),
      ),
    ).toBe(0)
    expect(
      halfWritten(
        stored({
          keyedByTaskUser: new Map([
            ['10|1', 2],
            ['12|2', 1],
          ]),
          keyedEventsByTaskUser: new Map([
            ['10|1', 1],
            ['13|2', 1],
          ]),
        }),
      ),
    ).toBe(3)
  })
})
