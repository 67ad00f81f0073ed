// The Queue tab's state, pure (no React, no fetch): the filters as the address carries them and as the listing
// (GET /api/projects/:id/queue) reads them, the stack of keyset cursors behind "Previous page", and the body of a
// bulk operation (POST /api/tasks/bulk) for the rows ticked or for every task matching the filters.
// Unit-tested in tests/unit/queue-tab.test.ts.
import type { QueueSort } from '../../src/domain/queue/listing.ts'

export const QUEUE_STATUSES = ['new', 'assigned', 'reopened', 'skipped', 'completed'] as const
export const DATA_TYPES = ['image', 'video', 'text', 'audio', 'document', 'dicom'] as const
export const ISSUE_STATUSES = ['open', 'resolved', 'none'] as const
export const SORTS = ['-priority', 'priority', 'name', '-name'] as const satisfies readonly QueueSort[]
export const DEFAULT_SORT: QueueSort = '-priority'
/** rows per page */
export const PAGE_SIZE = 50

export type QueueStatus = (typeof QUEUE_STATUSES)[number]
export type DataType = (typeof DATA_TYPES)[number]
export type IssueStatus = (typeof ISSUE_STATUSES)[number]

/** The filters and sort of one queue listing; absent keys do not filter. `assignee: 'none'` = unassigned. */
export type QueueFilters = {
  stage?: string
  status?: QueueStatus
  assignee?: string
  dataset?: string
  type?: DataType
  issueStatus?: IssueStatus
  sort: QueueSort
}

