// What the browser tests of the workspace share: the street scene and its ontology, a REST client, sign-in,
// and where a normalised image point is on the canvas.
import type { Page } from 'playwright-core'

/** What a group of browser steps is handed by run.ts. */
export type StepContext = {
  page: Page
  base: string
  /** saves a full-page screenshot under tests/e2e/screenshots/<name>.png */
  shot: (name: string) => Promise<unknown>
  /** the first user (a super-admin of the demo host), already created */
  admin: { email: string; password: string }
  /** the browser's console errors of the whole run (run.ts collects them) */
  consoleErrors: string[]
}

/** A street scene drawn in SVG (no network): the image the annotator labels. */
export const SCENE =
  'data:image/svg+xml,' +
  [
    "<svg xmlns='http://www.w3.org/2000/svg' width='960' height='600' viewBox='0 0 960 600'>",
    "<defs><linearGradient id='s' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='%2387b5e6'/><stop offset='1' stop-color='%23dcecf7'/></linearGradient></defs>",
    "<rect width='960' height='600' fill='url(%23s)'/><rect y='330' width='960' height='270' fill='%2370855b'/>",
    "<polygon points='380,330 580,330 900,600 60,600' fill='%235a5d63'/><polygon points='474,340 486,340 500,600 460,600' fill='%23f2f2f2'/>",
    "<rect x='250' y='380' width='170' height='90' rx='14' fill='%23c0392b'/><rect x='275' y='355' width='115' height='45' rx='10' fill='%23a93226'/>",
    "<circle cx='285' cy='472' r='18' fill='%23222'/><circle cx='390' cy='472' r='18' fill='%23222'/>",
    "<rect x='690' y='250' width='8' height='110' fill='%23777'/><circle cx='694' cy='240' r='26' fill='%23e74c3c' stroke='white' stroke-width='5'/></svg>",
  ]
    .join('')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/ /g, '%20')

