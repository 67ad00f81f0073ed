import { describe, expect, it } from 'vitest'

import {
  bulkFilterOf,
  bulkOutcome,
  bulkSelection,
  filtersFromSearch,
  firstPage,
  listingQuery,
  nextPage,
  pageNumber,
  previousPage,
  problemSentence,
  searchFromFilters,
  selectedCount,
  toggleRow,
  togglePage,
  withFilter,
  type QueueFilters,
} from '../../admin-components/queue/queueState.ts'
import { queueQuerySchema } from '../../src/domain/queue/listing.ts'
import { bulkRequestSchema } from '../../src/domain/queue/bulk.ts'

describe('queue tab: filters <-> address', () => {
  it('reads the filters an address carries and writes them back in a stable order', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('sort=name&dataset=4&status=new&stage=review&assignee=none&type=image&issueStatus=open'),
    )
    expect(filters).toEqual({
      stage: 'review',
      status: 'new',
      assignee: 'none',
      dataset: '4',
      type: 'image',
      issueStatus: 'open',
      sort: 'name',
    })
    expect(searchFromFilters(filters)).toBe('?stage=review&status=new&assignee=none&dataset=4&type=image&issueStatus=open&sort=name')
    expect(filtersFromSearch(new URLSearchParams(searchFromFilters(filters)))).toEqual(filters)
  })

  it('reads Next searchParams objects (arrays take their first value)', () => {
    expect(filtersFromSearch({ status: ['skipped', 'new'], assignee: '12', foo: 'bar' })).toEqual({
      status: 'skipped',
      assignee: '12',
      sort: '-priority',
    })
  })

  it('drops values the listing would refuse, and stages the project does not have', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('status=done&type=pdf&assignee=bob&dataset=-1&sort=random&issueStatus=x&stage=nowhere'),
      ['annotate', 'review'],
    )
    expect(filters).toEqual({ sort: '-priority' })
    expect(filtersFromSearch(undefined)).toEqual({ sort: '-priority' })
  })

  it('leaves the default sort and empty filters out of the address, and keeps keys that are not ours', () => {
    expect(searchFromFilters({ sort: '-priority' })).toBe('')
    expect(searchFromFilters({ sort: '-priority', status: 'new' }, new URLSearchParams('status=skipped&depth=1'))).toBe(
      '?depth=1&status=new',
    )
  })

  it('builds the listing query the operation accepts, with the page size and cursor', () => {
    const filters: QueueFilters = { sort: 'priority', dataset: '3', assignee: 'none' }
    const query = Object.fromEntries(listingQuery(filters, 'abc'))
    expect(query).toEqual({ dataset: '3', assignee: 'none', sort: 'priority', limit: '50', after: 'abc' })
    expect(queueQuerySchema.safeParse(query).success).toBe(true)
    expect(listingQuery(filters).has('after')).toBe(false)
  })

  it('sets and clears one filter; clearing the sort restores the default', () => {
    const filters = withFilter({ sort: 'name' }, 'stage', 'review')
    expect(filters).toEqual({ sort: 'name', stage: 'review' })
    expect(withFilter(filters, 'stage', undefined)).toEqual({ sort: 'name' })
    expect(withFilter(filters, 'sort', undefined).sort).toBe('-priority')
  })
})

describe('queue tab: the cursor stack', () => {
  it('walks forwards and back to the first page', () => {
    let stack = firstPage()
    expect(pageNumber(stack)).toBe(1)
    stack = nextPage(stack, 'c1')
    stack = nextPage(stack, 'c2')
    expect(stack).toEqual({ current: 'c2', previous: [undefined, 'c1'] })
    expect(pageNumber(stack)).toBe(3)
    stack = previousPage(stack)
    expect(stack).toEqual({ current: 'c1', previous: [undefined] })
    stack = previousPage(stack)
    expect(stack).toEqual({ current: undefined, previous: [] })
    expect(previousPage(stack)).toEqual(firstPage())
  })
})

