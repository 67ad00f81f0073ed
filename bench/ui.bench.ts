// `npm run bench -- ui`: the annotator's loop against Payload's own admin, in Debian's Chromium, on a production
// build (`next build`, then `next start`) of the seeded demo. Medians in one run, reported as ratios:
//   nextTaskOverEditView  (a) Submit in the workspace -> the next task's image and labels drawn, ready for input
//                         over (b) a click on a task in Payload's Tasks list -> its edit form ready   (target <= 0.5)
//   queueTabOverListView  the Queue tab's first page at 100,000 tasks over Payload's Tasks list page filtered to
//                         the same project                                                          (target <= 1.0)
// UI_BENCH_SKIP_BUILD=1 reuses the last build (.next); UI_BENCH_TASKS changes the 100,000; UI_BENCH_PGDATA puts the
// embedded Postgres elsewhere. Writes bench/results/ui.json.
import { spawn } from 'node:child_process'

import type { Page } from 'playwright-core'

import { resolveDatabase } from '../src/db/resolveDatabase.ts'
import { freePort, launchBrowser, stopProcessGroup, waitForHttp } from '../tests/e2e/harness.ts'
import { quoteIdent, withAdminClient, withDatabase } from '../tests/helpers/pgAdmin.ts'
import { printTable, writeResults } from './lib.ts'

const ROUNDS = 20
const QUEUE_TASKS = Number(process.env.UI_BENCH_TASKS ?? 100_000)
const QUEUE_ROUNDS = 10
const DB_NAME = 'labelops_bench_ui'
const PASSWORD = 'labelops-demo' // the demo seed's (README, "The demo")
const SECRET = 'labelops-ui-bench-secret'

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/** Runs a command to its end with the bench's environment; throws when it fails. */
function runCommand(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}

