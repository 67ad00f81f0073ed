// People in the admin, through the UI (called from run.ts): an Admin invites a person with a role; the person
// signs in and accepts on the invitation's page; the Admin changes their role; the server's refusal to demote the
// last Admin is shown and changes nothing; a user group is made with a member and added to a project as its
// Annotators. Stored documents are checked over REST after each step.
import type { Step } from './harness.ts'
import { assert, pickOption, restClient, signIn, type StepContext } from './workspaceKit.ts'

const MANAGER = { email: 'wendy.manager@example.com', password: 'e2e-password-123', name: 'Wendy Manager' }
const INVITEE = { email: 'sam.invited@example.com', password: 'e2e-password-123', name: 'Sam Invited' }

export function peopleSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const world = { workspace: 0, invitation: 0, invitee: 0, project: 0 }
  let seen = 0
  const noNewConsoleErrors = () => assert(consoleErrors.length === seen, `console errors: ${consoleErrors.slice(seen).join('\n')}`)
  const pick = (field: string, option: string) => pickOption(page, field, option)
  const members = () => rest('GET', `/api/workspace-members?where[workspace][equals]=${world.workspace}&depth=0&limit=50`)

  return [
    {
      name: 'people: an Admin invites a person to the workspace as a Tasker',
      run: async () => {
        // earlier groups leave the browser signed in as someone else
        await signIn(page, base, admin)
        token = (await rest('POST', '/api/users/login', admin, '')).token
        world.workspace = (await rest('POST', '/api/workspaces', { name: 'People desk' })).doc.id
        world.invitee = (await rest('POST', '/api/users', INVITEE)).doc.id
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/workspace-invitations/create`, { timeout: 120_000 })
        await pick('workspace', 'People desk')
        await page.locator('#field-email').fill(INVITEE.email)
        await pick('role', 'Tasker')
        await page.click('#action-save')
        await page.waitForURL(/\/workspace-invitations\/[0-9a-f-]+$/, { timeout: 60_000 })
        const stored = (await rest('GET', `/api/workspace-invitations?where[workspace][equals]=${world.workspace}`)).docs
        assert(
          stored.length === 1 && stored[0].role === 'tasker' && stored[0].status === 'pending',
          `invitation: ${JSON.stringify(stored)}`,
        )
        world.invitation = stored[0].id
        assert((await page.locator('[data-action="accept-invitation"]').count()) === 0, 'the inviter is not offered Accept')
        noNewConsoleErrors()
        await shot('86-invitation-sent')
      },
    },
    {
      name: 'people: the invited person signs in and accepts on the invitation page',
      run: async () => {
        await signIn(page, base, INVITEE)
        seen = consoleErrors.length
        // My work says what waits for them, and leads to the invitation
        await page.goto(`${base}/admin/labelops`, { timeout: 120_000 })
        const waiting = page.locator(`[data-invitation="${world.invitation}"]`)
        await waiting.waitFor({ timeout: 60_000 })
        assert(
          /invited to join People desk as Tasker/.test(await waiting.innerText()),
          `invitation on My work: ${await waiting.innerText()}`,
        )
        await waiting.getByRole('link', { name: 'Answer the invitation' }).click()
        await page.waitForURL(new RegExp(`/workspace-invitations/${world.invitation}$`), { timeout: 60_000 })
        await page.locator('[data-action="accept-invitation"]').waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        // who sent it and where to, by name: no relationship the invitee may not read ("Untitled - ID: 1")
        assert((await page.locator('#field-invitedByEmail').inputValue()) === admin.email, 'the inviter by email')
        assert((await page.locator('#field-workspaceName').inputValue()) === 'People desk', 'the workspace by name')
        assert(!(await page.locator('main, .template-default').first().innerText()).includes('Untitled'), 'nothing untitled')
        noNewConsoleErrors()
        await shot('87-invitation-to-answer')
        await page.click('[data-action="accept-invitation"]')
        await page.getByText('Welcome: you are a member of the workspace now.').waitFor({ timeout: 30_000 })
        const joined = (await members()).docs.find((member: { user: number | string }) => String(member.user) === String(world.invitee))
        assert(joined?.role === 'tasker', `membership after accepting: ${JSON.stringify(joined)}`)
        await page.locator('[data-action="accept-invitation"]').waitFor({ state: 'detached', timeout: 30_000 })
        noNewConsoleErrors()
      },
    },
    {
      name: "people: the Admin makes them a Member; demoting the workspace's last Admin is refused with the reason",
      run: async () => {
        await signIn(page, base, admin)
        seen = consoleErrors.length
        const all = (await members()).docs as Array<{ id: number; user: number | string; role: string }>
        const invited = all.find((member) => String(member.user) === String(world.invitee))!
        const lead = all.find((member) => member.role === 'admin')!
        await page.goto(`${base}/admin/collections/workspace-members/${invited.id}`, { timeout: 120_000 })
        await page.locator('#field-role').waitFor({ timeout: 60_000 })
        await pick('role', 'Member')
        await page.click('#action-save')
        await page
          .getByText(/Updated successfully|saved successfully/i)
          .first()
          .waitFor({ timeout: 30_000 })
        assert((await rest('GET', `/api/workspace-members/${invited.id}`)).role === 'member', 'the role changed')

        await page.goto(`${base}/admin/collections/workspace-members/${lead.id}`, { timeout: 120_000 })
        await page.locator('#field-role').waitFor({ timeout: 60_000 })
        await pick('role', 'Member')
        const answer = page.waitForResponse(
          (response) => response.url().includes(`/api/workspace-members/${lead.id}`) && response.request().method() === 'PATCH',
          { timeout: 30_000 },
        )
        await page.click('#action-save')
        assert((await answer).status() === 409, 'the last Admin cannot be demoted')
        seen = consoleErrors.length // the refused PATCH is logged by the browser as a failed request
        await page
          .locator('[data-sonner-toast]', { hasText: /at least one Admin/i })
          .first()
          .waitFor({ timeout: 30_000 })
        await shot('88-last-admin-refused')
        assert((await rest('GET', `/api/workspace-members/${lead.id}`)).role === 'admin', 'the Admin stays Admin')
      },
    },
    {
      name: 'people: a Workforce Manager is offered only the roles they may give, with the reason, and invites a Tasker',
      run: async () => {
        await rest('POST', '/api/users', MANAGER)
        const invited = (
          await rest('POST', '/api/workspace-invitations', { workspace: world.workspace, email: MANAGER.email, role: 'workforce-manager' })
        ).doc.id
        await rest('POST', `/api/workspace-invitations/${invited}/accept`, {}, (await rest('POST', '/api/users/login', MANAGER, '')).token)
        await signIn(page, base, MANAGER)
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/workspace-invitations/create`, { timeout: 120_000 })
        await pick('workspace', 'People desk')
        await page.getByText('A Workforce Manager can only assign Tasker (not Admin).').waitFor({ timeout: 30_000 })
        await page.locator('#field-role').click()
        const offered = await page.locator('#field-role .rs__option').allInnerTexts()
        assert(offered.join(',') === 'Tasker', `roles offered: ${offered.join(', ')}`)
        await page.keyboard.press('Escape')
        await page.locator('#field-email').fill('tom.tasker@example.com')
        await shot('89a-manager-invites-a-tasker')
        await page.click('#action-save')
        await page.waitForURL(/\/workspace-invitations\/[0-9a-f-]+$/, { timeout: 60_000 })
        const stored = (await rest('GET', `/api/workspace-invitations?where[email][equals]=tom.tasker@example.com`)).docs
        assert(stored.length === 1 && stored[0].role === 'tasker', `invitation: ${JSON.stringify(stored)}`)
        // their own membership: the role is shown, not offered
        const own = ((await members()).docs as Array<{ id: number; role: string }>).find((member) => member.role === 'workforce-manager')!
        await page.goto(`${base}/admin/collections/workspace-members/${own.id}`, { timeout: 120_000 })
        await page.getByText('Nobody changes their own role.').waitFor({ timeout: 30_000 })
        noNewConsoleErrors()
        await signIn(page, base, admin)
      },
    },
    {
      name: 'people: a user group with the new member is added to a project as its Annotators',
      run: async () => {
        world.project = (await rest('POST', '/api/projects', { workspace: world.workspace, name: 'People run' })).doc.id
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/user-groups/create`, { timeout: 120_000 })
        await page.locator('#field-name').fill('Night shift')
        await pick('workspace', 'People desk')
        await pick('members', INVITEE.email)
        await page.click('#action-save')
        await page.waitForURL(/\/user-groups\/[0-9a-f-]+$/, { timeout: 60_000 })
        const group = (await rest('GET', `/api/user-groups?where[workspace][equals]=${world.workspace}&depth=0`)).docs[0]
        assert(
          group?.name === 'Night shift' && group.members.map(String).includes(String(world.invitee)),
          `group: ${JSON.stringify(group)}`,
        )

        await page.goto(`${base}/admin/collections/projects/${world.project}`, { timeout: 120_000 })
        await page.getByRole('button', { name: /Add Collaborator/i }).click()
        await pick('collaborators__1__group', 'Night shift')
        await pick('collaborators__1__role', 'Annotator')
        await page.click('#action-save')
        await page
          .getByText(/Updated successfully|saved successfully/i)
          .first()
          .waitFor({ timeout: 30_000 })
        const rows = (await rest('GET', `/api/projects/${world.project}?depth=0`)).collaborators as Array<{ group?: unknown; role: string }>
        assert(
          rows.some((row) => String(row.group) === String(group.id) && row.role === 'annotator'),
          `collaborators: ${JSON.stringify(rows)}`,
        )
        noNewConsoleErrors()
        await shot('89-group-on-project')
      },
    },
  ]
}
