import { describe, expect, it } from 'vitest'

import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { doubleClaimsIn, type JournalEntry, replayTask } from '../../src/domain/workflow/replay.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'

const graph = BUILT_IN_TEMPLATES['annotate-review-complete']!.graph
const consensus: WorkflowGraph = {
  stages: [
    { id: 'vote', type: 'consensus', name: 'Vote', config: { annotators: 2 } },
    { id: 'check', type: 'review', name: 'Check' },
    { id: 'done', type: 'complete', name: 'Done' },
  ],
  edges: [
    { from: 'vote', pathway: 'resolve', to: 'check' },
    { from: 'check', pathway: 'approve', to: 'done' },
    { from: 'check', pathway: 'reject', to: 'vote' },
  ],
}

const at = (stage: string, status = 'new') => ({ fromStage: stage, toStage: stage, fromStatus: status, toStatus: status })
const created: JournalEntry = { type: 'created', actor: null, toStage: 'annotate', toStatus: 'new' }

describe('replaying a task journal', () => {
  it('knows nothing before the first row', () => {
    expect(replayTask([])).toEqual({ stage: null, status: null, holder: null, slots: [] })
  })

  it('follows a task through claim, submit, review and approval', () => {
    const events: JournalEntry[] = [
      created,
      { type: 'claimed', actor: 7, holder: 7, ...at('annotate') },
      { type: 'submitted', actor: 7, holder: 7, fromStage: 'annotate', toStage: 'review', fromStatus: 'new', toStatus: 'new' },
      { type: 'claimed', actor: 9, holder: 9, ...at('review') },
    ]
    expect(replayTask(events, graph)).toEqual({ stage: 'review', status: 'new', holder: 9, slots: [] })
    const approved = [
      ...events,
      { type: 'approved', actor: 9, holder: 9, fromStage: 'review', toStage: 'complete', fromStatus: 'new', toStatus: 'completed' },
      { type: 'completed', actor: 9, ...at('complete', 'completed') },
    ]
    expect(replayTask(approved, graph)).toEqual({ stage: 'complete', status: 'completed', holder: null, slots: [] })
  })

  it('hands a lapsed lease to whoever took it over, and keeps it held until then', () => {
    const claimed: JournalEntry[] = [created, { type: 'claimed', actor: 7, holder: 7, ...at('annotate') }]
    expect(replayTask(claimed).holder).toBe(7)
    const takenOver = [
      ...claimed,
      { type: 'expired', actor: 7, holder: 7, ...at('annotate') },
      { type: 'claimed', actor: 8, holder: 8, ...at('annotate') },
    ]
    expect(replayTask(takenOver).holder).toBe(8)
  })

  it('counts a claim row without holder (older journals) as the actor taking the lease', () => {
    expect(replayTask([created, { type: 'claimed', actor: 7, ...at('annotate') }]).holder).toBe(7)
  })

  it('ends only the lease a row names: a move within the stage or a priority change keeps it', () => {
    const claimed: JournalEntry[] = [created, { type: 'claimed', actor: 7, holder: 7, ...at('annotate') }]
    expect(replayTask([...claimed, { type: 'moved', actor: 1, ...at('annotate') }]).holder).toBe(7)
    expect(replayTask([...claimed, { type: 'priority-changed', actor: 1, ...at('annotate') }]).holder).toBe(7)
    expect(
      replayTask([
        ...claimed,
        { type: 'moved', actor: 1, holder: 7, fromStage: 'annotate', toStage: 'review', fromStatus: 'new', toStatus: 'new' },
      ]),
    ).toEqual({ stage: 'review', status: 'new', holder: null, slots: [] })
    // an assignment to someone else ends the lease; a release by a manager too
    expect(replayTask([...claimed, { type: 'assigned', actor: 1, holder: 7, ...at('annotate') }]).holder).toBeNull()
    expect(replayTask([...claimed, { type: 'released', actor: 1, holder: 7, ...at('annotate') }]).holder).toBeNull()
    // a row naming somebody else leaves the holder alone
    expect(replayTask([...claimed, { type: 'released', actor: 1, holder: 8, ...at('annotate') }]).holder).toBe(7)
  })

  it('keeps the status a skip or a rejection leaves', () => {
    const events: JournalEntry[] = [
      created,
      { type: 'claimed', actor: 7, holder: 7, ...at('annotate') },
      { type: 'skipped', actor: 7, holder: 7, fromStage: 'annotate', toStage: 'annotate', fromStatus: 'new', toStatus: 'skipped' },
    ]
    expect(replayTask(events, graph)).toEqual({ stage: 'annotate', status: 'skipped', holder: null, slots: [] })
  })

  it('tracks consensus slots apart from the lease, per round', () => {
    const start: JournalEntry = { type: 'created', actor: null, toStage: 'vote', toStatus: 'new' }
    const two: JournalEntry[] = [
      start,
      { type: 'claimed', actor: 7, holder: 7, ...at('vote') },
      { type: 'claimed', actor: 8, holder: 8, ...at('vote') },
    ]
    expect(replayTask(two, consensus)).toEqual({ stage: 'vote', status: 'new', holder: null, slots: [7, 8] })
    // one submits (the slot is no longer open), one gives up
    const worked = [...two, { type: 'submitted', actor: 7, holder: 7, ...at('vote') }]
    expect(replayTask(worked, consensus).slots).toEqual([8])
    expect(replayTask([...worked, { type: 'released', actor: 8, holder: 8, ...at('vote') }], consensus).slots).toEqual([])
    // a lapsed slot taken over
    const takenOver = [
      ...two,
      { type: 'expired', actor: 8, holder: 8, ...at('vote') },
      { type: 'claimed', actor: 9, holder: 9, ...at('vote') },
    ]
    expect(replayTask(takenOver, consensus).slots).toEqual([7, 9])
    // the last annotation moves the task on: a new round, no slots
    const resolved = [
      ...worked,
      { type: 'submitted', actor: 8, holder: 8, fromStage: 'vote', toStage: 'check', fromStatus: 'new', toStatus: 'new' },
    ]
    expect(replayTask(resolved, consensus)).toEqual({ stage: 'check', status: 'new', holder: null, slots: [] })
    // a manager's move starts a new round even into the same stage
    expect(replayTask([...two, { type: 'moved', actor: 1, ...at('vote') }], consensus).slots).toEqual([])
    // a second claim by the same person (a lapsed slot renewed) is still one slot
    expect(replayTask([...two, { type: 'claimed', actor: 7, holder: 7, ...at('vote') }], consensus).slots).toEqual([7, 8])
  })

  it('counts a claim that gave a lease someone else still held as a double claim, and nothing else', () => {
    const claimed: JournalEntry[] = [created, { type: 'claimed', actor: 7, holder: 7, ...at('annotate') }]
    expect(doubleClaimsIn(claimed, graph)).toBe(0)
    // the same person claiming again (a resumed lease) is one holder
    expect(doubleClaimsIn([...claimed, { type: 'claimed', actor: 7, holder: 7, ...at('annotate') }], graph)).toBe(0)
    // a lapsed lease taken over writes `expired` first
    const takenOver: JournalEntry[] = [
      ...claimed,
      { type: 'expired', actor: 7, holder: 7, ...at('annotate') },
      { type: 'claimed', actor: 8, holder: 8, ...at('annotate') },
    ]
    expect(doubleClaimsIn(takenOver, graph)).toBe(0)
    // without it, two people hold the task at once
    const doubled: JournalEntry[] = [...claimed, { type: 'claimed', actor: 8, holder: 8, ...at('annotate') }]
    expect(doubleClaimsIn(doubled, graph)).toBe(1)
    expect(doubleClaimsIn([...doubled, { type: 'claimed', actor: 9, holder: 9, ...at('annotate') }], graph)).toBe(2)
    // consensus slots are many by design
    const start: JournalEntry = { type: 'created', actor: null, toStage: 'vote', toStatus: 'new' }
    const slots: JournalEntry[] = [
      start,
      { type: 'claimed', actor: 7, holder: 7, ...at('vote') },
      { type: 'claimed', actor: 8, holder: 8, ...at('vote') },
    ]
    expect(doubleClaimsIn(slots, consensus)).toBe(0)
  })
})
