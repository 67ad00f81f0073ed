// `npm run test:e2e`: the demo host's admin panel (next dev) on a fresh database, driven in Debian's
// Chromium: create the first user, log in, open Workspaces, create one. Screenshots: tests/e2e/screenshots/.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'

import type { Page } from 'playwright-core'

import { resolveDatabase } from '../../src/db/resolveDatabase.ts'
import { quoteIdent, withAdminClient, withDatabase } from '../helpers/pgAdmin.ts'
import { freePort, launchBrowser, runSteps, startNext, stopProcessGroup, waitForHttp } from './harness.ts'
import { myWorkSteps } from './myWork.ts'
import { annotateSteps } from './annotate.ts'
import { queueSteps } from './queue.ts'
import { reviewSteps } from './review.ts'
import { videoSteps } from './video.ts'
import { consensusSteps } from './consensus.ts'
import { demoSteps } from './demo.ts'
import { webhookSteps } from './webhooks.ts'
import { jsonFieldSteps } from './jsonFields.ts'
import { labelTransferSteps } from './labelTransfer.ts'
import { scoredSteps } from './scored.ts'
import { workflowBuilderSteps } from './workflowBuilder.ts'
import { peopleSteps } from './people.ts'
import { projectSetupSteps } from './projectSetup.ts'
import { proveItSteps } from './proveIt.ts'

const screenshots = path.resolve('tests/e2e/screenshots')
// one database per run, so that runs side by side (E2E_PGDATA: their own embedded server too) do not meet
const DB_NAME = `labelops_e2e_${process.pid}`
const user = { email: 'lead@example.com', password: 'e2e-password-123' }
// E2E_ONLY=queue (comma-separated name prefixes): the first three steps (server up, first user, log in) and
// only the steps whose names start so — for working on one view; the full run is the default
const only = process.env.E2E_ONLY?.split(',').map((prefix) => `${prefix.trim()}:`)

const db = await resolveDatabase({ handleSignals: false, dataDir: process.env.E2E_PGDATA || undefined })
await withAdminClient(db.uri, async (client) => {
  await client.query(`drop database if exists ${quoteIdent(DB_NAME)} with (force)`)
  await client.query(`create database ${quoteIdent(DB_NAME)}`)
})
await mkdir(screenshots, { recursive: true })

const port = await freePort()
const base = `http://localhost:${port}`
const databaseUri = withDatabase(db.uri, DB_NAME)
// the webhook steps' receiver listens on this machine: the admin's webhooks may reach it
const next = startNext(port, { DATABASE_URI: databaseUri, PORT: String(port), WEBHOOK_ALLOW_HOSTS: '127.0.0.1' })
const browser = await launchBrowser()
const page: Page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
// the admin runs without internet (as here and in CI): every machine the same, whatever its DNS does; nothing in
// it may need the network (LabelOps' JSON fields edit as text, src/admin/jsonFields.ts, not with Monaco from a CDN)
await page.route(/^https?:\/\/(?!localhost[:/])/, (route) => route.abort('internetdisconnected'))
// the browser's console errors are printed with the run (the Next dev overlay counts them as "issues"); steps
// that must have none read them
const consoleErrors: string[] = []
page.on('console', (message) => {
  if (message.type() !== 'error') return
  const where = message.location().url ? ` (${message.location().url.slice(0, 200)})` : ''
  consoleErrors.push(`${message.text().slice(0, 300)}${where}`)
  console.log(`  [browser console] ${message.text().slice(0, 300)}${where}`)
})
// which request a "Failed to load resource" error was
page.on('response', (response) => {
  if (response.status() >= 400)
    console.log(`  [browser response] ${response.status()} ${response.request().method()} ${response.url().slice(0, 200)}`)
})
const shot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true })

