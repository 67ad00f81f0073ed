import { describe, expect, it } from 'vitest'

import { anchorProblems, editProblem, mergeComments, participantsOf, raiseProblem, unknownTags } from '../../src/domain/issues/rules.ts'

describe('anchorProblems', () => {
  it('asks each anchor kind for what it points at', () => {
    expect(anchorProblems(undefined)).toEqual([])
    expect(anchorProblems({ kind: 'data-unit' })).toEqual([])
    expect(anchorProblems({ kind: 'frame' }).map((problem) => problem.path)).toEqual(['anchor.frame'])
    expect(anchorProblems({ kind: 'frame-range', frame: 4 }).map((problem) => problem.path)).toEqual(['anchor.frameEnd'])
    expect(anchorProblems({ kind: 'frame-range', frame: 4, frameEnd: 2 })[0]!.message).toMatch(/must not come before/)
    expect(anchorProblems({ kind: 'coordinate', x: 0.5 }).map((problem) => problem.path)).toEqual(['anchor.y'])
    expect(anchorProblems({ kind: 'coordinate', x: -0.1, y: 0.5 }).map((problem) => problem.path)).toEqual(['anchor.x'])
    expect(anchorProblems({ kind: 'label', labelObject: 'obj-1' })).toEqual([])
  })
})

describe('unknownTags', () => {
  it('names every tag the workspace does not define', () => {
    expect(unknownTags(['a', 'b', 'c'], ['b'])).toHaveLength(2)
    expect(unknownTags(undefined, [])).toEqual([])
  })
})

describe('mergeComments', () => {
  const before = [
    { id: 'c1', author: 1, body: 'first', postedAt: 't0' },
    { id: 'c2', author: 2, body: 'second', postedAt: 't0' },
  ]
  it('stamps new comments with their author and time, whatever the client says', () => {
    const merged = mergeComments(before, [...before, { body: 'third', author: 1 }], 2, 't1')
    expect(merged).toEqual({ comments: [...before, { id: undefined, body: 'third', author: 2, postedAt: 't1' }] })
  })
  it('lets authors edit and delete their own comments only', () => {
    expect(mergeComments(before, [before[0]!, { ...before[1]!, body: 'edited' }], 2, 't1')).toMatchObject({
      comments: [before[0], { body: 'edited', editedAt: 't1' }],
    })
    expect(mergeComments(before, [before[0]!], 2, 't1')).toEqual({ comments: [before[0]] })
    expect(mergeComments(before, [{ ...before[0]!, body: 'hijacked' }, before[1]!], 2, 't1')).toMatchObject({
      problem: { path: 'comments[0].body' },
    })
    expect(mergeComments(before, [before[1]!], 2, 't1')).toMatchObject({ problem: { message: "nobody deletes another person's comment" } })
    expect(mergeComments([], [{ body: '  ' }], 2, 't1')).toMatchObject({ problem: { path: 'comments[0].body' } })
  })
})

describe('participantsOf', () => {
  it('gathers everyone once, ids compared as strings', () => {
    expect(participantsOf({ previous: [1], raisedBy: '1', assignee: 3, taskWorkers: [3, 4], comments: [{ author: 5 }] })).toEqual([
      1, 3, 4, 5,
    ])
  })
})

describe('raiseProblem and editProblem', () => {
  it('lets workers of the task and those who run the project raise issues', () => {
    expect(raiseProblem({ scope: 'own', workers: [3, '4'], user: 4 })).toBeUndefined()
    expect(raiseProblem({ scope: 'team', workers: [], user: 9 })).toBeUndefined()
    expect(raiseProblem({ scope: 'own', workers: [3], user: 9 })).toMatch(/work this task or run its project/)
    expect(raiseProblem({ scope: undefined, workers: [9], user: 9 })).toMatch(/work this task or run its project/)
  })
  it('keeps what an issue says to its raiser and managers', () => {
    expect(editProblem({ scope: 'own', raisedBy: 2, user: 2, changed: ['title'] })).toBeUndefined()
    expect(editProblem({ scope: 'own', raisedBy: 2, user: 3, changed: [] })).toBeUndefined()
    expect(editProblem({ scope: 'own', raisedBy: null, user: 3, changed: ['anchor'] })).toMatchObject({ path: 'anchor' })
    expect(editProblem({ scope: 'team', raisedBy: 2, user: 3, changed: ['body'] })).toBeUndefined()
  })
})
