import { describe, expect, it } from 'vitest'

import {
  addStage,
  connect,
  disconnect,
  editableGraph,
  freePathway,
  freeStageId,
  newStage,
  outputsOf,
  PALETTE,
  pathwayNameProblem,
  problemsOfGraph,
  removeStage,
  ruleValueOf,
  ruleValueText,
  setStart,
  updateStage,
} from '../../src/domain/workflow/editing.ts'
import type { Stage, WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import { validateWorkflow } from '../../src/domain/workflow/validate.ts'
import { layoutGraph, NODE_WIDTH } from '../../admin-components/workflow/layout.ts'

const twoStages = (): WorkflowGraph => structuredClone(BUILT_IN_TEMPLATES['annotate-complete']!.graph)
const reviewLoop = (): WorkflowGraph => structuredClone(BUILT_IN_TEMPLATES['annotate-review-complete']!.graph)

describe('the workflow builder palette', () => {
  it('makes a stage of every entry that the server accepts on its own, with a fresh id and name', () => {
    for (const entry of PALETTE) {
      const graph: WorkflowGraph = { stages: [{ id: 'complete', type: 'complete', name: 'Complete' }], edges: [] }
      const stage = newStage(graph, entry.key)
      expect(graph.stages.map((one) => one.id)).not.toContain(stage.id)
      // wired to complete on every pathway, the stage is a valid workflow's start (end stages are appended)
      let built: WorkflowGraph = { stages: [stage, ...graph.stages], edges: graph.edges }
      for (const pathway of outputsOf(stage)) built = connect(built, stage.id, pathway, 'complete')
      const problems = validateWorkflow(built)
      if (stage.type === 'complete' || stage.type === 'archive')
        expect(problems.ok).toBe(false) // an end cannot start
      else if (stage.type === 'router' && stage.config.kind !== 'percentage')
        // routers by collaborator or metadata need a real rule before they route
        expect(problems.ok ? [] : problems.problems.map((p) => p.message)).toEqual(
          stage.config.kind === 'metadata'
            ? ['stages[0].config.rules[0].key: Too small: expected string to have >=1 characters']
            : ['Router "router" branch "chosen" names nobody: choose people or groups.'],
        )
      else expect(problems).toMatchObject({ ok: true })
    }
  })

  it('numbers ids and names that are taken', () => {
    const graph = reviewLoop()
    expect(freeStageId(graph, 'review')).toBe('review-2')
    const added = addStage(addStage(graph, 'review').graph, 'review')
    expect(added.id).toBe('review-3')
    expect(added.graph.stages.map((stage) => stage.name)).toEqual(['Annotate', 'Review', 'Complete', 'Review 2', 'Review 3'])
  })
})

describe('graph edits', () => {
  it('connect replaces the pathway it rewires and refuses pathways a stage lacks or stages that do not exist', () => {
    const graph = reviewLoop()
    const rewired = connect(graph, 'review', 'reject', 'complete')
    expect(rewired.edges.filter((edge) => edge.from === 'review' && edge.pathway === 'reject')).toEqual([
      { from: 'review', pathway: 'reject', to: 'complete' },
    ])
    expect(rewired.edges).toHaveLength(3)
    expect(connect(graph, 'review', 'submit', 'complete')).toBe(graph)
    expect(connect(graph, 'review', 'reject', 'nowhere')).toBe(graph)
    expect(connect(graph, 'complete', 'submit', 'review')).toBe(graph)
  })

  it('disconnect leaves the reject pathway missing, and validation names it on the review stage', () => {
    const graph = disconnect(reviewLoop(), 'review', 'reject')
    const result = validateWorkflow(graph)
    expect(result.ok).toBe(false)
    const byStage = problemsOfGraph(graph, result.ok ? [] : result.problems)
    expect(byStage.get('review')).toEqual(['Review stage "review" needs both approve and reject pathways; "reject" is missing.'])
  })

  it('removing a stage takes its edges along; a removed start leaves the workflow without one until a start is chosen', () => {
    const graph = setStart(reviewLoop(), 'review')
    const without = removeStage(graph, 'review')
    expect(without.stages.map((stage) => stage.id)).toEqual(['annotate', 'complete'])
    expect(without.edges).toEqual([])
    expect(without.start).toBe('review')
    const result = validateWorkflow(without)
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toContain(
      'The workflow has no start: stage "review" does not exist.',
    )
    // the implicit start (the first stage) too: Review is not silently promoted
    expect(removeStage(reviewLoop(), 'annotate').start).toBe('annotate')
    expect(removeStage(reviewLoop(), 'complete').start).toBeUndefined()
  })

  it("a router's renamed branch keeps its edge; a removed branch's edge goes", () => {
    let graph = addStage(twoStages(), 'percentage-router').graph
    graph = connect(connect(graph, 'router', 'a', 'annotate'), 'router', 'b', 'complete')
    const router = graph.stages.find((stage) => stage.id === 'router') as Extract<Stage, { type: 'router' }>
    const config = router.config as Extract<typeof router.config, { kind: 'percentage' }>
    const renamed = updateStage(
      graph,
      'router',
      { ...router, config: { ...config, branches: [{ pathway: 'sample', weight: 10 }, config.branches[1]!] } },
      { a: 'sample' },
    )
    expect(renamed.edges.filter((edge) => edge.from === 'router')).toEqual([
      { from: 'router', pathway: 'sample', to: 'annotate' },
      { from: 'router', pathway: 'b', to: 'complete' },
    ])
    const dropped = updateStage(renamed, 'router', { ...router, config: { ...config, branches: [{ pathway: 'b', weight: 100 }] } })
    expect(dropped.edges.filter((edge) => edge.from === 'router')).toEqual([{ from: 'router', pathway: 'b', to: 'complete' }])
    // renamed onto a pathway another branch uses: one edge stays
    const merged = updateStage(
      renamed,
      'router',
      {
        ...router,
        config: {
          ...config,
          branches: [
            { pathway: 'b', weight: 50 },
            { pathway: 'b', weight: 50 },
          ],
        },
      },
      { sample: 'b' },
    )
    expect(merged.edges.filter((edge) => edge.from === 'router')).toHaveLength(1)
  })

  it('a branch name must be an id no other branch uses', () => {
    expect(pathwayNameProblem('', ['a'])).toMatch(/1-64 letters/)
    expect(pathwayNameProblem('two words', [])).toMatch(/1-64 letters/)
    expect(pathwayNameProblem('a', ['a', 'b'])).toBe('Another branch is already called "a".')
    expect(pathwayNameProblem('sample', ['a'])).toBeNull()
  })

  it('free pathway names skip the taken ones', () => {
    expect(freePathway(['a', 'b'])).toBe('c')
    expect(freePathway('abcdefghijklmnopqrstuvwxyz'.split(''))).toBe('branch-1')
  })
})

describe('what the builder can draw', () => {
  it('draws graphs with stage and edge lists, skipping malformed entries; anything else starts from a pattern', () => {
    expect(editableGraph(null)).toBeNull()
    expect(editableGraph([])).toBeNull()
    expect(editableGraph({ stages: [] })).toBeNull()
    expect(
      editableGraph({
        stages: [{ id: 'a', type: 'annotate', name: 'A' }, 7, null],
        edges: ['x', { from: 'a', pathway: 'submit', to: 'b' }],
      }),
    ).toEqual({
      stages: [{ id: 'a', type: 'annotate', name: 'A' }],
      edges: [{ from: 'a', pathway: 'submit', to: 'b' }],
    })
  })

  it('a router without its settings offers no pathways instead of failing', () => {
    expect(outputsOf({ id: 'r', type: 'router', name: 'R' } as never)).toEqual([])
  })

  it('places schema problems on the stage their path names, and problems of no stage under ""', () => {
    const graph: WorkflowGraph = { stages: [{ id: 'c', type: 'consensus', name: 'C', config: { annotators: 1.5 } }], edges: [] }
    const result = validateWorkflow(graph)
    expect(result.ok).toBe(false)
    const byStage = problemsOfGraph(graph, result.ok ? [] : result.problems)
    expect(byStage.get('c')?.[0]).toMatch(/^stages\[0\]\.config\.annotators:/)
    const noComplete = problemsOfGraph(twoStages(), [{ message: 'The workflow has no Complete stage.' }])
    expect(noComplete.get('')).toEqual(['The workflow has no Complete stage.'])
  })

  it('metadata rule values round-trip through the text box', () => {
    expect(ruleValueOf('in', 'front, rear , 007')).toEqual(['front', 'rear', '007'])
    expect(ruleValueText('in', ['front', 'rear', 3])).toBe('front, rear, 3')
    expect(ruleValueOf('gt', '0.5')).toBe(0.5)
    expect(ruleValueOf('equals', 'night')).toBe('night')
    // metadata is matched exactly: numeric-looking text stays text, a stored number stays a number
    expect(ruleValueOf('equals', '2024')).toBe('2024')
    expect(ruleValueOf('not-equals', '007', 'x')).toBe('007')
    expect(ruleValueOf('equals', '12', 7)).toBe(12)
    expect(ruleValueOf('exists', 'anything')).toBeUndefined()
    expect(ruleValueText('exists', 'x')).toBe('')
  })
})

describe('automatic layout', () => {
  it('lays stages out left to right along their pathways, without overlaps', () => {
    const graph = structuredClone(BUILT_IN_TEMPLATES['annotate-review-rework']!.graph)
    const at = layoutGraph(graph)
    expect(at.get('annotate')!.x).toBeLessThan(at.get('review')!.x)
    expect(at.get('review')!.x).toBeLessThan(at.get('complete')!.x)
    const boxes = [...at.values()]
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= 80).toBe(true)
  })
})