export async function run(): Promise<void> {
  const db = await resolveDatabase({ handleSignals: false, dataDir: process.env.UI_BENCH_PGDATA || undefined })
  await withAdminClient(db.uri, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(DB_NAME)} with (force)`)
    await client.query(`create database ${quoteIdent(DB_NAME)}`)
  })
  const env = { DATABASE_URI: withDatabase(db.uri, DB_NAME), PAYLOAD_SECRET: SECRET }
  // the seed pushes the schema (development mode) and makes the demo; the production server then uses it
  console.log('seeding the demo…')
  await runCommand('npx', ['tsx', 'scripts/seed.ts'], { ...env, NODE_ENV: 'development' })
  if (process.env.UI_BENCH_SKIP_BUILD !== '1') {
    console.log('next build…')
    await runCommand('npx', ['next', 'build'], { ...env, NODE_ENV: 'production' })
  }
  const port = await freePort()
  const base = `http://localhost:${port}`
  const server = spawn('npx', ['next', 'start', '--port', String(port)], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const browser = await launchBrowser()
  try {
    await waitForHttp(`${base}/admin/login`, 240_000)
    const admin = await login(base, 'admin@acme.test')
    const setup = await setUpBenchProjects(base, admin)
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.route(/^https?:\/\/(?!localhost[:/])/, (route) => route.abort('internetdisconnected'))

    const nextTask = await measureNextTask(page, base, setup.workProject)
    const editView = await measureEditView(page, base, setup.workProject)
    console.log(
      `(a) next task ${median(nextTask)} ms, (b) edit view ${median(editView)} ms: a/b = ${round(median(nextTask) / median(editView), 3)}`,
    )
    const { queueTab, listView } = await measureQueue(page, base, setup.queueProject)

    const results = {
      rounds: ROUNDS,
      queueTasks: QUEUE_TASKS,
      medianMs: {
        nextTask: round(median(nextTask)),
        editView: round(median(editView)),
        queueTab: round(median(queueTab)),
        listView: round(median(listView)),
      },
      nextTaskOverEditView: round(median(nextTask) / median(editView), 3),
      queueTabOverListView: round(median(queueTab) / median(listView), 3),
      targets: { nextTaskOverEditView: 0.5, queueTabOverListView: 1.0 },
      samplesMs: { nextTask, editView, queueTab, listView },
    }
    printTable([
      { measure: '(a) Submit -> next task ready', medianMs: results.medianMs.nextTask },
      { measure: '(b) Tasks list click -> edit form ready', medianMs: results.medianMs.editView },
      { measure: `Queue tab, first page (${QUEUE_TASKS} tasks)`, medianMs: results.medianMs.queueTab },
      { measure: 'Payload Tasks list, same project', medianMs: results.medianMs.listView },
    ])
    console.log(`nextTaskOverEditView = ${results.nextTaskOverEditView} (target <= 0.5)`)
    console.log(`queueTabOverListView = ${results.queueTabOverListView} (target <= 1.0)`)
    console.log(`written to ${writeResults('ui', results)}`)
  } finally {
    await browser.close().catch(() => {})
    await stopProcessGroup(server)
    await withAdminClient(db.uri, (client) => client.query(`drop database if exists ${quoteIdent(DB_NAME)} with (force)`)).catch(() => {})
    await db.stop()
  }
}

async function login(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (!response.ok) throw new Error(`login ${email}: ${response.status}`)
  return ((await response.json()) as { token: string }).token
}

function restAs(base: string, token: string) {
  return async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `JWT ${token}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : null
  }
}

/**
 * Two projects in the demo's workspace: one with ROUNDS + 5 of the demo's street images for the Tasker to
 * work (Annotate → Complete, the street ontology), and one with QUEUE_TASKS items for the queue pages.
 */
async function setUpBenchProjects(base: string, token: string) {
  const rest = restAs(base, token)
  const workspace = (await rest('GET', '/api/workspaces?where[slug][equals]=acme-vision&depth=0')).docs[0].id
  const ontology = (await rest('GET', `/api/ontologies?where[name][equals]=Street scenes&depth=0`)).docs[0].id
  const tasker = (await rest('GET', `/api/users?where[email][equals]=tasker@acme.test&depth=0`)).docs[0].id
  const media = (await rest('GET', '/api/media?limit=16&depth=0')).docs as Array<{
    id: number | string
    url: string
    width?: number
    height?: number
  }>
  if (media.length === 0) throw new Error('the demo seed made no images')
  const template = (
    (await rest('GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).docs as Array<{
      id: number
      name: string
    }>
  ).find((candidate) => candidate.name === 'Annotate → Complete')
  // the project first, then the items: each import batch makes its tasks (as a running project grows)
  const project = async (name: string, rows: string[]) => {
    const dataset = (await rest('POST', '/api/datasets', { workspace, name })).doc.id
    const id = (
      await rest('POST', '/api/projects', {
        workspace,
        name,
        datasets: [dataset],
        ontology,
        workflowTemplate: template!.id, // built in: every workspace has it
        collaborators: [{ user: tasker, role: 'annotator' }],
      })
    ).doc.id
    await rest('PATCH', `/api/projects/${id}`, { status: 'in-progress' })
    for (let from = 0; from < rows.length; from += 5_000) {
      const started = performance.now()
      await rest('POST', `/api/datasets/${dataset}/import`, rows.slice(from, from + 5_000).join('\n'), 'application/x-ndjson')
      if (rows.length > 5_000)
        console.log(
          `  imported ${Math.min(rows.length, from + 5_000)} items with their tasks (${Math.round(performance.now() - started)} ms)`,
        )
    }
    return id
  }
  const image = (i: number, prefix: string) => {
    const doc = media[i % media.length]!
    return JSON.stringify({
      externalId: `${prefix}-${i}`,
      name: `${prefix}-${String(i).padStart(6, '0')}.png`,
      type: 'image',
      // as the seed makes its items: the upload and its URL (a media id alone costs the workspace a GET per task)
      media: doc.id,
      url: new URL(doc.url, base).href,
      width: doc.width ?? undefined,
      height: doc.height ?? undefined,
    })
  }
  const workProject = await project(
    'UI bench — labelling',
    Array.from({ length: ROUNDS + 5 }, (_, i) => image(i, 'bench')),
  )
  console.log(`importing ${QUEUE_TASKS} items for the queue pages…`)
  const queueProject = await project(
    'UI bench — queue',
    Array.from({ length: QUEUE_TASKS }, (_, i) => image(i, 'queue')),
  )
  return { workProject, queueProject }
}

async function signIn(page: Page, base: string, email: string) {
  await page.context().clearCookies()
  await page.goto(`${base}/admin/login`)
  await page.fill('#field-email', email)
  await page.fill('#field-password', PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 })
}

/** (a): the Tasker answers the required Weather question (untimed), then Submit -> the next image drawn and ready. */
async function measureNextTask(page: Page, base: string, project: number): Promise<number[]> {
  await signIn(page, base, 'tasker@acme.test')
  await page.goto(`${base}/admin/labelops/annotate/${project}`)
  const ready = async (previous: string | null) => {
    await page.waitForFunction(
      (before) => {
        const task = document.querySelector('.labelops-annotate')?.getAttribute('data-task')
        const canvas = document.querySelector('[data-testid=label-canvas]')
        return task && task !== before && canvas?.getAttribute('data-ready') === 'true'
      },
      previous,
      { timeout: 60_000, polling: 'raf' },
    )
  }
  await ready(null)
  const samples: number[] = []
  for (let i = 0; i <= ROUNDS; i++) {
    await page.getByLabel('Clear').check()
    await page.locator('[data-save=saved]').waitFor({ timeout: 30_000 })
    const before = await page.locator('.labelops-annotate').getAttribute('data-task')
    const started = performance.now()
    await page.locator('[data-action=submit]').click()
    await ready(before)
    if (i > 0) samples.push(round(performance.now() - started)) // the first round warms the page up
  }
  return samples
}

/** (b): a workforce manager clicks the i-th task of Payload's Tasks list -> its edit form ready for input. */
async function measureEditView(page: Page, base: string, project: number): Promise<number[]> {
  await signIn(page, base, 'admin@acme.test')
  const samples: number[] = []
  for (let i = 0; i <= ROUNDS; i++) {
    await page.goto(`${base}/admin/collections/tasks?limit=50&where[project][equals]=${project}`)
    const link = page
      .locator('.table tbody tr')
      .nth(i % 20)
      .locator('a')
      .first()
    await link.waitFor({ timeout: 60_000 })
    const started = performance.now()
    await link.click()
    await page.waitForURL(/\/admin\/collections\/tasks\/[^/?]+$/, { timeout: 60_000 })
    await page.locator('#field-priority:not([disabled])').waitFor({ timeout: 60_000 })
    if (i > 0) samples.push(round(performance.now() - started))
  }
  return samples
}

/** The Queue tab's first page against Payload's own Tasks list page, both on the queue project, alternating. */
async function measureQueue(page: Page, base: string, project: number) {
  const queueTab: number[] = []
  const listView: number[] = []
  const time = async (url: string, ready: string) => {
    const started = performance.now()
    await page.goto(url)
    await page.locator(ready).first().waitFor({ timeout: 120_000 })
    return round(performance.now() - started)
  }
  for (let i = 0; i <= QUEUE_ROUNDS; i++) {
    const queue = await time(`${base}/admin/collections/projects/${project}/queue`, '.labelops-queue tr[data-task]')
    const list = await time(`${base}/admin/collections/tasks?limit=50&where[project][equals]=${project}`, '.table tbody tr')
    if (i === 0) continue
    queueTab.push(queue)
    listView.push(list)
  }
  return { queueTab, listView }
}
