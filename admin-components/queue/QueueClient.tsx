'use client'
// The Queue tab of a project: per-stage counts, filters kept in the address, a keyset-paged table of tasks,
// and — for people with `project.bulk` — bulk actions on ticked rows or on every task matching the filters.
// Everything goes through the REST routes of the operations (GET /api/projects/:id/queue, POST
// /api/tasks/bulk); the state rules (address, cursors, selections) are in queueState.ts.
import { Banner, Button, CheckboxInput, Pill, ReactSelect, SetDocumentStepNav } from '@payloadcms/ui'
import type { CollectionSlug } from 'payload'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { QueueRow } from '../../src/sql/queue/queueListing.ts'
import { LabelTransfer } from './LabelTransfer.tsx'
import type { StageTotals } from '../../src/domain/queue/listing.ts'
import {
  activeFilterCount,
  bulkOutcome,
  bulkSelection,
  BULK_ID_LIMIT,
  DATA_TYPES,
  type FilterKey,
  firstPage,
  ISSUE_STATUSES,
  listingQuery,
  nextPage,
  PAGE_SIZE,
  pageNumber,
  plural,
  previousPage,
  problemSentence,
  type QueueFilters,
  QUEUE_STATUSES,
  searchFromFilters,
  selectedCount,
  type Selection,
  SORTS,
  toggleRow,
  togglePage,
  withFilter,
  type CursorStack,
} from './queueState.ts'

export type QueueStage = { id: string; name: string; type: string }
export type QueueOption = { value: string; label: string }
export type QueueListingView = {
  docs: Array<Omit<QueueRow, 'leaseExpiresAt'> & { leaseExpiresAt: string | null }>
  nextCursor: string | null
  totals: { total: number; byStage: StageTotals }
}

export type QueueClientProps = {
  projectId: string
  projectName: string
  apiRoute: string
  adminRoute: string
  slugs: { projects: string; tasks: string; issues: string }
  stepNav: { pluralLabel: string; useAsTitle: string }
  stages: QueueStage[]
  datasets: QueueOption[]
  people: QueueOption[]
  /** sees every task (managers); otherwise the slice the listing gives a worker */
  team: boolean
  canBulk: boolean
  /** may export and import the project's labels (project.labels.export / import) */
  canTransfer: boolean
  initialFilters: QueueFilters
  initialListing: QueueListingView
  /** per stage, for the cards: the filters but the stage */
  initialStageTotals: StageTotals
}

const STATUS_LABELS: Record<string, string> = {
  new: 'New',
  assigned: 'Assigned',
  reopened: 'Reopened',
  skipped: 'Skipped',
  completed: 'Completed',
}
const STATUS_PILL: Record<string, 'light' | 'dark' | 'warning' | 'error' | 'success'> = {
  new: 'light',
  assigned: 'dark',
  reopened: 'warning',
  skipped: 'error',
  completed: 'success',
}
const TYPE_LABELS: Record<string, string> = {
  image: 'Image',
  video: 'Video',
  text: 'Text',
  audio: 'Audio',
  document: 'Document',
  dicom: 'DICOM',
}
const ISSUE_LABELS: Record<string, string> = { open: 'With open issues', resolved: 'Issues all resolved', none: 'No issues' }
const SORT_LABELS: Record<string, string> = {
  '-priority': 'Highest priority',
  priority: 'Lowest priority',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
}
const STAGE_TYPE_LABELS: Record<string, string> = {
  annotate: 'Annotate',
  review: 'Review',
  consensus: 'Consensus',
  router: 'Router',
  complete: 'End',
  archive: 'End',
}

type BulkAction = 'assign' | 'unassign' | 'release' | 'set-priority' | 'move'
const BULK_ACTIONS: Array<{ value: BulkAction; label: string }> = [
  { value: 'assign', label: 'Assign to…' },
  { value: 'unassign', label: 'Unassign' },
  { value: 'release', label: 'Release lease' },
  { value: 'set-priority', label: 'Set priority…' },
  { value: 'move', label: 'Move to stage…' },
]