describe('queue tab: selections and bulk requests', () => {
  it('ticks rows and pages; "all matching" counts the listing total', () => {
    let selection = toggleRow({ kind: 'rows', ids: [] }, 1, true)
    selection = toggleRow(selection, 2, true)
    selection = toggleRow(selection, 1, false)
    expect(selection).toEqual({ kind: 'rows', ids: [2] })
    selection = togglePage(selection, [2, 3, 4], true)
    expect(selectedCount(selection, 99)).toBe(3)
    expect(togglePage(selection, [2, 3, 4], false)).toEqual({ kind: 'rows', ids: [] })
    expect(selectedCount({ kind: 'all' }, 99)).toBe(99)
    expect(toggleRow({ kind: 'all' }, 5, true)).toEqual({ kind: 'rows', ids: [5] })
  })

  it('says the filters as a bulk filter the operation accepts', () => {
    const filter = bulkFilterOf({ sort: 'name', stage: 'annotate', status: 'new', assignee: 'none', dataset: '7' })
    expect(filter).toEqual({ stage: 'annotate', status: 'new', assignee: null, dataset: 7 })
    expect(bulkFilterOf({ sort: '-priority', assignee: '12' })).toEqual({ assignee: 12 })
    expect(bulkFilterOf({ sort: '-priority' })).toEqual({})
    const body = {
      project: 1,
      operation: 'move',
      to: 'review',
      ...bulkSelection({ kind: 'all' }, { sort: 'name', dataset: '7', status: 'new' }),
    }
    expect(bulkRequestSchema.safeParse(body).success).toBe(true)
  })

  it('selects by ids when the filters cannot be a bulk filter (data type, issue status)', () => {
    const filters: QueueFilters = { sort: '-priority', type: 'image', stage: 'annotate' }
    expect(bulkFilterOf(filters)).toBeNull()
    expect(bulkSelection({ kind: 'all' }, filters)).toEqual({ needsIds: true })
    expect(bulkSelection({ kind: 'all' }, filters, [3, 4])).toEqual({ ids: [3, 4] })
    expect(bulkSelection({ kind: 'all' }, filters, [])).toBeNull()
    expect(
      bulkSelection(
        { kind: 'all' },
        filters,
        Array.from({ length: 1001 }, (_, i) => i + 1),
      ),
    ).toEqual({ tooMany: 1001 })
  })

  it('sends the ticked rows as ids, and nothing when none is ticked', () => {
    expect(bulkSelection({ kind: 'rows', ids: [5, 6] }, { sort: '-priority', type: 'video' })).toEqual({ ids: [5, 6] })
    expect(bulkSelection({ kind: 'rows', ids: [] }, { sort: '-priority' })).toBeNull()
    const body = { project: 1, operation: 'set-priority', priority: 80, ...bulkSelection({ kind: 'rows', ids: [5, 6] }, { sort: 'name' }) }
    expect(bulkRequestSchema.safeParse(body).success).toBe(true)
  })
})

describe('queue tab: what the server said', () => {
  it('says how many tasks changed', () => {
    expect(bulkOutcome('move', { matched: 3, changed: 3 })).toBe('3 tasks moved.')
    expect(bulkOutcome('release', { matched: 4, changed: 1 })).toBe(
      '1 task released; 3 tasks already so or not eligible, left as they were.',
    )
  })

  it('turns Payload error answers into sentences, never JSON', () => {
    const refused = {
      errors: [
        {
          message: 'to: "route" is a router',
          data: { errors: [{ path: 'to', message: '"route" is a router: move tasks to a working or end stage' }] },
        },
      ],
    }
    expect(problemSentence(refused, 400)).toBe('Target stage: "route" is a router: move tasks to a working or end stage.')
    expect(problemSentence({ errors: [{ message: 'You are not allowed to perform this action.' }] }, 403)).toBe(
      'You are not allowed to perform this action.',
    )
    expect(problemSentence(null, 502)).toBe('The server answered 502 without saying why.')
  })
})