export const FILTER_KEYS = ['stage', 'status', 'assignee', 'dataset', 'type', 'issueStatus'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

type SearchLike = URLSearchParams | Record<string, string | string[] | undefined> | undefined

function read(search: SearchLike, key: string): string | undefined {
  if (!search) return undefined
  const value = search instanceof URLSearchParams ? search.get(key) : search[key]
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined || first === null || first === '' ? undefined : first
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined

const ID = /^(\d{1,10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/**
 * The filters an address carries (`?status=new&dataset=4&sort=name`); values that are not valid for the
 * listing are dropped rather than sent (a stale link shows the unfiltered queue, not an error). `stages`: the
 * project's stage ids, when known.
 */
export function filtersFromSearch(search: SearchLike, stages?: readonly string[]): QueueFilters {
  const filters: QueueFilters = { sort: oneOf(SORTS, read(search, 'sort')) ?? DEFAULT_SORT }
  const stage = read(search, 'stage')
  if (stage !== undefined && stage.length <= 64 && (!stages || stages.includes(stage))) filters.stage = stage
  const status = oneOf(QUEUE_STATUSES, read(search, 'status'))
  if (status) filters.status = status
  const assignee = read(search, 'assignee')
  if (assignee !== undefined && (assignee === 'none' || ID.test(assignee))) filters.assignee = assignee
  const dataset = read(search, 'dataset')
  if (dataset !== undefined && ID.test(dataset)) filters.dataset = dataset
  const type = oneOf(DATA_TYPES, read(search, 'type'))
  if (type) filters.type = type
  const issueStatus = oneOf(ISSUE_STATUSES, read(search, 'issueStatus'))
  if (issueStatus) filters.issueStatus = issueStatus
  return filters
}

/**
 * The query string of an address showing these filters ('' when none apply), in a stable order; the default
 * sort is left out. Other keys of `keep` (not ours) stay.
 */
export function searchFromFilters(filters: QueueFilters, keep?: URLSearchParams): string {
  const params = new URLSearchParams()
  if (keep)
    for (const [key, value] of keep) if (!(FILTER_KEYS as readonly string[]).includes(key) && key !== 'sort') params.append(key, value)
  for (const key of FILTER_KEYS) {
    const value = filters[key]
    if (value !== undefined) params.set(key, value)
  }
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The listing's query keys for one page: the filters, the sort, the page size and the cursor. */
export function listingQuery(filters: QueueFilters, after?: string): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) {
    const value = filters[key]
    if (value !== undefined) params.set(key, value)
  }
  params.set('sort', filters.sort)
  params.set('limit', String(PAGE_SIZE))
  if (after !== undefined) params.set('after', after)
  return params
}

/** The filters with one key set (or cleared with undefined); a stage card clicked again clears the stage. */
export function withFilter<K extends FilterKey | 'sort'>(filters: QueueFilters, key: K, value: QueueFilters[K] | undefined): QueueFilters {
  const next = { ...filters }
  if (key === 'sort') next.sort = (value as QueueSort | undefined) ?? DEFAULT_SORT
  else if (value === undefined) delete next[key as FilterKey]
  else (next as Record<string, unknown>)[key] = value
  return next
}

export const activeFilterCount = (filters: QueueFilters) => FILTER_KEYS.filter((key) => filters[key] !== undefined).length

/**
 * Keyset pages walked forwards and back: `current` is the cursor the shown page was asked with (undefined for
 * the first page), `previous` the cursors of the pages before it, oldest first.
 */
export type CursorStack = { readonly current: string | undefined; readonly previous: readonly (string | undefined)[] }

export const firstPage = (): CursorStack => ({ current: undefined, previous: [] })

/** The page after the shown one, from the listing's `nextCursor`. */
export const nextPage = (stack: CursorStack, nextCursor: string): CursorStack => ({
  current: nextCursor,
  previous: [...stack.previous, stack.current],
})

/** The page before the shown one (the first page stays the first). */
export function previousPage(stack: CursorStack): CursorStack {
  if (stack.previous.length === 0) return firstPage()
  return { current: stack.previous.at(-1), previous: stack.previous.slice(0, -1) }
}

/** 1 for the first page. */
export const pageNumber = (stack: CursorStack) => stack.previous.length + 1

/** Which tasks a bulk action is for: the ticked rows, or every task the filters match. */
export type Selection = { kind: 'rows'; ids: ReadonlyArray<number | string> } | { kind: 'all' }

/** The bulk operation's filter keys (POST /api/tasks/bulk `filter`). */
export type BulkFilter = { stage?: string; status?: QueueStatus; assignee?: number | string | null; dataset?: number | string }

/** A bulk request's selection: `ids`, or a `filter`. */
export type BulkSelection = { ids: Array<number | string> } | { filter: BulkFilter }

const idValue = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text)

/**
 * The listing's filters as the bulk operation's filter, or null when they cannot be said that way (the bulk
 * filter has no data type or issue status: then the matching tasks are selected by their ids instead).
 */
export function bulkFilterOf(filters: QueueFilters): BulkFilter | null {
  if (filters.type !== undefined || filters.issueStatus !== undefined) return null
  const filter: BulkFilter = {}
  if (filters.stage !== undefined) filter.stage = filters.stage
  if (filters.status !== undefined) filter.status = filters.status
  if (filters.assignee !== undefined) filter.assignee = filters.assignee === 'none' ? null : idValue(filters.assignee)
  if (filters.dataset !== undefined) filter.dataset = idValue(filters.dataset)
  return filter
}

/** The most ids one bulk request takes (the operation's BULK_LIMIT). */
export const BULK_ID_LIMIT = 1000

/**
 * The selection part of a bulk request: the ticked rows' ids; for "all matching", the filter, or — when the
 * filters cannot be said as a bulk filter — `{ needsIds: true }`: the caller lists every matching id first
 * (at most BULK_ID_LIMIT) and asks again with `matchingIds`. Null when nothing is selected.
 */
export function bulkSelection(
  selection: Selection,
  filters: QueueFilters,
  matchingIds?: ReadonlyArray<number | string>,
): BulkSelection | { needsIds: true } | { tooMany: number } | null {
  if (selection.kind === 'rows') return selection.ids.length === 0 ? null : { ids: [...selection.ids] }
  const filter = bulkFilterOf(filters)
  if (filter) return { filter }
  if (!matchingIds) return { needsIds: true }
  if (matchingIds.length === 0) return null
  if (matchingIds.length > BULK_ID_LIMIT) return { tooMany: matchingIds.length }
  return { ids: [...matchingIds] }
}

/** Ticks or unticks one row; the selection is of rows again after an "all matching" choice is undone. */
export function toggleRow(selection: Selection, id: number | string, on: boolean): Selection {
  const ids = selection.kind === 'rows' ? selection.ids.filter((other) => other !== id) : []
  return { kind: 'rows', ids: on ? [...ids, id] : ids }
}

/** Ticks every row of the page, or unticks them all. */
export function togglePage(selection: Selection, pageIds: ReadonlyArray<number | string>, on: boolean): Selection {
  const ids = selection.kind === 'rows' ? selection.ids.filter((id) => !pageIds.includes(id)) : []
  return { kind: 'rows', ids: on ? [...ids, ...pageIds] : ids }
}

/** How many tasks an action would be for. */
export const selectedCount = (selection: Selection, matching: number) => (selection.kind === 'all' ? matching : selection.ids.length)

/** A count with its noun: `plural(1, 'task')` -> '1 task', `plural(3, 'task')` -> '3 tasks'. */
export const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`

/** What the server answered a bulk operation, said in a sentence. */
export function bulkOutcome(operation: string, answer: { matched: number; changed: number }): string {
  const verb: Record<string, string> = {
    assign: 'assigned',
    unassign: 'unassigned',
    release: 'released',
    'set-priority': 'given the new priority',
    move: 'moved',
  }
  const done = `${plural(answer.changed, 'task')} ${verb[operation] ?? 'changed'}`
  const unchanged = answer.matched - answer.changed
  return unchanged > 0 ? `${done}; ${plural(unchanged, 'task')} already so or not eligible, left as they were.` : `${done}.`
}

type ProblemBody = {
  errors?: Array<{ message?: string; data?: { errors?: Array<{ path?: string; message?: string }> } | null }>
} | null

const FIELD_NAMES: Record<string, string> = {
  to: 'Target stage',
  user: 'Person',
  priority: 'Priority',
  ids: 'Selection',
  operation: 'Action',
  'filter.stage': 'Stage filter',
}

/** A readable sentence from Payload's error answer `{ errors: [{ message, data: { errors: [{ path, message }] } }] }`. */
export function problemSentence(body: unknown, status: number): string {
  const first = (body as ProblemBody)?.errors?.[0]
  const listed = first?.data?.errors?.filter((entry) => entry?.message)
  if (listed && listed.length > 0) {
    return listed
      .map((entry) => {
        const name = entry.path ? (FIELD_NAMES[entry.path] ?? entry.path) : ''
        const sentence = name ? `${name}: ${entry.message}` : String(entry.message)
        return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`
      })
      .join(' ')
  }
  if (first?.message) return /[.!?]$/.test(first.message) ? first.message : `${first.message}.`
  return `The server answered ${status} without saying why.`
}