type Notice = { kind: 'success' | 'error'; text: string }
type Option = { value: string; label: string }

async function readJson(response: Response): Promise<unknown> {
  return response.json().catch(() => null)
}

export function QueueClient(props: QueueClientProps) {
  const { projectId, apiRoute, adminRoute, slugs, stages, datasets, people, canBulk, canTransfer, team } = props
  const api = apiRoute.replace(/\/$/, '')
  const admin = adminRoute === '/' ? '' : adminRoute.replace(/\/$/, '')

  const [filters, setFilters] = useState<QueueFilters>(props.initialFilters)
  const [stack, setStack] = useState<CursorStack>(firstPage())
  const [listing, setListing] = useState<QueueListingView>(props.initialListing)
  const [stageTotals, setStageTotals] = useState<StageTotals>(props.initialStageTotals)
  const [loading, setLoading] = useState(false)
  const [listError, setListError] = useState<string | null>(null)
  const [issues, setIssues] = useState<Record<string, number> | null>(null)
  const [selection, setSelection] = useState<Selection>({ kind: 'rows', ids: [] })
  const [action, setAction] = useState<BulkAction | null>(null)
  const [person, setPerson] = useState<string | null>(null)
  const [priority, setPriority] = useState('50')
  const [target, setTarget] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [now, setNow] = useState<number | null>(null)
  const request = useRef(0)

  const stageName = useCallback((id: string) => stages.find((stage) => stage.id === id)?.name ?? id, [stages])
  const personName = useCallback((id: unknown) => people.find((p) => p.value === String(id))?.label ?? `User ${String(id)}`, [people])

  // times are read in the browser only (the server's clock and locale would not match the page's)
  useEffect(() => {
    setNow(Date.now())
    const timer = window.setInterval(() => setNow(Date.now()), 30_000)
    return () => window.clearInterval(timer)
  }, [])

  const queueUrl = (query: URLSearchParams) => `${api}/${slugs.projects}/${encodeURIComponent(projectId)}/queue?${query}`

  /** Loads one page for these filters (and the cards' counts when a stage is picked); stale answers are dropped. */
  const load = useCallback(
    async (nextFilters: QueueFilters, nextStack: CursorStack): Promise<QueueListingView | null> => {
      const mine = ++request.current
      setLoading(true)
      try {
        const page = fetch(queueUrl(listingQuery(nextFilters, nextStack.current)), { credentials: 'include' })
        const cardsQuery = listingQuery(withFilter(nextFilters, 'stage', undefined))
        cardsQuery.set('limit', '1')
        const cards = nextFilters.stage ? fetch(queueUrl(cardsQuery), { credentials: 'include' }) : null
        const response = await page
        const body = await readJson(response)
        if (mine !== request.current) return null
        if (!response.ok) {
          setListError(problemSentence(body, response.status))
          return null
        }
        const answer = body as QueueListingView
        let byStage = answer.totals.byStage
        if (cards) {
          const cardsResponse = await cards
          const cardsBody = await readJson(cardsResponse)
          if (mine !== request.current) return null
          if (cardsResponse.ok) byStage = (cardsBody as QueueListingView).totals.byStage
        }
        setListError(null)
        setListing(answer)
        setStageTotals(byStage)
        setStack(nextStack)
        return answer
      } catch {
        if (mine === request.current)
          setListError('The queue could not be loaded: the server did not answer. Check the connection and try again.')
        return null
      } finally {
        if (mine === request.current) setLoading(false)
      }
    },
    [api, projectId, slugs.projects],
  )

  // the open issues of the shown rows (a count per task), read through the issues collection's REST
  const rowIds = useMemo(() => listing.docs.map((row) => String(row.id)), [listing.docs])
  useEffect(() => {
    if (rowIds.length === 0) return setIssues({})
    let current = true
    const query = new URLSearchParams({
      'where[task][in]': rowIds.join(','),
      'where[status][equals]': 'open',
      limit: '1000',
      depth: '0',
      'select[task]': 'true',
    })
    fetch(`${api}/${slugs.issues}?${query}`, { credentials: 'include' })
      .then(async (response) => (response.ok ? ((await response.json()) as { docs: Array<{ task: unknown }> }) : null))
      .then((body) => {
        if (!current) return
        if (!body) return setIssues(null)
        const counts: Record<string, number> = {}
        for (const issue of body.docs) {
          const task = String(issue.task && typeof issue.task === 'object' ? (issue.task as { id: unknown }).id : issue.task)
          counts[task] = (counts[task] ?? 0) + 1
        }
        setIssues(counts)
      })
      .catch(() => current && setIssues(null))
    return () => {
      current = false
    }
  }, [api, slugs.issues, rowIds])

  /** New filters: the address, the first page, a fresh selection. */
  const applyFilters = (next: QueueFilters) => {
    setFilters(next)
    setSelection({ kind: 'rows', ids: [] })
    setNotice(null)
    const search = searchFromFilters(next, new URLSearchParams(window.location.search))
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`)
    void load(next, firstPage())
  }
  const setFilter = <K extends FilterKey | 'sort'>(key: K, value: QueueFilters[K] | undefined) =>
    applyFilters(withFilter(filters, key, value))

  const total = listing.totals.total
  const pageIds = listing.docs.map((row) => row.id)
  const ticked = selection.kind === 'rows' ? selection.ids : []
  const pageTicked = pageIds.length > 0 && pageIds.every((id) => ticked.includes(id))
  const someTicked = pageIds.some((id) => ticked.includes(id))
  const count = selectedCount(selection, total)
  const moveTargets = stages.filter((stage) => stage.type !== 'router')

  /** Every task id the filters match (for filters the bulk operation cannot take as a filter), up to one past the limit. */
  const matchingIds = async (): Promise<Array<number | string> | string> => {
    const ids: Array<number | string> = []
    let after: string | undefined
    do {
      const query = listingQuery(filters, after)
      query.set('limit', '200')
      const response = await fetch(queueUrl(query), { credentials: 'include' })
      const body = await readJson(response)
      if (!response.ok) return problemSentence(body, response.status)
      const page = body as QueueListingView
      ids.push(...page.docs.map((row) => row.id))
      after = page.nextCursor ?? undefined
    } while (after && ids.length <= BULK_ID_LIMIT)
    return ids
  }

  const actionReady =
    action !== null &&
    count > 0 &&
    (action !== 'assign' || person !== null) &&
    (action !== 'move' || target !== null) &&
    (action !== 'set-priority' || /^\d{1,3}$/.test(priority.trim()))

  const runBulk = async () => {
    if (!action || !actionReady) return
    if (action === 'set-priority' && Number(priority) > 100) {
      setNotice({ kind: 'error', text: 'Priority: must be 0-100.' })
      return
    }
    setBusy(true)
    setNotice(null)
    try {
      let chosen = bulkSelection(selection, filters)
      if (chosen && 'needsIds' in chosen) {
        const ids = await matchingIds()
        if (typeof ids === 'string') return setNotice({ kind: 'error', text: ids })
        chosen = bulkSelection(selection, filters, ids)
      }
      if (!chosen) return setNotice({ kind: 'error', text: 'No task is selected.' })
      if ('tooMany' in chosen || 'needsIds' in chosen) {
        return setNotice({
          kind: 'error',
          text: `More than ${BULK_ID_LIMIT.toLocaleString('en')} tasks match, and the data type and issue filters select tasks one by one: narrow the filters, or clear those two.`,
        })
      }
      const operation = action === 'unassign' ? 'assign' : action
      const parameters =
        action === 'assign'
          ? { user: /^\d+$/.test(person!) ? Number(person) : person }
          : action === 'unassign'
            ? { user: null }
            : action === 'set-priority'
              ? { priority: Number(priority) }
              : action === 'move'
                ? { to: target }
                : {}
      const response = await fetch(`${api}/${slugs.tasks}/bulk`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ project: projectId, operation, ...parameters, ...chosen }),
      })
      const body = await readJson(response)
      if (!response.ok) return setNotice({ kind: 'error', text: problemSentence(body, response.status) })
      const answer = body as { matched: number; changed: number }
      const where =
        action === 'move' && target ? ` to ${stageName(target)}` : action === 'assign' && person ? ` to ${personName(person)}` : ''
      const outcome = bulkOutcome(action, answer)
      setNotice({ kind: 'success', text: where ? outcome.replace(/(moved|assigned)/, `$1${where}`) : outcome })
      setSelection({ kind: 'rows', ids: [] })
      // the counts and the page as they are now (the first page if this one emptied)
      const shown = await load(filters, stack)
      // a page past the end after a move: back to the first
      if (shown && shown.docs.length === 0 && stack.current !== undefined) await load(filters, firstPage())
    } catch {
      setNotice({ kind: 'error', text: 'The action could not be sent: the server did not answer. Nothing was changed by this page.' })
    } finally {
      setBusy(false)
    }
  }

  // null, not undefined, for "nothing chosen": react-select keeps showing its last value when handed undefined
  const option = (options: Option[], value: string | undefined | null) =>
    options.find((o) => o.value === value) ?? (null as unknown as Option)
  const stageOptions: Option[] = stages.map((stage) => ({ value: stage.id, label: stage.name }))
  const statusOptions: Option[] = QUEUE_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value]! }))
  const assigneeOptions: Option[] = [{ value: 'none', label: 'Unassigned' }, ...people]
  const typeOptions: Option[] = DATA_TYPES.map((value) => ({ value, label: TYPE_LABELS[value]! }))
  const issueOptions: Option[] = ISSUE_STATUSES.map((value) => ({ value, label: ISSUE_LABELS[value]! }))
  const sortOptions: Option[] = SORTS.map((value) => ({ value, label: SORT_LABELS[value]! }))

  const filterSelect = (key: FilterKey, label: string, options: Option[], placeholder: string) => (
    <div className={`labelops-queue__filter labelops-queue__filter--${key}`} data-filter={key}>
      <span className="labelops-queue__filter-label" id={`labelops-queue-filter-${key}`}>
        {label}
      </span>
      <ReactSelect
        inputId={`labelops-queue-${key}`}
        isClearable
        isSearchable={options.length > 8}
        options={options}
        placeholder={placeholder}
        value={option(options, filters[key])}
        onChange={(picked) => {
          const value = Array.isArray(picked) ? picked[0]?.value : picked?.value
          setFilter(key, (value as never) ?? undefined)
        }}
      />
    </div>
  )

  const pageNo = pageNumber(stack)
  const firstRow = (pageNo - 1) * PAGE_SIZE + 1
  const lastRow = firstRow + listing.docs.length - 1

  return (
    <div className="labelops-queue" data-loading={loading ? 'true' : 'false'} data-total={total}>
      <SetDocumentStepNav
        collectionSlug={slugs.projects as CollectionSlug}
        id={projectId}
        pluralLabel={props.stepNav.pluralLabel}
        useAsTitle={props.stepNav.useAsTitle}
        view="Queue"
      />
      <header className="labelops-queue__head">
        <div>
          <h2 className="labelops-queue__title">Queue</h2>
          <p className="labelops-queue__summary">
            {team ? 'Every task of the project' : 'The tasks you could be served or hold'}
            {' · '}
            <strong data-testid="queue-total">{plural(total, 'task')}</strong>
            {activeFilterCount(filters) > 0 ? ' match the filters' : ''}
          </p>
        </div>
        <div className="labelops-queue__head-actions">
          {canTransfer ? <LabelTransfer api={api} projectsSlug={slugs.projects} projectId={projectId} filters={filters} /> : null}
          <Button buttonStyle="secondary" size="small" margin={false} disabled={loading} onClick={() => void load(filters, stack)}>
            {loading ? 'Loading…' : 'Refresh'}
          </Button>
        </div>
      </header>

      <ul className="labelops-queue__stages" aria-label="Tasks per stage">
        {stages
          .filter((stage) => stage.type !== 'router' || stageTotals[stage.id])
          .map((stage) => {
            const totals = stageTotals[stage.id]
            const active = filters.stage === stage.id
            const statuses = QUEUE_STATUSES.filter((status) => (totals?.byStatus[status] ?? 0) > 0)
            return (
              <li key={stage.id}>
                <button
                  type="button"
                  className={`labelops-queue__stage${active ? ' labelops-queue__stage--active' : ''}`}
                  aria-pressed={active}
                  data-stage={stage.id}
                  data-count={totals?.total ?? 0}
                  title={active ? `Show every stage` : `Show only ${stage.name}`}
                  onClick={() => setFilter('stage', active ? undefined : stage.id)}
                >
                  <span className="labelops-queue__stage-top">
                    <span className="labelops-queue__stage-name">{stage.name}</span>
                    <span className="labelops-queue__stage-type">{STAGE_TYPE_LABELS[stage.type] ?? stage.type}</span>
                  </span>
                  <span className="labelops-queue__stage-total">{(totals?.total ?? 0).toLocaleString('en')}</span>
                  <span className="labelops-queue__stage-statuses">
                    {statuses.length === 0 ? (
                      <span className="labelops-queue__stage-empty">no tasks</span>
                    ) : (
                      statuses.map((status) => (
                        <span key={status} className={`labelops-queue__count labelops-queue__count--${status}`} data-status={status}>
                          {(totals?.byStatus[status] ?? 0).toLocaleString('en')} {STATUS_LABELS[status]!.toLowerCase()}
                        </span>
                      ))
                    )}
                  </span>
                </button>
              </li>
            )
          })}
      </ul>

      <section className="labelops-queue__filters" aria-label="Filters">
        {filterSelect('stage', 'Stage', stageOptions, 'Any stage')}
        {filterSelect('status', 'Status', statusOptions, 'Any status')}
        {filterSelect('assignee', 'Assignee', assigneeOptions, 'Anyone')}
        {filterSelect('dataset', 'Dataset', datasets, 'Any dataset')}
        {filterSelect('type', 'Data type', typeOptions, 'Any type')}
        {filterSelect('issueStatus', 'Issues', issueOptions, 'Any')}
        <div className="labelops-queue__filter labelops-queue__filter--sort" data-filter="sort">
          <span className="labelops-queue__filter-label">Sort</span>
          <ReactSelect
            inputId="labelops-queue-sort"
            isClearable={false}
            isSearchable={false}
            options={sortOptions}
            value={option(sortOptions, filters.sort)}
            onChange={(picked) => {
              const value = Array.isArray(picked) ? picked[0]?.value : picked?.value
              setFilter('sort', (value as QueueFilters['sort']) ?? undefined)
            }}
          />
        </div>
        {activeFilterCount(filters) > 0 ? (
          <div className="labelops-queue__filter labelops-queue__filter--clear">
            <Button buttonStyle="subtle" size="small" margin={false} onClick={() => applyFilters({ sort: filters.sort })}>
              Clear filters
            </Button>
          </div>
        ) : null}
      </section>

      {listError ? (
        <Banner type="error" alignIcon="left">
          <span data-testid="queue-error">{listError}</span>
        </Banner>
      ) : null}

      {canBulk ? (
        <section className={`labelops-queue__bulk${count > 0 ? ' labelops-queue__bulk--active' : ''}`} aria-label="Bulk actions">
          <div className="labelops-queue__selection" data-testid="queue-selection" data-selected={count} data-kind={selection.kind}>
            {selection.kind === 'all' ? (
              <>
                <strong>All {plural(total, 'matching task')} selected</strong>
                <Button buttonStyle="subtle" size="small" margin={false} onClick={() => setSelection({ kind: 'rows', ids: [] })}>
                  Clear selection
                </Button>
              </>
            ) : (
              <>
                <span>{count > 0 ? <strong>{plural(count, 'task')} selected</strong> : 'Tick tasks, or'}</span>
                <Button
                  buttonStyle="secondary"
                  size="small"
                  margin={false}
                  disabled={total === 0}
                  id="labelops-queue-select-all"
                  onClick={() => setSelection({ kind: 'all' })}
                >
                  {`Select all matching the filter (${plural(total, 'task')})`}
                </Button>
                {count > 0 ? (
                  <Button buttonStyle="subtle" size="small" margin={false} onClick={() => setSelection({ kind: 'rows', ids: [] })}>
                    Clear
                  </Button>
                ) : null}
              </>
            )}
          </div>
          <div className="labelops-queue__action">
            <div className="labelops-queue__action-pick" data-field="action">
              <ReactSelect
                inputId="labelops-queue-action"
                isClearable={false}
                isSearchable={false}
                options={BULK_ACTIONS}
                placeholder="Choose an action"
                value={option(BULK_ACTIONS, action)}
                onChange={(picked) => {
                  const value = (Array.isArray(picked) ? picked[0]?.value : picked?.value) as BulkAction | undefined
                  setAction(value ?? null)
                  setNotice(null)
                }}
              />
            </div>
            {action === 'assign' ? (
              <div className="labelops-queue__action-param" data-field="person">
                <ReactSelect
                  inputId="labelops-queue-person"
                  isSearchable={people.length > 8}
                  options={people}
                  placeholder="Person"
                  value={option(people, person)}
                  onChange={(picked) => setPerson(((Array.isArray(picked) ? picked[0]?.value : picked?.value) as string) ?? null)}
                />
              </div>
            ) : null}
            {action === 'move' ? (
              <div className="labelops-queue__action-param" data-field="stage">
                <ReactSelect
                  inputId="labelops-queue-target"
                  isSearchable={false}
                  options={moveTargets.map((stage) => ({ value: stage.id, label: stage.name }))}
                  placeholder="Stage"
                  value={option(
                    moveTargets.map((stage) => ({ value: stage.id, label: stage.name })),
                    target,
                  )}
                  onChange={(picked) => setTarget(((Array.isArray(picked) ? picked[0]?.value : picked?.value) as string) ?? null)}
                />
              </div>
            ) : null}
            {action === 'set-priority' ? (
              <label className="labelops-queue__priority">
                <span>Priority</span>
                <input
                  id="labelops-queue-priority"
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  inputMode="numeric"
                  value={priority}
                  onChange={(event) => setPriority(event.target.value)}
                />
                <span className="labelops-queue__priority-hint">0–100</span>
              </label>
            ) : null}
            <Button
              buttonStyle="primary"
              size="small"
              margin={false}
              disabled={!actionReady || busy}
              id="labelops-queue-apply"
              onClick={() => void runBulk()}
            >
              {busy ? 'Applying…' : count > 0 ? `Apply to ${plural(count, 'task')}` : 'Apply'}
            </Button>
          </div>
          {notice ? (
            <p
              className={`labelops-queue__notice labelops-queue__notice--${notice.kind}`}
              role={notice.kind === 'error' ? 'alert' : 'status'}
              data-testid="queue-notice"
              data-kind={notice.kind}
            >
              {notice.text}
            </p>
          ) : null}
        </section>
      ) : null}

      <div className="labelops-queue__table-wrap">
        <table className="labelops-queue__table">
          <thead>
            <tr>
              {canBulk ? (
                <th className="labelops-queue__check" scope="col">
                  <CheckboxInput
                    id="labelops-queue-select-page"
                    name="select-page"
                    checked={selection.kind === 'all' || pageTicked}
                    partialChecked={someTicked && !pageTicked}
                    onToggle={(event) => setSelection(togglePage(selection, pageIds, event.target.checked))}
                  />
                </th>
              ) : null}
              <th scope="col">Data item</th>
              <th scope="col">Stage</th>
              <th scope="col">Status</th>
              <th scope="col" className="labelops-queue__num">
                Priority
              </th>
              <th scope="col">Assignee</th>
              <th scope="col">Lease</th>
              <th scope="col" className="labelops-queue__num">
                Open issues
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.docs.length === 0 ? (
              <tr>
                <td colSpan={canBulk ? 8 : 7} className="labelops-queue__empty">
                  {activeFilterCount(filters) > 0 ? 'No task matches these filters.' : 'This project has no tasks yet.'}
                </td>
              </tr>
            ) : (
              listing.docs.map((row) => {
                const checked = selection.kind === 'all' || ticked.includes(row.id)
                const expires = row.leaseExpiresAt ? Date.parse(row.leaseExpiresAt) : null
                const openIssues = issues?.[String(row.id)] ?? 0
                return (
                  <tr key={String(row.id)} data-task={row.id} className={checked ? 'labelops-queue__row--selected' : undefined}>
                    {canBulk ? (
                      <td className="labelops-queue__check">
                        <CheckboxInput
                          id={`labelops-queue-row-${row.id}`}
                          name={`select-task-${row.id}`}
                          checked={checked}
                          onToggle={(event) =>
                            setSelection(
                              selection.kind === 'all'
                                ? { kind: 'rows', ids: pageIds.filter((id) => id !== row.id || event.target.checked) }
                                : toggleRow(selection, row.id, event.target.checked),
                            )
                          }
                        />
                      </td>
                    ) : null}
                    <td className="labelops-queue__item">
                      <a href={`${admin}/collections/${slugs.tasks}/${encodeURIComponent(String(row.id))}`}>
                        {row.dataItem.name || `Item ${row.dataItem.id}`}
                      </a>
                      <span className="labelops-queue__sub">
                        {TYPE_LABELS[row.dataItem.type] ?? row.dataItem.type} · task {String(row.id)}
                      </span>
                    </td>
                    <td>{stageName(row.stage)}</td>
                    <td>
                      <Pill pillStyle={STATUS_PILL[row.status] ?? 'light'} size="small">
                        {STATUS_LABELS[row.status] ?? row.status}
                      </Pill>
                    </td>
                    <td className="labelops-queue__num">
                      <span className="labelops-queue__priority-cell" data-priority={row.priority}>
                        <span className="labelops-queue__priority-bar" aria-hidden="true">
                          <span style={{ width: `${Math.max(0, Math.min(100, row.priority))}%` }} />
                        </span>
                        {row.priority}
                      </span>
                    </td>
                    <td>{row.assignee === null ? <span className="labelops-queue__none">Unassigned</span> : personName(row.assignee)}</td>
                    <td>
                      {row.leaseHolder === null ? (
                        <span className="labelops-queue__none">—</span>
                      ) : (
                        <>
                          {personName(row.leaseHolder)}
                          {expires !== null && now !== null ? (
                            <span className={`labelops-queue__sub${expires < now ? ' labelops-queue__sub--late' : ''}`}>
                              {expires < now ? 'expired ' : 'until '}
                              {new Date(expires).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
                            </span>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td className="labelops-queue__num">
                      {issues === null ? (
                        <span className="labelops-queue__none">—</span>
                      ) : openIssues > 0 ? (
                        <strong className="labelops-queue__issues">{openIssues}</strong>
                      ) : (
                        <span className="labelops-queue__none">0</span>
                      )}
                    </td>
                  </tr>
                )
              })
            )}
          </tbody>
        </table>
      </div>

      <nav className="labelops-queue__pager" aria-label="Pages">
        <span className="labelops-queue__range">
          {listing.docs.length === 0
            ? `Page ${pageNo}`
            : `Tasks ${firstRow.toLocaleString('en')}–${lastRow.toLocaleString('en')} of ${total.toLocaleString('en')}`}
        </span>
        <Button
          buttonStyle="secondary"
          size="small"
          margin={false}
          disabled={loading || stack.previous.length === 0}
          onClick={() => void load(filters, previousPage(stack))}
        >
          Previous page
        </Button>
        <Button
          buttonStyle="secondary"
          size="small"
          margin={false}
          disabled={loading || !listing.nextCursor}
          onClick={() => listing.nextCursor && void load(filters, nextPage(stack, listing.nextCursor))}
        >
          Next page
        </Button>
      </nav>
    </div>
  )
}