let ok: boolean
try {
  ok = await runSteps(
    'e2e',
    [
      { name: 'the admin panel answers', run: () => waitForHttp(`${base}/admin/login`, 240_000) },
      {
        name: 'create the first user',
        run: async () => {
          await page.goto(`${base}/admin`, { timeout: 120_000 })
          await page.waitForURL(/create-first-user/, { timeout: 60_000 })
          await page.fill('#field-email', user.email)
          await page.fill('#field-password', user.password)
          await page.fill('#field-confirm-password', user.password)
          await shot('01-create-first-user')
          await page.click('button[type=submit]')
          await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 })
          await page.getByText('Workspaces').first().waitFor({ timeout: 60_000 })
          await shot('02-dashboard')
        },
      },
      {
        name: 'log out and log in again',
        run: async () => {
          await page.goto(`${base}/admin/logout`, { timeout: 60_000 })
          await page.waitForURL(/\/admin\/login/, { timeout: 60_000 })
          await page.fill('#field-email', user.email)
          await page.fill('#field-password', user.password)
          await page.click('button[type=submit]')
          await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 })
        },
      },
      {
        name: 'open Workspaces and create one',
        run: async () => {
          await page.goto(`${base}/admin/collections/workspaces`, { timeout: 120_000 })
          await page
            .getByText(/No Workspaces found|Create New/i)
            .first()
            .waitFor({ timeout: 60_000 })
          await shot('03-workspaces-empty')
          await page.goto(`${base}/admin/collections/workspaces/create`, { timeout: 120_000 })
          await page.fill('#field-name', 'Acme Vision')
          await page.click('#action-save')
          await page.waitForURL(/\/admin\/collections\/workspaces\/\d+/, { timeout: 60_000 })
          await shot('04-workspace-saved')
          await page.goto(`${base}/admin/collections/workspaces`, { timeout: 60_000 })
          await page.getByText('acme-vision').first().waitFor({ timeout: 30_000 })
          await shot('05-workspaces-list')
        },
      },
      {
        name: 'open a new Project and a new Ontology (rich text, selects, arrays render)',
        run: async () => {
          await page.goto(`${base}/admin/collections/projects/create`, { timeout: 120_000 })
          await page.locator('#field-name').waitFor({ timeout: 60_000 })
          await page.getByText('Collaborators').first().waitFor({ timeout: 30_000 })
          await page.locator('[data-lexical-editor="true"]').first().waitFor({ timeout: 60_000 })
          await shot('06-project-create')
          await page.goto(`${base}/admin/collections/ontologies/create`, { timeout: 120_000 })
          await page.locator('#field-name').waitFor({ timeout: 60_000 })
          await shot('07-ontology-create')
          await page.waitForLoadState('networkidle')
        },
      },
      ...myWorkSteps({ page, base, lead: { ...user, workspace: 'Acme Vision' }, shot, consoleErrors }),
      ...annotateSteps({ page, base, shot, admin: user, consoleErrors }),
      ...queueSteps({ page, base, shot, admin: user, consoleErrors }),
      ...reviewSteps({ page, base, shot, admin: user, consoleErrors }),
      ...videoSteps({ page, base, shot, admin: user, consoleErrors }),
      ...consensusSteps({ page, base, shot, admin: user, consoleErrors }),
      ...webhookSteps({ page, base, shot, admin: user, consoleErrors }),
      ...labelTransferSteps({ page, base, shot, admin: user, consoleErrors }),
      ...jsonFieldSteps({ page, base, shot, admin: user, consoleErrors }),
      ...scoredSteps({ page, base, shot, admin: user, consoleErrors }),
      ...workflowBuilderSteps({ page, base, shot, admin: user, consoleErrors }),
      ...peopleSteps({ page, base, shot, admin: user, consoleErrors }),
      ...projectSetupSteps({ page, base, shot, admin: user, consoleErrors }),
      // last: the seed adds the demo's workspace, people and projects to this database
      ...demoSteps({ page, base, shot, admin: user, consoleErrors, databaseUri }),
      ...proveItSteps({ page, base, shot, admin: user, consoleErrors }),
    ].filter((step, index) => index < 3 || !only || only.some((prefix) => step.name.startsWith(prefix))),
  )
} finally {
  await browser.close().catch(() => {})
  await stopProcessGroup(next)
  await withAdminClient(db.uri, (client) => client.query(`drop database if exists ${quoteIdent(DB_NAME)} with (force)`)).catch(() => {})
  await db.stop()
}
process.exit(ok ? 0 : 1)
