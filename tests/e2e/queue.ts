// The Queue tab of a project in the browser (called from run.ts): a project is set up over REST (workspace, a
// Team Manager and an Annotator, two datasets, seven image items, Annotate → Review → Complete, In progress; the
// annotator holds one task and an issue is open on another); then, through the UI only, the manager opens the
// project's Queue tab (from the "Open the queue" link of My work), reads the per-stage counts, filters by
// dataset (the filter survives a reload), sets the priority of two ticked rows, moves every task matching the
// filter to Review, and sees the counts change; a stage card filters by its stage. The stored tasks and the
// journal are checked after each step; any browser console error fails the run. Screenshots:
// tests/e2e/screenshots/4x-queue-*.png.
import type { Page } from 'playwright-core'

import type { Step } from './harness.ts'

type Ctx = {
  page: Page
  base: string
  /** saves a full-page screenshot under tests/e2e/screenshots/<name>.png */
  shot: (name: string) => Promise<unknown>
  /** the first user (a super-admin of the demo host), already created */
  admin: { email: string; password: string }
  /** the browser's console errors of the whole run (run.ts collects them) */
  consoleErrors: string[]
}

const MANAGER = { email: 'queue-manager@example.com', password: 'e2e-manager-123', name: 'Maya Manager' }
const WORKER = { email: 'queue-annotator@example.com', password: 'e2e-annotator-456', name: 'Ari Annotator' }

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

