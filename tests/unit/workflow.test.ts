import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import {
  initialState,
  stableBucket,
  type TaskState,
  transition,
  TransitionError,
  type WorkflowEvent,
} from '../../src/domain/workflow/transition.ts'
import { validateWorkflow } from '../../src/domain/workflow/validate.ts'

const tpl = (key: keyof typeof BUILT_IN_TEMPLATES) => BUILT_IN_TEMPLATES[key]!.graph
const ctx = { taskId: 1 }
const start = (graph: WorkflowGraph, taskId: number | string = 1) => initialState(graph, { taskId }).state
const messages = (input: unknown) => {
  const result = validateWorkflow(input)
  return result.ok ? [] : result.problems.map((problem) => problem.message)
}

describe('validateWorkflow', () => {
  it.each(Object.keys(BUILT_IN_TEMPLATES))('accepts the built-in template %s', (key) => {
    expect(validateWorkflow(BUILT_IN_TEMPLATES[key]!.graph)).toMatchObject({ ok: true })
  })

  it('names the stage of every problem in a plain sentence', () => {
    const graph = {
      start: 'annotate',
      stages: [
        { id: 'annotate', type: 'annotate', name: 'Annotate' },
        { id: 'review', type: 'review', name: 'Review' },
        { id: 'orphan', type: 'annotate', name: 'Orphan' },
        { id: 'loop-a', type: 'annotate', name: 'Loop A' },
        { id: 'loop-b', type: 'annotate', name: 'Loop B' },
        {
          id: 'split',
          type: 'router',
          name: 'Split',
          config: {
            kind: 'percentage',
            branches: [
              { pathway: 'a', weight: 60 },
              { pathway: 'b', weight: 30 },
            ],
          },
        },
        { id: 'crowd', type: 'consensus', name: 'Crowd', config: { annotators: 1 } },
        { id: 'done', type: 'complete', name: 'Done' },
      ],
      edges: [
        { from: 'annotate', pathway: 'submit', to: 'review' },
        { from: 'review', pathway: 'approve', to: 'split' },
        { from: 'split', pathway: 'a', to: 'done' },
        { from: 'split', pathway: 'b', to: 'loop-a' },
        { from: 'loop-a', pathway: 'submit', to: 'loop-b' },
        { from: 'loop-b', pathway: 'submit', to: 'loop-a' },
        { from: 'orphan', pathway: 'submit', to: 'nowhere' },
        { from: 'done', pathway: 'submit', to: 'annotate' },
        { from: 'crowd', pathway: 'resolve', to: 'done' },
      ],
    }
    expect(messages(graph)).toEqual(
      expect.arrayContaining([
        'Review stage "review" needs both approve and reject pathways; "reject" is missing.',
        'Edge 6 from "orphan" (submit) goes to "nowhere", which is not a stage.',
        'Stage "done" is an end stage and cannot lead anywhere.',
        'Router "split" weights add up to 90, not 100.',
        'Consensus stage "crowd" needs at least 2 annotators (has 1).',
        'Stage "orphan" cannot be reached from the start.',
        'Stage "crowd" cannot be reached from the start.',
        'Stage "loop-a" is in a cycle with no exit: tasks there can never complete.',
      ]),
    )
  })

  it('needs a start, a Complete stage and known shapes', () => {
    expect(messages({ stages: [], edges: [] })).toEqual(['stages: needs at least one stage'])
    expect(messages({ start: 'x', stages: [{ id: 'a', type: 'annotate', name: 'A' }], edges: [] })).toEqual(
      expect.arrayContaining(['The workflow has no start: stage "x" does not exist.', 'The workflow has no Complete stage.']),
    )
    expect(messages({ stages: [{ id: 'a', type: 'painting', name: 'A' }], edges: [] })[0]).toMatch(/^stages\[0\]\.type: /)
  })

  it('still names the structure’s problems when a stage’s settings break the schema, without guessing that stage’s pathways', () => {
    const graph = {
      stages: [
        { id: 'annotate', type: 'annotate', name: 'Annotate' },
        {
          id: 'route',
          type: 'router',
          name: 'Route',
          // an empty metadata key: a schema problem on this stage
          config: { kind: 'metadata', rules: [{ key: '', op: 'equals', value: 'x', pathway: 'night' }], otherwise: 'day' },
        },
        { id: 'review', type: 'review', name: 'Review' },
        { id: 'done', type: 'complete', name: 'Done' },
      ],
      edges: [
        { from: 'annotate', pathway: 'submit', to: 'route' },
        { from: 'route', pathway: 'night', to: 'review' },
        { from: 'route', pathway: 'day', to: 'done' },
        { from: 'review', pathway: 'approve', to: 'done' },
      ],
    }
    const found = messages(graph)
    expect(found[0]).toMatch(/^stages\[1\]\.config\.rules\[0\]\.key: /)
    // the missing reject is named, though the router's settings are broken; nothing is said of the router's own pathways
    expect(found.slice(1)).toEqual(['Review stage "review" needs both approve and reject pathways; "reject" is missing.'])
    // a broken edge between known stages still joins them: no false "cannot be reached" or "no way to complete"
    const badPathway = { ...graph, edges: [...graph.edges.slice(0, 3), { from: 'review', pathway: 'app rove', to: 'done' }] }
    expect(messages(badPathway).filter((message) => !/^(stages|edges)\[/.test(message))).toEqual([])
    // one that cannot be placed (no target) leaves the structure unknown: only the schema's problems are named
    const noTarget = { ...graph, edges: [...graph.edges.slice(0, 3), { from: 'review', pathway: 'approve' }] }
    expect(messages(noTarget).every((message) => /^(stages|edges)\[/.test(message))).toBe(true)
    // nothing structural can be told without the stages' ids
    expect(messages({ stages: [{ type: 'annotate', name: 'A' }], edges: [] })).toHaveLength(1)
  })
})

describe('transition', () => {
  it('walks Annotate -> Review -> Complete, and a rejection returns the task to its annotator, Reopened', () => {
    const graph = tpl('annotate-review-complete')
    let state = start(graph)
    expect(state).toMatchObject({ stage: 'annotate', status: 'new' })
    state = transition(graph, state, { type: 'submit', actor: 'ann' }, ctx).next
    expect(state).toMatchObject({ stage: 'review', status: 'new' })
    const rejected = transition(graph, state, { type: 'reject', actor: 'rev' }, ctx)
    expect(rejected.next).toMatchObject({ stage: 'annotate', status: 'reopened' })
    expect(rejected.effects).toContainEqual({ type: 'return-to', user: 'ann', stage: 'annotate' })
    state = transition(graph, rejected.next, { type: 'submit', actor: 'ann' }, ctx).next
    const approved = transition(graph, state, { type: 'approve', actor: 'rev' }, ctx)
    expect(approved.next).toMatchObject({ stage: 'complete', status: 'completed' })
    expect(approved.effects).toContainEqual({ type: 'completed', stage: 'complete' })
  })

  it('runs rework rounds through the rework stage', () => {
    const graph = tpl('annotate-review-rework')
    let state = transition(graph, start(graph), { type: 'submit', actor: 'ann' }, ctx).next
    for (let round = 0; round < 3; round++) {
      state = transition(graph, state, { type: 'reject', actor: 'rev' }, ctx).next
      expect(state).toMatchObject({ stage: 'rework', status: 'reopened' })
      state = transition(graph, state, { type: 'submit', actor: 'ann' }, ctx).next
      expect(state.stage).toBe('review')
    }
    expect(transition(graph, state, { type: 'approve', actor: 'rev' }, ctx).next.status).toBe('completed')
  })

  it('waits for N consensus annotations before resolving', () => {
    const graph = tpl('consensus')
    let state = start(graph)
    for (const actor of ['a', 'b']) {
      const step = transition(graph, state, { type: 'submit', actor }, ctx)
      expect(step.next.stage).toBe('consensus')
      state = step.next
    }
    state = transition(graph, state, { type: 'submit', actor: 'c' }, ctx).next
    expect(state).toMatchObject({ stage: 'review', status: 'new' })
    // a rejection sends it back for a new round of N, asking nobody in particular back
    const rejected = transition(graph, state, { type: 'reject', actor: 'rev' }, ctx)
    expect(rejected.next).toMatchObject({ stage: 'consensus', status: 'reopened', consensusSubmissions: 0 })
    expect(rejected.effects.filter((effect) => effect.type === 'return-to')).toEqual([])
  })

  it('skips, releases and moves', () => {
    const graph = tpl('annotate-review-complete')
    const skipped = transition(graph, start(graph), { type: 'skip', actor: 'ann' }, ctx).next
    expect(skipped).toMatchObject({ stage: 'annotate', status: 'skipped', skippedBy: ['ann'] })
    const reopened: TaskState = { ...start(graph), status: 'reopened' }
    expect(transition(graph, reopened, { type: 'release', actor: 'ann' }, ctx).next.status).toBe('reopened')
    expect(transition(graph, skipped, { type: 'move', actor: 'tm', to: 'complete' }, ctx).next).toMatchObject({
      stage: 'complete',
      status: 'completed',
    })
    expect(() => transition(graph, skipped, { type: 'move', actor: 'tm', to: 'mars' }, ctx)).toThrow(/no stage "mars"/)
  })

  it('refuses actions the stage does not take, and self-review', () => {
    const graph = tpl('annotate-review-complete')
    expect(() => transition(graph, start(graph), { type: 'approve', actor: 'x' }, ctx)).toThrow(
      /"approve" is not an action of annotate stage "annotate"/,
    )
    const inReview = transition(graph, start(graph), { type: 'submit', actor: 'ann' }, ctx).next
    expect(() => transition(graph, inReview, { type: 'approve', actor: 'ann' }, ctx)).toThrow(TransitionError)
    expect(() => transition(graph, inReview, { type: 'approve', actor: 'ann' }, ctx)).toThrow(/Nobody reviews their own annotation/)
    // every annotator the caller names (a consensus task's N) is kept from reviewing, not only the last one
    expect(() => transition(graph, inReview, { type: 'approve', actor: 'other' }, { ...ctx, annotators: ['first', 'other'] })).toThrow(
      /Nobody reviews their own annotation/,
    )
    const done = transition(graph, inReview, { type: 'approve', actor: 'rev' }, ctx).next
    expect(() => transition(graph, done, { type: 'submit', actor: 'x' }, ctx)).toThrow(/finished/)
    expect(() => transition(graph, { ...done, stage: 'gone' }, { type: 'submit', actor: 'x' }, ctx)).toThrow(/does not have/)
  })

  const routed = (config: unknown): WorkflowGraph => ({
    stages: [
      { id: 'annotate', type: 'annotate', name: 'Annotate' },
      { id: 'route', type: 'router', name: 'Route', config: config as never },
      { id: 'review', type: 'review', name: 'Review' },
      { id: 'complete', type: 'complete', name: 'Complete' },
    ],
    edges: [
      { from: 'annotate', pathway: 'submit', to: 'route' },
      { from: 'route', pathway: 'check', to: 'review' },
      { from: 'route', pathway: 'skip-review', to: 'complete' },
      { from: 'review', pathway: 'approve', to: 'complete' },
      { from: 'review', pathway: 'reject', to: 'annotate' },
    ],
  })

  it('percentage router: stable per task, and close to its weights over many tasks', () => {
    const graph = routed({
      kind: 'percentage',
      branches: [
        { pathway: 'check', weight: 30 },
        { pathway: 'skip-review', weight: 70 },
      ],
    })
    expect(validateWorkflow(graph).ok).toBe(true)
    const stageFor = (taskId: number) => transition(graph, start(graph, taskId), { type: 'submit', actor: 'a' }, { taskId }).next.stage
    expect(stageFor(42)).toBe(stageFor(42))
    const reviewed = Array.from({ length: 2000 }, (_, i) => stageFor(i)).filter((stage) => stage === 'review').length
    expect(reviewed / 2000).toBeGreaterThan(0.26)
    expect(reviewed / 2000).toBeLessThan(0.34)
    expect(stableBucket('x')).toBe(stableBucket('x'))
  })

  it('collaborator router: by who did the previous stage, or their group', () => {
    const graph = routed({
      kind: 'collaborator',
      branches: [{ pathway: 'check', users: ['junior'], groups: [7] }],
      otherwise: 'skip-review',
    })
    const after = (actor: string, actorGroups: number[] = []) =>
      transition(graph, start(graph), { type: 'submit', actor }, { taskId: 1, actorGroups }).next.stage
    expect(after('junior')).toBe('review')
    expect(after('trainee', [7])).toBe('review')
    expect(after('senior')).toBe('complete')
  })

  it('metadata router: by a rule on the data item', () => {
    const graph = routed({
      kind: 'metadata',
      rules: [{ pathway: 'check', key: 'difficulty', op: 'gt', value: 3 }],
      otherwise: 'skip-review',
    })
    const after = (metadata: Record<string, unknown>) =>
      transition(graph, start(graph), { type: 'submit', actor: 'a' }, { taskId: 1, metadata }).next.stage
    expect(after({ difficulty: 5 })).toBe('review')
    expect(after({ difficulty: 1 })).toBe('complete')
    expect(after({})).toBe('complete')
  })
})

describe('properties of the built-in templates', () => {
  const ACTORS = ['u1', 'u2', 'u3', 'u4']
  const eventArb = fc.record({
    type: fc.constantFrom('submit', 'skip', 'release', 'approve', 'reject'),
    actor: fc.constantFrom(...ACTORS),
  }) as fc.Arbitrary<WorkflowEvent>

  for (const [key, { graph }] of Object.entries(BUILT_IN_TEMPLATES)) {
    const stageIds = new Set(graph.stages.map((stage) => stage.id))

    it(`${key}: random event sequences never leave the task in a stage the graph lacks`, () => {
      fc.assert(
        fc.property(fc.integer(), fc.array(eventArb, { maxLength: 40 }), (taskId, events) => {
          let state = start(graph, taskId)
          for (const event of events) {
            try {
              state = transition(graph, state, event, { taskId }).next
            } catch (error) {
              if (!(error instanceof TransitionError)) throw error // refusals are fine; crashes are not
            }
            expect(stageIds.has(state.stage)).toBe(true)
          }
        }),
      )
    })

    it(`${key}: from every reachable state a task can still reach Complete`, () => {
      // breadth-first over (stage, status, submissions); work is done by fresh people so self-review never blocks
      const keyOf = (state: TaskState) => `${state.stage}|${state.status}|${state.consensusSubmissions}`
      const seen = new Map<string, TaskState>()
      const queue = [start(graph)]
      const successors = (state: TaskState) =>
        (['submit', 'approve', 'reject', 'skip', 'release'] as const).flatMap((type, i) => {
          try {
            return [transition(graph, state, { type, actor: `person-${seen.size}-${i}` }, ctx).next]
          } catch {
            return []
          }
        })
      while (queue.length > 0) {
        const state = queue.pop()!
        if (seen.has(keyOf(state))) continue
        seen.set(keyOf(state), state)
        queue.push(...successors(state))
      }
      for (const state of seen.values()) {
        const frontier = [state]
        const visited = new Set<string>()
        let completes = false
        while (frontier.length > 0 && !completes) {
          const current = frontier.pop()!
          if (current.status === 'completed') completes = true
          if (visited.has(keyOf(current))) continue
          visited.add(keyOf(current))
          frontier.push(...successors(current))
        }
        expect(completes, `stuck from ${keyOf(state)}`).toBe(true)
      }
      expect(seen.size).toBeGreaterThan(1)
    })
  }
})

describe('workflowStructure (what freezes once tasks exist)', () => {
  it('ignores key order, names and assignment settings; sees stages, behaviour and edges', async () => {
    const { workflowStructure } = await import('../../src/domain/workflow/freeze.ts')
    const graph = tpl('consensus')
    const reordered = JSON.parse(
      JSON.stringify({ edges: graph.edges.map(({ to, pathway, from }) => ({ to, pathway, from })).reverse(), stages: graph.stages }),
    )
    expect(workflowStructure(reordered)).toBe(workflowStructure(graph))
    const renamed = structuredClone(graph)
    renamed.stages[0]!.name = 'Label'
    ;(renamed.stages[0] as { config: Record<string, unknown> }).config.users = [1, 2]
    expect(workflowStructure(renamed)).toBe(workflowStructure(graph))
    const retuned = structuredClone(graph)
    ;(retuned.stages[0] as { config: { annotators: number } }).config.annotators = 5
    expect(workflowStructure(retuned)).not.toBe(workflowStructure(graph))
  })
})