describe('router rules the builder cannot leave half made', () => {
  const routed = (config: unknown): WorkflowGraph =>
    ({
      stages: [
        { id: 'r', type: 'router', name: 'R', config },
        { id: 'done', type: 'complete', name: 'Done' },
      ],
      edges: [
        { from: 'r', pathway: 'a', to: 'done' },
        { from: 'r', pathway: 'else', to: 'done' },
      ],
    }) as WorkflowGraph
  const messages = (graph: WorkflowGraph) => {
    const result = validateWorkflow(graph)
    return result.ok ? [] : result.problems.map((problem) => problem.message)
  }

  it('a collaborator branch names someone', () => {
    expect(messages(routed({ kind: 'collaborator', branches: [{ pathway: 'a', users: [] }], otherwise: 'else' }))).toEqual([
      'Router "r" branch "a" names nobody: choose people or groups.',
    ])
    expect(messages(routed({ kind: 'collaborator', branches: [{ pathway: 'a', groups: [3] }], otherwise: 'else' }))).toEqual([])
  })

  it('a metadata comparison has a number, and "is one of" at least one value', () => {
    const rule = (op: string, value: unknown) =>
      routed({ kind: 'metadata', rules: [{ pathway: 'a', key: 'k', op, value }], otherwise: 'else' })
    expect(messages(rule('gt', 'x'))).toEqual(['Router "r" rule "a" compares "k" with a number: give one.'])
    expect(messages(rule('lt', 4))).toEqual([])
    expect(messages(rule('in', []))).toEqual(['Router "r" rule "a" needs at least one value for "is one of".'])
    expect(messages(rule('in', ['night']))).toEqual([])
    expect(messages(rule('equals', ''))).toEqual([])
  })
})