export const ONTOLOGY = {
  objects: [
    {
      id: 'car',
      name: 'Car',
      shape: 'bounding-box',
      colour: '#e4572e',
      attributes: [
        {
          id: 'occluded',
          name: 'Occluded',
          type: 'radio',
          options: [
            { id: 'visible', label: 'Fully visible' },
            { id: 'partly', label: 'Partly hidden' },
          ],
        },
      ],
    },
    { id: 'road', name: 'Road', shape: 'polygon', colour: '#17bebb' },
    { id: 'lane', name: 'Lane marking', shape: 'polyline', colour: '#ffc914' },
    { id: 'sign', name: 'Traffic sign', shape: 'point', colour: '#a23b72' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      required: true,
      options: [
        { id: 'clear', label: 'Clear' },
        {
          id: 'rain',
          label: 'Rain',
          classifications: [
            {
              id: 'intensity',
              name: 'Intensity',
              type: 'radio',
              required: true,
              options: [
                { id: 'light', label: 'Light' },
                { id: 'heavy', label: 'Heavy' },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'conditions',
      name: 'Conditions',
      type: 'checklist',
      options: [
        { id: 'night', label: 'Night' },
        { id: 'glare', label: 'Glare' },
      ],
    },
    { id: 'notes', name: 'Notes', type: 'text' },
  ],
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

/** REST calls as the user whose token `token()` gives (or another's, `as`); a non-2xx answer throws. */
export function restClient(base: string, token: () => string) {
  return async (method: string, path: string, body?: unknown, as = token()) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `JWT ${as}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    const json = text ? JSON.parse(text) : null
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`)
    return json
  }
}

/** Signs the browser out, then in as `who`, and waits for the dashboard. */
export async function signIn(page: Page, base: string, who: { email: string; password: string }) {
  await page.goto(`${base}/admin/logout`, { timeout: 60_000 })
  await page.waitForURL(/\/admin\/login/, { timeout: 60_000 })
  await page.fill('#field-email', who.email)
  await page.fill('#field-password', who.password)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 })
}

/** Screen position of a normalised point of the 960 x 600 scene: the canvas fits the image with a 16 px margin (fitView). */
export async function canvasPoint(page: Page, x: number, y: number) {
  const box = (await page.locator('[data-testid=label-canvas]').boundingBox())!
  const scale = Math.min((box.width - 32) / 960, (box.height - 32) / 600)
  return {
    x: box.x + (box.width - 960 * scale) / 2 + x * 960 * scale,
    y: box.y + (box.height - 600 * scale) / 2 + y * 600 * scale,
  }
}

/**
 * Selects characters [from, to) of the workspace's text (as a person dragging over them would) and lets the
 * mouse go. Sent as source text: the test runner's compiled helpers do not exist in the page.
 */
export function selectText(page: Page, from: number, to: number) {
  return page.evaluate(`(() => {
    const body = document.querySelector('.labelops-text__body')
    const pieces = Array.from(body.querySelectorAll('[data-start]'))
    function at(offset) {
      let piece = pieces[0]
      for (const candidate of pieces) if (Number(candidate.dataset.start) <= offset) piece = candidate
      return { node: piece.firstChild, offset: offset - Number(piece.dataset.start) }
    }
    const start = at(${from})
    const end = at(${to})
    const range = document.createRange()
    range.setStart(start.node, start.offset)
    range.setEnd(end.node, end.offset)
    const selection = window.getSelection()
    selection.removeAllRanges()
    selection.addRange(range)
    body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
  })()`)
}

type Person = { email: string; password: string }

/**
 * Over REST, as the admin whose token `rest` sends: a workspace where an annotator and a reviewer are Taskers
 * (invited, accepted), the street ontology, a dataset of one imported item, and an Annotate → Review →
 * Complete project with both as collaborators, In progress. Answers the ids and the project's one task.
 */
export async function reviewedProject(
  rest: ReturnType<typeof restClient>,
  base: string,
  token: string,
  names: { workspace: string; ontology: string; dataset: string; project: string },
  people: { annotator: Person; reviewer: Person },
  item: Record<string, unknown>,
) {
  const login = async (who: Person) => (await rest('POST', '/api/users/login', who, '')).token as string
  const workspace = (await rest('POST', '/api/workspaces', { name: names.workspace })).doc.id
  const ids: Record<'annotator' | 'reviewer', number> = { annotator: 0, reviewer: 0 }
  for (const role of ['annotator', 'reviewer'] as const) {
    const who = people[role]
    ids[role] = (await rest('POST', '/api/users', who)).doc.id
    const invitation = (await rest('POST', '/api/workspace-invitations', { workspace, email: who.email, role: 'tasker' })).doc.id
    await rest('POST', `/api/workspace-invitations/${invitation}/accept`, {}, await login(who))
  }
  const ontology = (await rest('POST', '/api/ontologies', { workspace, name: names.ontology, ...ONTOLOGY })).doc.id
  const dataset = (await rest('POST', '/api/datasets', { workspace, name: names.dataset })).doc.id
  const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
    method: 'POST',
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
    body: JSON.stringify(item),
  })
  assert(imported.ok, `import: ${imported.status} ${await imported.clone().text()}`)
  const templates = (await rest('GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).docs as any[]
  const template = templates.find((candidate) => candidate.name === 'Annotate → Review → Complete')
  assert(template, 'the built-in "Annotate → Review → Complete" template exists')
  const project = (
    await rest('POST', '/api/projects', {
      workspace,
      name: names.project,
      datasets: [dataset],
      ontology,
      workflowTemplate: template.id,
      collaborators: [
        { user: ids.annotator, role: 'annotator' },
        { user: ids.reviewer, role: 'reviewer' },
      ],
    })
  ).doc.id
  await rest('PATCH', `/api/projects/${project}`, { status: 'in-progress' })
  const tasks = (await rest('GET', `/api/tasks?where[project][equals]=${project}&depth=0`)).docs as any[]
  assert(tasks.length === 1, `one task, got ${tasks.length}`)
  return { workspace, ...ids, project: project as number, task: tasks[0].id as number }
}

/**
 * What the review-and-rework browser steps share: REST as the admin, the project under test and its one task
 * read back (task, label, issues, journal), signing the browser in as a person (console errors counted from
 * then: Payload's logout page double-posts in dev), and the workspace opened and drawn.
 */
export function reviewKit({ page, base, admin, consoleErrors }: StepContext) {
  let seen = 0
  let token = ''
  const rest = restClient(base, () => token)
  const world: { project?: number; task?: number; annotator?: number; reviewer?: number; boxId?: string } = {}
  const docs = async (path: string) => (await rest('GET', path)).docs as any[]
  return {
    rest,
    world,
    /** signs the REST client in as the admin; answers the token */
    asAdmin: async () => (token = (await rest('POST', '/api/users/login', admin, '')).token as string),
    noConsoleErrors: () => {
      const mine = consoleErrors.slice(seen)
      assert(mine.length === 0, `browser console errors:\n${mine.join('\n')}`)
    },
    task: () => rest('GET', `/api/tasks/${world.task}?depth=0`),
    label: async () => (await docs(`/api/labels?where[task][equals]=${world.task}&depth=0`))[0],
    issues: () => docs(`/api/issues?where[task][equals]=${world.task}&sort=createdAt&depth=0`),
    journal: async () =>
      (await docs(`/api/task-events?where[task][equals]=${world.task}&sort=seq&limit=100&depth=0`)).map((event) => event.type as string),
    as: async (who: Person) => {
      await signIn(page, base, who)
      seen = consoleErrors.length
    },
    openWorkspace: async () => {
      await page.goto(`${base}/admin/labelops/annotate/${world.project}`, { timeout: 120_000 })
      await page.locator('[data-testid=label-canvas][data-ready=true]').waitFor({ timeout: 120_000 })
    },
  }
}

/** Drags a box on the canvas from `a` to `b` (screen points) with the class chosen by `key`, then leaves drawing (Esc). */
export async function dragBox(page: Page, key: string, a: { x: number; y: number }, b: { x: number; y: number }) {
  await page.keyboard.press(key)
  await page.mouse.move(a.x, a.y)
  await page.mouse.down()
  await page.mouse.move(b.x, b.y, { steps: 6 })
  await page.mouse.up()
  await page.keyboard.press('Escape')
}

/**
 * Picks an option of one of Payload's selects (react-select) by its label, typing it first: a relationship field
 * lists its options a page at a time, and after a long run the one wanted may not be on the first page.
 */
export async function pickOption(page: Page, field: string, label: string) {
  await page.locator(`#field-${field}`).click()
  const option = page.locator(`#field-${field} .rs__option`, { hasText: label }).first()
  const listed = await option.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  )
  if (!listed) await page.locator(`#field-${field} input`).first().fill(label)
  await option.click({ timeout: 30_000 })
}

/**
 * On a dataset's page: a CSV of image rows (`[externalId, type, height]`, the scene as the url, 960 wide) chosen
 * with "Import data items…"; answers the outcome's text and its rejected rows as shown.
 */
export async function importImageRowsCsv(page: Page, file: string, rows: Array<[string, string, number]>) {
  await page.locator('[data-action="import-data-items"]').waitFor({ timeout: 60_000 })
  const csv = [
    'externalId,name,type,url,width,height',
    ...rows.map(([externalId, type, height]) => `${externalId},${externalId}.svg,${type},"${SCENE}",960,${height}`),
  ].join('\n')
  await page.locator('[data-testid="import-data-items-file"]').setInputFiles({ name: file, mimeType: 'text/csv', buffer: Buffer.from(csv) })
  const outcome = page.locator('[data-testid="dataset-import-outcome"]')
  await outcome.waitFor({ timeout: 60_000 })
  return { text: await outcome.innerText(), rejected: await outcome.locator('tbody tr').allInnerTexts() }
}

/** "Start labelling" on a project's page, as whoever is signed in: the id of the task the editor is served. */
export async function startLabellingFromProject(page: Page, base: string, project: string | number): Promise<string> {
  await page.goto(`${base}/admin/collections/projects/${project}`, { timeout: 120_000 })
  await page.locator('[data-action=start-labelling]').click({ timeout: 60_000 })
  await page.waitForURL((url) => url.pathname === `/admin/labelops/annotate/${project}`, { timeout: 60_000 })
  const served = page.locator('.labelops-annotate[data-task]')
  await served.waitFor({ timeout: 120_000 })
  return (await served.getAttribute('data-task'))!
}

/** The options of one of Payload's selects, its menu opened — clicked until it shows: it opens once the form has hydrated. */
export async function openSelectOptions(page: Page, field: string): Promise<string[]> {
  await page.locator(`#field-${field}`).waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  for (let attempt = 0; attempt < 5 && !(await page.locator(`#field-${field} .rs__option`).first().isVisible()); attempt++) {
    await page.locator(`#field-${field} .rs__control`).click()
    await page.waitForTimeout(500)
  }
  return (await page.locator(`#field-${field} .rs__option`).allInnerTexts()).map((label) => label.trim())
}

/** "Next" in project setup's steps. */
export const nextSetupStep = (page: Page) => page.locator('.labelops-setup__actions button', { hasText: /^Next/ }).click()

/**
 * The projects list's "Set up a project in steps", followed to the setup view. A click that lands while the list
 * hydrates can be lost (a CI run waited a minute for a navigation that never began), so it is clicked again until
 * the address changes.
 */
export async function openProjectSetup(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/admin/collections/projects`, { timeout: 120_000 })
  const link = page.getByRole('link', { name: 'Set up a project in steps' })
  await link.waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  const arrived = /\/admin\/labelops\/projects\/new$/
  for (let attempt = 0; attempt < 4 && !arrived.test(new URL(page.url()).pathname); attempt++) {
    await link.click()
    await page.waitForURL(arrived, { timeout: 15_000 }).catch(() => undefined)
  }
  await page.waitForURL(arrived, { timeout: 60_000 })
}
