// e2e steps for the admin-panel foundation: a workspace's people set up over REST (as a seed would), then in
// the browser — the dashboard's "My work" panel with the right numbers for an Annotator and a Team Manager,
// the full page at /admin/labelops, strangers sent to the login page, and the internal collections out of
// the nav for everyone but super-admins. Screenshots: tests/e2e/screenshots/1x-*.png.
import type { Page } from 'playwright-core'

import type { Step } from './harness.ts'

type Id = number | string
type Answer = { status: number; body: Record<string, any> }
const PASSWORD = 'e2e-password-123'
const INTERNAL = ['task-events', 'task-rollups', 'consensus-branches', 'labelops-idempotency-keys']

export function myWorkSteps({
  page,
  base,
  lead,
  shot,
  consoleErrors,
}: {
  page: Page
  base: string
  /** the super-admin the run created in the browser, and the workspace they created */
  lead: { email: string; password: string; workspace: string }
  shot: (name: string) => Promise<unknown>
  consoleErrors: string[]
}): Step[] {
  const call = async (
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<Answer> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `JWT ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, any> }
  }
  const ok = (answer: Answer, what: string, status = [200, 201]) => {
    if (!status.includes(answer.status)) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`)
    return answer.body
  }
  const login = async (email: string) =>
    ok(await call(null, 'POST', '/api/users/login', { email, password: PASSWORD }), `login ${email}`).token as string

  const people = {
    ana: { email: 'ana@acme.test', name: 'Ana Annotator', role: 'tasker', token: '', id: '' as Id },
    rita: { email: 'rita@acme.test', name: 'Rita Reviewer', role: 'tasker', token: '', id: '' as Id },
    tom: { email: 'tom@acme.test', name: 'Tom Team-Manager', role: 'member', token: '', id: '' as Id },
  }
  let streets: Id = ''
  // console errors of these steps (earlier steps' are theirs to judge)
  let errorsBefore = 0
  let sidewalk: Id = ''

  // signing out by dropping the session cookie: the /admin/logout page posts the logout twice under React's
  // strict mode in dev, and the second answers 400 (a console error that is not ours)
  const signOut = async () => {
    await page.context().clearCookies()
    await page.goto(`${base}/admin/login`, { timeout: 60_000 })
  }
  const signIn = async (email: string) => {
    await signOut()
    await page.fill('#field-email', email)
    await page.fill('#field-password', email === lead.email ? lead.password : PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 })
  }
  // the nav starts closed at this width: open it as a person would
  const openNav = async () => {
    if (await page.locator('#nav-labelops-my-work').evaluate((link) => Boolean(link.closest('[inert]')))) {
      await page.click('.nav-toggler')
      await page.waitForFunction(() => !document.querySelector('#nav-labelops-my-work')?.closest('[inert]'), null, { timeout: 10_000 })
    }
  }
  const card = (project: Id) => page.locator(`.labelops-project[data-project="${project}"]`)
  const navHas = async (slug: string) => (await page.locator(`#nav-${slug}`).count()) > 0
  const expectText = async (locator: ReturnType<Page['locator']>, text: string | RegExp) => {
    await locator.getByText(text).first().waitFor({ timeout: 30_000 })
  }

  return [
    {
      name: 'set up a workspace over REST: three people, a dataset, two projects, one task submitted, one issue',
      run: async () => {
        errorsBefore = consoleErrors.length
        const leadToken = ok(await call(null, 'POST', '/api/users/login', { email: lead.email, password: lead.password }), 'login lead')
          .token as string
        const workspace = ok(
          await call(leadToken, 'GET', `/api/workspaces?where[name][equals]=${encodeURIComponent(lead.workspace)}`),
          'workspace',
        ).docs[0].id as Id
        for (const person of Object.values(people)) {
          person.id = ok(
            await call(leadToken, 'POST', '/api/users', { email: person.email, password: PASSWORD, name: person.name }),
            'user',
          ).doc.id
          const invitation = ok(
            await call(leadToken, 'POST', '/api/workspace-invitations', { workspace, email: person.email, role: person.role }),
            'invite',
          )
          person.token = await login(person.email)
          ok(await call(person.token, 'POST', `/api/workspace-invitations/${invitation.doc.id}/accept`, {}), 'accept')
        }
        const dataset = ok(await call(leadToken, 'POST', '/api/datasets', { workspace, name: 'Street frames' }), 'dataset').doc.id
        const manifest = Array.from({ length: 6 }, (_, i) =>
          JSON.stringify({ externalId: `frame-${i + 1}`, type: 'image', url: `https://example.com/frames/${i + 1}.png` }),
        ).join('\n')
        ok(await call(leadToken, 'POST', `/api/datasets/${dataset}/import`, manifest, 'application/x-ndjson'), 'import')
        const templates = ok(
          await call(leadToken, 'GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=20`),
          'templates',
        ).docs as Array<{ id: Id; name: string }>
        const template = templates.find((candidate) => candidate.name === 'Annotate → Review → Complete')!.id
        const project = async (name: string, collaborators: Array<{ user: Id; role: string }>) =>
          ok(
            await call(leadToken, 'POST', '/api/projects', {
              workspace,
              name,
              datasets: [dataset],
              workflowTemplate: template,
              collaborators,
            }),
            name,
          ).doc.id as Id
        streets = await project('Street scenes', [
          { user: people.ana.id, role: 'annotator' },
          { user: people.rita.id, role: 'reviewer' },
          { user: people.tom.id, role: 'team-manager' },
        ])
        ok(await call(leadToken, 'PATCH', `/api/projects/${streets}`, { status: 'in-progress' }), 'start project')
        sidewalk = await project('Sidewalk audit', [{ user: people.ana.id, role: 'annotator' }])

        // Ana labels one frame and submits it: a review for Rita
        const claimed = ok(await call(people.ana.token, 'POST', `/api/projects/${streets}/next`, {}), 'claim')
        ok(
          await call(people.ana.token, 'POST', `/api/tasks/${claimed.task.id}/submit`, { expectedVersion: claimed.task.version }),
          'submit',
        )
        // Tom raises an issue on another task and hands it to Ana
        const tasks = ok(
          await call(leadToken, 'GET', `/api/tasks?where[project][equals]=${streets}&where[stage][equals]=annotate&limit=1`),
          'tasks',
        )
        ok(
          await call(people.tom.token, 'POST', '/api/issues', {
            title: 'Check the cyclist box',
            task: tasks.docs[0].id,
            assignee: people.ana.id,
          }),
          'issue',
        )
      },
    },
    {
      name: 'an Annotator signs in: My work on the dashboard, with the right numbers and links',
      run: async () => {
        await signIn(people.ana.email)
        await page.locator('.labelops-my-work').waitFor({ timeout: 60_000 })
        const streetsCard = card(streets)
        await expectText(streetsCard, 'Street scenes')
        await expectText(streetsCard, '5 tasks waiting for you')
        await expectText(streetsCard, '1 issue assigned to you')
        await expectText(streetsCard, 'Annotator')
        await expectText(streetsCard, 'In progress')
        if ((await streetsCard.locator('[data-action="review"]').count()) > 0) throw new Error('an Annotator is offered reviews')
        if ((await streetsCard.locator('.labelops-stages').count()) > 0) throw new Error('an Annotator sees the stage totals')
        const href = await streetsCard.locator('[data-action="annotate"] a').getAttribute('href')
        if (href !== `/admin/labelops/annotate/${streets}`) throw new Error(`the annotate link goes to ${href}`)
        await expectText(card(sidewalk), 'Not started yet')
        for (const slug of INTERNAL) if (await navHas(slug)) throw new Error(`the nav shows ${slug} to an Annotator`)
        if (!(await navHas('labelops-my-work'))) throw new Error('no "My work" link in the nav')
        await openNav()
        await shot('10-my-work-annotator')
        // the issue link opens the issues list filtered to hers
        await streetsCard.locator('[data-action="issues"] a').click()
        await page.waitForURL(/\/admin\/collections\/issues\?/, { timeout: 60_000 })
        await page.getByText('Check the cyclist box').first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        await shot('13-my-issues')
        await page.goto(`${base}/admin`, { timeout: 60_000 })
        await page.locator('.labelops-my-work').waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
      },
    },
    {
      name: 'a Reviewer sees the review; a Team Manager the stage totals',
      run: async () => {
        await signIn(people.rita.email)
        await expectText(card(streets), '1 review waiting')
        await signIn(people.tom.email)
        const streetsCard = card(streets)
        await streetsCard.locator('.labelops-stages').waitFor({ timeout: 30_000 })
        await expectText(streetsCard.locator('[data-stage="annotate"]'), '5 open')
        await expectText(streetsCard.locator('[data-stage="review"]'), '1 open')
        await shot('11-my-work-manager')
      },
    },
    {
      name: 'the My work page: from the nav, inside the admin template',
      run: async () => {
        await openNav()
        await page.click('#nav-labelops-my-work')
        await page.waitForURL((url) => url.pathname === '/admin/labelops', { timeout: 60_000 })
        await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30_000 })
        await card(streets).waitFor({ timeout: 30_000 })
        await shot('12-my-work-page')
      },
    },
    {
      name: 'a stranger is sent to the login page; a super-admin still sees the internal collections',
      run: async () => {
        await signOut()
        await page.goto(`${base}/admin/labelops`, { timeout: 60_000 })
        await page.waitForURL(/\/admin\/login\?redirect=/, { timeout: 60_000 })
        await signIn(lead.email)
        for (const slug of ['task-events', 'consensus-branches']) if (!(await navHas(slug))) throw new Error(`a super-admin misses ${slug}`)
      },
    },
    {
      name: 'no console errors in the browser',
      run: async () => {
        const errors = consoleErrors.slice(errorsBefore)
        if (errors.length > 0) throw new Error(`console errors:\n${errors.join('\n')}`)
      },
    },
  ]
}
