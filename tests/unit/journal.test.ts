import { describe, expect, it } from 'vitest'

import { followUpEvents } from '../../src/domain/workflow/journal.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import { initialState, type TaskState, transition } from '../../src/domain/workflow/transition.ts'

const graph = BUILT_IN_TEMPLATES['annotate-review-complete']!.graph
const start = (): TaskState => initialState(graph, { taskId: 1 }).state

describe('the journal rows that follow an action', () => {
  it('record a rejection sending the task back, and to whom', () => {
    const submitted = transition(graph, start(), { type: 'submit', actor: 7 }, { taskId: 1 }).next
    const { next, effects } = transition(graph, submitted, { type: 'reject', actor: 9 }, { taskId: 1 })
    expect(followUpEvents({ effects, next, assignedTo: 7 })).toEqual([
      { type: 'reopened', note: 'back to annotate for rework' },
      { type: 'assigned', note: 'returned to user 7 for rework' },
    ])
    // a project that sends rework to anyone eligible assigns nobody
    expect(followUpEvents({ effects, next }).map((event) => event.type)).toEqual(['reopened'])
  })

  it('record a task reaching an end stage', () => {
    const submitted = transition(graph, start(), { type: 'submit', actor: 7 }, { taskId: 1 }).next
    const { next, effects } = transition(graph, submitted, { type: 'approve', actor: 9 }, { taskId: 1 })
    expect(followUpEvents({ effects, next })).toEqual([{ type: 'completed', note: 'reached complete' }])
  })

  it('add nothing to an action that only moves the task along', () => {
    const { next, effects } = transition(graph, start(), { type: 'submit', actor: 7 }, { taskId: 1 })
    expect(followUpEvents({ effects, next })).toEqual([])
    const skipped = transition(graph, start(), { type: 'skip', actor: 7 }, { taskId: 1 })
    expect(followUpEvents(skipped)).toEqual([])
  })
})