export function queueSteps({ page, base, shot, admin, consoleErrors }: Ctx): Step[] {
  let seen = 0
  const noConsoleErrors = () => {
    const mine = consoleErrors.slice(seen)
    assert(mine.length === 0, `browser console errors:\n${mine.join('\n')}`)
  }
  let token = ''
  const rest = async (method: string, path: string, body?: unknown, as = token) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `JWT ${as}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`)
    return text ? JSON.parse(text) : null
  }
  const login = async (who: { email: string; password: string }) =>
    (await rest('POST', '/api/users/login', { email: who.email, password: who.password }, '')).token as string
  const world = { project: 0, dashcam: 0, drone: 0, held: 0, withIssue: 0, worker: 0 }
  const tasksOf = async () =>
    (await rest('GET', `/api/tasks?where[project][equals]=${world.project}&sort=id&limit=100&depth=1`)).docs as Array<{
      id: number
      stage: string
      status: string
      priority: number
      dataItem: { id: number; dataset: number | { id: number } }
    }>
  const datasetOf = (task: { dataItem: { dataset: number | { id: number } } }) =>
    typeof task.dataItem.dataset === 'object' ? task.dataItem.dataset.id : task.dataItem.dataset
  const eventsOf = async (type: string) =>
    (await rest('GET', `/api/task-events?where[project][equals]=${world.project}&where[type][equals]=${type}&sort=seq&limit=100&depth=0`))
      .docs as Array<{ task: number; fromStage: string; toStage: string; note: string | null; actor: number }>

  const queue = page.locator('.labelops-queue')
  const card = (stage: string) => page.locator(`.labelops-queue__stage[data-stage="${stage}"]`)
  const rows = page.locator('.labelops-queue__table tbody tr[data-task]')
  /** waits until the view has loaded and shows `total` matching tasks */
  const showsTotal = (total: number) =>
    page.waitForFunction(
      (expected) => {
        const view = document.querySelector('.labelops-queue')
        return view?.getAttribute('data-loading') === 'false' && view.getAttribute('data-total') === String(expected)
      },
      total,
      { timeout: 30_000 },
    )
  const cardCount = (stage: string, count: number) =>
    page.waitForFunction(
      ({ stage, count }) =>
        document.querySelector(`.labelops-queue__stage[data-stage="${stage}"]`)?.getAttribute('data-count') === String(count),
      { stage, count },
      { timeout: 30_000 },
    )
  /** picks an option of one of Payload's selects (react-select) by its visible label */
  const pick = async (container: string, label: string) => {
    await page.locator(`${container} .rs__control`).click()
    await page.locator('.rs__option', { hasText: label }).first().click()
  }

  const steps: Step[] = [
    {
      name: 'queue: a project with work in it (REST set-up: manager, annotator, two datasets, seven items, a held task, an issue)',
      run: async () => {
        token = await login(admin)
        const workspace = (await rest('POST', '/api/workspaces', { name: 'Queue operations' })).doc.id
        const people: Record<string, number> = {}
        for (const [who, role] of [
          [MANAGER, 'member'],
          [WORKER, 'tasker'],
        ] as const) {
          people[who.email] = (await rest('POST', '/api/users', who)).doc.id
          const invitation = (await rest('POST', '/api/workspace-invitations', { workspace, email: who.email, role })).doc.id
          await rest('POST', `/api/workspace-invitations/${invitation}/accept`, {}, await login(who))
        }
        world.worker = people[WORKER.email]!
        const importItems = async (dataset: number, prefix: string, count: number) => {
          const rows = Array.from({ length: count }, (_, i) =>
            JSON.stringify({
              externalId: `${prefix}-${i + 1}`,
              name: `${prefix}-${String(i + 1).padStart(3, '0')}.jpg`,
              type: 'image',
              url: `https://example.com/${prefix}/${i + 1}.jpg`,
            }),
          )
          const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
            method: 'POST',
            headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
            body: rows.join('\n'),
          })
          assert(imported.ok, `import: ${imported.status} ${await imported.text()}`)
        }
        world.dashcam = (await rest('POST', '/api/datasets', { workspace, name: 'Dashcam frames' })).doc.id
        world.drone = (await rest('POST', '/api/datasets', { workspace, name: 'Drone survey' })).doc.id
        await importItems(world.dashcam, 'dashcam', 4)
        await importItems(world.drone, 'drone', 3)
        const templates = (await rest('GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).docs as any[]
        const template = templates.find((candidate) => candidate.name === 'Annotate → Review → Complete')
        assert(template, 'the built-in "Annotate → Review → Complete" template exists')
        world.project = (
          await rest('POST', '/api/projects', {
            workspace,
            name: 'Roads and rooftops',
            datasets: [world.dashcam, world.drone],
            workflowTemplate: template.id,
            collaborators: [
              { user: people[MANAGER.email], role: 'team-manager' },
              { user: people[WORKER.email], role: 'annotator' },
            ],
          })
        ).doc.id
        await rest('PATCH', `/api/projects/${world.project}`, { status: 'in-progress' })
        const tasks = await tasksOf()
        assert(tasks.length === 7, `seven tasks, got ${tasks.length}`)
        // the annotator holds one (a lease in the table), and the manager opens an issue on another
        const claimed = await rest('POST', `/api/projects/${world.project}/next`, {}, await login(WORKER))
        world.held = claimed.task.id
        world.withIssue = tasks.find((task) => task.id !== world.held)!.id
        await rest('POST', '/api/issues', { title: 'Blurry frame: check the lane marking', task: world.withIssue }, await login(MANAGER))
      },
    },
    {
      name: 'queue: the Team Manager opens the Queue tab (from My work); the stage cards count the tasks',
      run: async () => {
        await page.context().clearCookies()
        await page.goto(`${base}/admin/login`, { timeout: 60_000 })
        await page.fill('#field-email', MANAGER.email)
        await page.fill('#field-password', MANAGER.password)
        await page.click('button[type=submit]')
        await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 })
        seen = consoleErrors.length
        // the dashboard's My work card of the project links its queue for the people who run it
        const link = page.locator(`.labelops-project[data-project="${world.project}"] [data-action=queue]`)
        await link.waitFor({ timeout: 120_000 })
        await shot('40-queue-dashboard-link')
        await link.click()
        await page.waitForURL(new RegExp(`/collections/projects/${world.project}/queue`), { timeout: 300_000 })
        // the first visit compiles the document view (next dev): minutes on a busy 2-core machine
        await page.locator('a.doc-tab--active, .doc-tab--active').filter({ hasText: 'Queue' }).first().waitFor({ timeout: 300_000 })
        await page.locator('a.doc-tab', { hasText: 'Edit' }).first().waitFor({ timeout: 30_000 })
        await queue.waitFor({ timeout: 120_000 })
        await showsTotal(7)
        await cardCount('annotate', 7)
        await cardCount('review', 0)
        assert((await rows.count()) === 7, `seven rows, got ${await rows.count()}`)
        const held = page.locator(`tr[data-task="${world.held}"]`)
        await held.getByText(WORKER.name).first().waitFor({ timeout: 10_000 })
        await page.locator(`tr[data-task="${world.withIssue}"] .labelops-queue__issues`).getByText('1').waitFor({ timeout: 30_000 })
        await page.waitForLoadState('networkidle')
        await shot('41-queue-open')
        noConsoleErrors()
      },
    },
    {
      name: 'queue: filter by dataset; the address carries the filter and a reload keeps it',
      run: async () => {
        await pick('[data-filter=dataset]', 'Drone survey')
        await showsTotal(3)
        await page.waitForURL((url) => url.searchParams.get('dataset') === String(world.drone), { timeout: 10_000 })
        assert((await rows.count()) === 3, `three Drone rows, got ${await rows.count()}`)
        for (const name of await rows.locator('.labelops-queue__item a').allTextContents()) {
          assert(name.startsWith('drone-'), `only Drone items are listed (${name})`)
        }
        await page.reload({ timeout: 120_000 })
        await queue.waitFor({ timeout: 60_000 })
        await showsTotal(3)
        await page.locator('[data-filter=dataset]').getByText('Drone survey').waitFor({ timeout: 10_000 })
        await page.waitForLoadState('networkidle')
        await shot('42-queue-filtered')
        noConsoleErrors()
      },
    },
    {
      name: 'queue: tick two rows and set their priority to 80; the tasks and the journal say so',
      run: async () => {
        const ids = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-task'))))).slice(0, 2)
        for (const id of ids) await page.locator(`#labelops-queue-row-${id}`).check()
        await page.locator('[data-testid=queue-selection][data-selected="2"]').waitFor({ timeout: 10_000 })
        await pick('[data-field=action]', 'Set priority…')
        await page.fill('#labelops-queue-priority', '80')
        await shot('43-queue-priority-selected')
        await page.click('#labelops-queue-apply')
        const notice = page.locator('[data-testid=queue-notice]')
        await notice.waitFor({ timeout: 30_000 })
        assert((await notice.getAttribute('data-kind')) === 'success', `the action succeeded: ${await notice.textContent()}`)
        assert((await notice.textContent()) === '2 tasks given the new priority.', `the answer is said: ${await notice.textContent()}`)
        await page.waitForFunction(
          (ids) =>
            ids.every((id) => document.querySelector(`tr[data-task="${id}"] [data-priority]`)?.getAttribute('data-priority') === '80'),
          ids,
          { timeout: 30_000 },
        )
        const stored = await tasksOf()
        for (const task of stored) {
          assert(ids.includes(task.id) ? task.priority === 80 : task.priority !== 80, `task ${task.id}: priority ${task.priority}`)
        }
        const journal = await eventsOf('priority-changed')
        assert(
          journal.length === 2 && ids.every((id) => journal.some((event) => event.task === id && /-> 80$/.test(event.note ?? ''))),
          `one priority-changed row per task: ${JSON.stringify(journal)}`,
        )
        await page.waitForLoadState('networkidle')
        await shot('44-queue-priority-set')
        noConsoleErrors()
      },
    },
    {
      name: 'queue: select all matching the filter and move them to Review; the counts change',
      run: async () => {
        await page.click('#labelops-queue-select-all')
        await page.locator('[data-testid=queue-selection][data-kind=all][data-selected="3"]').waitFor({ timeout: 10_000 })
        await pick('[data-field=action]', 'Move to stage…')
        await pick('[data-field=stage]', 'Review')
        await shot('45-queue-move-all-selected')
        await page.click('#labelops-queue-apply')
        const notice = page.locator('[data-testid=queue-notice]')
        await page.waitForFunction(() => document.querySelector('[data-testid=queue-notice]')?.textContent?.includes('moved'), null, {
          timeout: 30_000,
        })
        assert((await notice.textContent()) === '3 tasks moved to Review.', `the answer is said: ${await notice.textContent()}`)
        await cardCount('review', 3)
        await cardCount('annotate', 0)
        const stored = await tasksOf()
        for (const task of stored) {
          const drone = datasetOf(task) === world.drone
          assert(task.stage === (drone ? 'review' : 'annotate'), `task ${task.id} (${drone ? 'drone' : 'dashcam'}) is in ${task.stage}`)
        }
        const moved = await eventsOf('moved')
        assert(
          moved.length === 3 && moved.every((event) => event.fromStage === 'annotate' && event.toStage === 'review'),
          `one moved row per task, annotate -> review: ${JSON.stringify(moved)}`,
        )
        await page.waitForLoadState('networkidle')
        await shot('46-queue-moved')
        noConsoleErrors()
      },
    },
    {
      name: 'queue: clear the filters (4 to annotate, 3 in review), then a stage card filters by its stage',
      run: async () => {
        await page.getByRole('button', { name: 'Clear filters' }).click()
        await showsTotal(7)
        await cardCount('annotate', 4)
        await cardCount('review', 3)
        await page.waitForURL((url) => !url.searchParams.has('dataset'), { timeout: 10_000 })
        await page.locator('[data-filter=dataset]').getByText('Any dataset').waitFor({ timeout: 10_000 })
        await card('review').click()
        await showsTotal(3)
        await page.waitForURL((url) => url.searchParams.get('stage') === 'review', { timeout: 10_000 })
        assert((await card('review').getAttribute('aria-pressed')) === 'true', 'the Review card shows it is the filter')
        // the other cards still count their stage
        await cardCount('annotate', 4)
        const stages = await rows.locator('td:nth-child(3)').allTextContents()
        assert(stages.length === 3 && stages.every((stage) => stage === 'Review'), `only Review rows: ${stages.join(', ')}`)
        await page.waitForLoadState('networkidle')
        await shot('47-queue-stage-card')
        noConsoleErrors()
      },
    },
  ]
  // a failed step leaves a picture of the page it failed on, and says which requests were still open
  const open = new Map<unknown, string>()
  page.on('request', (request) => open.set(request, `${request.method()} ${request.url().slice(0, 160)}`))
  page.on('requestfinished', (request) => open.delete(request))
  page.on('requestfailed', (request) => {
    open.delete(request)
    console.log(`  [browser request failed] ${request.url().slice(0, 160)} ${request.failure()?.errorText ?? ''}`)
  })
  page.on('pageerror', (error) => console.log(`  [browser page error] ${String(error).slice(0, 300)}`))
  return steps.map((step) => ({
    ...step,
    run: () =>
      step.run().catch(async (error: unknown) => {
        await shot('4x-queue-failed').catch(() => {})
        console.log(`  requests still open:\n    ${[...open.values()].join('\n    ') || '(none)'}`)
        throw error
      }),
  }))
}
