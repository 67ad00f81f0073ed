// Setting a project up through the UI (called from run.ts): a dataset made on its page and filled from a CSV with
// two bad rows (listed by field and rule); a project set up in steps — workspace, name, the dataset, an ontology,
// a built-in workflow, a user group as its Annotators, a longer lease — created and started; an annotator of that
// group opens "Start labelling" and is served one of its tasks. Stored documents checked after each step.
import type { Step } from './harness.ts'
import {
  assert,
  importImageRowsCsv,
  nextSetupStep,
  ONTOLOGY,
  openProjectSetup,
  pickOption,
  restClient,
  signIn,
  startLabellingFromProject,
  type StepContext,
} from './workspaceKit.ts'

// a 2 x 1 PNG: real image bytes the browser can measure
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=', 'base64')

const ANNOTATOR = { email: 'dana.day@example.com', password: 'e2e-password-123', name: 'Dana Day' }

export function projectSetupSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const world = { workspace: 0, annotator: 0, dataset: 0, project: 0 }
  let seen = 0
  const noNewConsoleErrors = () => assert(consoleErrors.length === seen, `console errors: ${consoleErrors.slice(seen).join('\n')}`)
  const login = async (who: { email: string; password: string }) => (await rest('POST', '/api/users/login', who, '')).token as string
  const next = () => nextSetupStep(page)

  return [
    {
      name: 'journey: a dataset is made on its page and filled from a CSV; its two bad rows are listed',
      run: async () => {
        // earlier groups leave the browser signed in as someone else
        await signIn(page, base, admin)
        token = await login(admin)
        world.workspace = (await rest('POST', '/api/workspaces', { name: 'Journey desk' })).doc.id
        world.annotator = (await rest('POST', '/api/users', ANNOTATOR)).doc.id
        const invitation = (
          await rest('POST', '/api/workspace-invitations', { workspace: world.workspace, email: ANNOTATOR.email, role: 'member' })
        ).doc.id
        await rest('POST', `/api/workspace-invitations/${invitation}/accept`, {}, await login(ANNOTATOR))
        await rest('POST', '/api/user-groups', { workspace: world.workspace, name: 'Day shift', members: [world.annotator] })
        await rest('POST', '/api/ontologies', { workspace: world.workspace, name: 'Day streets', ...ONTOLOGY })
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/datasets/create`, { timeout: 120_000 })
        await page.locator('#field-name').fill('Day frames')
        await pickOption(page, 'workspace', 'Journey desk')
        await page.click('#action-save')
        await page.waitForURL(/\/datasets\/[0-9a-f-]+$/, { timeout: 60_000 })
        world.dataset = Number(page.url().split('/').pop()) || (page.url().split('/').pop() as never)
        const { text, rejected: rows } = await importImageRowsCsv(page, 'day.csv', [
          ['day-1', 'image', 600],
          ['day-2', 'image', 600],
          ['day-3', 'hologram', 600],
          ['day-4', 'image', 0],
          ['day-5', 'image', 600],
        ])
        assert(/3\s+rows accepted \(3 created/.test(text) && /2\s+rejected/.test(text), `counts: ${text}`)
        assert(rows.length === 2 && /^3\s+type/.test(rows[0]!) && /^4\s+height/.test(rows[1]!), `rejected rows: ${rows.join(' | ')}`)
        assert((await rest('GET', `/api/data-items?where[dataset][equals]=${world.dataset}&limit=0`)).totalDocs === 3, 'three items stored')
        noNewConsoleErrors()
        await shot('90-journey-dataset-import')
      },
    },
    {
      name: 'journey: a project is set up in steps — data, ontology, workflow, a group as Annotators, settings — and started',
      run: async () => {
        seen = consoleErrors.length
        await openProjectSetup(page, base)
        await page.locator('select[name="workspace"]').selectOption({ label: 'Journey desk' })
        await page.getByText('Give the project a name.').waitFor({ timeout: 10_000 })
        assert(await page.locator('.labelops-setup__actions button', { hasText: /^Next/ }).isDisabled(), 'no Next without a name')
        await page.locator('input[name="name"]').fill('Day run')
        await shot('91-setup-basics')
        await next()
        await page.locator('label', { hasText: 'Day frames' }).locator('input').check()
        await next()
        await page.locator('label', { hasText: 'Day streets' }).locator('input').check()
        await next()
        await page.locator('.labelops-setup__card', { hasText: 'Annotate → Review → Complete' }).first().locator('input').check()
        await shot('92-setup-workflow')
        await next()
        await page.locator('[data-add="group"]').click()
        await page.locator('select[name="who-0"]').selectOption({ label: 'Day shift' })
        await page.locator('select[name="role-0"]').selectOption('annotator')
        await shot('93-setup-people')
        await next()
        await page.locator('input[name="leaseMinutes"]').fill('45')
        await next()
        await page.locator('.labelops-setup__summary dd', { hasText: /^Annotate → Review → Complete$/ }).waitFor({ timeout: 10_000 })
        await page.getByText('Day shift (Annotator)').waitFor({ timeout: 10_000 })
        await shot('94-setup-review')
        await page.locator('.labelops-setup__actions button', { hasText: 'Create and start' }).click()
        await page.waitForURL(/\/collections\/projects\/[0-9a-f-]+$/, { timeout: 60_000 })
        world.project = Number(page.url().split('/').pop()) || (page.url().split('/').pop() as never)
        const project = await rest('GET', `/api/projects/${world.project}?depth=0`)
        assert(project.name === 'Day run' && project.status === 'in-progress', `stored: ${project.name} ${project.status}`)
        assert(project.settings.leaseMinutes === 45, `lease: ${project.settings.leaseMinutes}`)
        assert(
          project.workflow.stages.map((stage: { id: string }) => stage.id).join(' ') === 'annotate review complete',
          'the template copied',
        )
        const groups = (await rest('GET', `/api/user-groups?where[name][equals]=Day shift&depth=0`)).docs
        assert(
          project.collaborators.some(
            (row: { group?: unknown; role: string }) => String(row.group) === String(groups[0].id) && row.role === 'annotator',
          ),
          `collaborators: ${JSON.stringify(project.collaborators)}`,
        )
        assert((await rest('GET', `/api/tasks/count?where[project][equals]=${world.project}`)).totalDocs === 3, 'a task per accepted row')
        noNewConsoleErrors()
      },
    },
    {
      name: 'journey: an annotator of the group opens "Start labelling" and is served a task of the new project',
      run: async () => {
        await signIn(page, base, ANNOTATOR)
        seen = consoleErrors.length
        const served = await startLabellingFromProject(page, base, world.project)
        const task = await rest('GET', `/api/tasks/${served}?depth=0`)
        assert(String(task.project) === String(world.project), `a task of the new project: ${task.project}`)
        assert(String(task.leaseHolder) === String(world.annotator), `held by the annotator: ${task.leaseHolder}`)
        await page.locator('[data-testid=label-canvas] canvas').first().waitFor({ timeout: 120_000 })
        await shot('95-journey-served')
        noNewConsoleErrors()
        await signIn(page, base, admin)
      },
    },
    {
      name: 'journey: images uploaded on the dataset page become data items and tasks of the project',
      run: async () => {
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/datasets/${world.dataset}`, { timeout: 120_000 })
        await page.locator('[data-action="upload-images"]').waitFor({ timeout: 60_000 })
        await page.locator('[data-testid="upload-images-files"]').setInputFiles([
          { name: 'dusk-1.png', mimeType: 'image/png', buffer: PNG },
          { name: 'dusk-2.png', mimeType: 'image/png', buffer: PNG },
        ])
        const outcome = page.locator('[data-testid="dataset-images"] [data-testid="dataset-import-outcome"]')
        await outcome.waitFor({ timeout: 60_000 })
        const text = await outcome.innerText()
        assert(/2\s+rows accepted \(2 created, 0 updated, 2 tasks created/.test(text), `counts: ${text}`)
        const items = (await rest('GET', `/api/data-items?where[dataset][equals]=${world.dataset}&where[name][like]=dusk&depth=0`)).docs
        assert(items.length === 2, `two image items: ${items.length}`)
        for (const item of items)
          assert(
            item.source.kind === 'media' && item.source.media && item.width === 2 && item.height === 1,
            `item: ${JSON.stringify(item)}`,
          )
        noNewConsoleErrors()
        await shot('96-journey-images-uploaded')
      },
    },
  ]
}
