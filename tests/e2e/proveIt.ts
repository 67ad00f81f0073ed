// Setting work up on the seeded demo, as one story through the UI only (called from run.ts after the demo is
// seeded): its workspace Admin builds a workflow with a review loop and a router — the missing reject pathway
// shown on its stage, then fixed and saved —, makes an ontology with a follow-up question under an option, a
// dataset, and a project in steps from the new template with the seeded "Street team" as its Annotators; imports a
// CSV with two bad rows (listed) into the project's dataset, starts the project from its page; then the Street
// team's Tasker is served one of its tasks. The stored documents are checked after each step.
import type { Step } from './harness.ts'
import {
  assert,
  importImageRowsCsv,
  nextSetupStep,
  openProjectSetup,
  openSelectOptions,
  pickOption,
  restClient,
  signIn,
  startLabellingFromProject,
  type StepContext,
} from './workspaceKit.ts'

const PASSWORD = 'labelops-demo' // the demo's (README, "The demo")
const ADMIN = { email: 'admin@acme.test', password: PASSWORD }
const TASKER = { email: 'tasker@acme.test', password: PASSWORD } // in the seeded "Street team"
const NAMES = { template: 'Street review loop', ontology: 'Street hazards', dataset: 'Hazard frames', project: 'Hazard run' }

export function proveItSteps({ page, base, shot, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const world = { workspace: '', template: '', ontology: '', dataset: '', project: '', group: '', tasker: '' }
  let seen = 0
  const noNewConsoleErrors = () => assert(consoleErrors.length === seen, `console errors: ${consoleErrors.slice(seen).join('\n')}`)
  const idInUrl = () => page.url().split('/').pop()!
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
  const lead = async (from: string, pathway: string, to: string) => {
    await node(from).click({ position: { x: 30, y: 14 } })
    await page.locator(`[data-panel="${from}"] select[name="leads-${pathway}"]`).selectOption(to, { timeout: 10_000 })
  }
  const next = () => nextSetupStep(page)
  const byName = async (collection: string, name: string) =>
    (
      await rest(
        'GET',
        `/api/${collection}?where[name][equals]=${encodeURIComponent(name)}&where[workspace][equals]=${world.workspace}&depth=0`,
      )
    ).docs

  return [
    {
      name: 'prove: on the demo, the workspace Admin builds a router and a review loop, sees the missing reject pathway, fixes it, saves',
      run: async () => {
        await signIn(page, base, ADMIN)
        token = (await rest('POST', '/api/users/login', ADMIN, '')).token
        world.workspace = String((await rest('GET', `/api/workspaces?where[name][equals]=Acme Vision&depth=0`)).docs[0].id)
        world.group = String((await byName('user-groups', 'Street team'))[0].id)
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/workflow-templates/create`, { timeout: 120_000 })
        await page.locator('#field-name').fill(NAMES.template)
        await pickOption(page, 'workspace', 'Acme Vision')
        await page.locator('[data-starter="annotate-complete"]').click()
        await node('complete').waitFor({ timeout: 10_000 })
        await page.locator('[data-add="review"]').click()
        await page.locator('[data-add="percentage-router"]').click()
        await node('router').waitFor({ timeout: 10_000 })
        // annotation goes to the router, which sends a sample (branch a) to review and the rest (b) to complete
        await lead('annotate', 'submit', 'router')
        await lead('router', 'a', 'review')
        await lead('router', 'b', 'complete')
        await lead('review', 'approve', 'complete')
        await node('review').getByText('"reject" is missing').waitFor({ timeout: 10_000 })
        await page.getByText('1 problem to fix before saving').waitFor({ timeout: 10_000 })
        await shot('97-prove-missing-reject')
        await lead('review', 'reject', 'annotate')
        await page.getByText('The workflow is valid').waitFor({ timeout: 10_000 })
        await page.click('#action-save')
        await page.waitForURL(/\/workflow-templates\/[0-9a-f-]+$/, { timeout: 60_000 })
        world.template = idInUrl()
        const stored = await rest('GET', `/api/workflow-templates/${world.template}?depth=0`)
        assert(String(stored.workspace) === world.workspace && stored.name === NAMES.template, 'stored in Acme Vision')
        const edges = stored.graph.edges.map(
          (edge: { from: string; pathway: string; to: string }) => `${edge.from}.${edge.pathway}>${edge.to}`,
        )
        assert(
          edges.sort().join(' ') ===
            'annotate.submit>router review.approve>complete review.reject>annotate router.a>review router.b>complete',
          `stored pathways: ${edges.join(' ')}`,
        )
        const start = stored.graph.start ?? stored.graph.stages[0].id // the first stage listed, unless one is named
        assert(start === 'annotate', `starts at annotate: ${start}`)
        noNewConsoleErrors()
      },
    },
    {
      name: 'prove: the Admin makes an ontology with a follow-up question under an option',
      run: async () => {
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/ontologies/create`, { timeout: 120_000 })
        await page.locator('#field-name').fill(NAMES.ontology)
        await pickOption(page, 'workspace', 'Acme Vision')
        const objects = page.locator('[data-field="objects"]')
        await objects.getByRole('button', { name: '+ Add an object' }).click()
        await objects.locator('[data-path="objects[0]"] input[placeholder="e.g. Car"]').fill('Car')
        const questions = page.locator('[data-field="classifications"]')
        await questions.getByRole('button', { name: '+ Add a question' }).click()
        await questions.locator('[data-path="classifications[0]"] input[placeholder="e.g. Weather"]').first().fill('Weather')
        await questions.locator('[data-path="classifications[0].options[0]"] input').first().fill('Sunny')
        await questions.locator('[data-path="classifications[0]"]').getByRole('button', { name: '+ Add an option' }).last().click()
        const rain = questions.locator('[data-path="classifications[0].options[1]"]')
        await rain.locator('input').first().fill('Rain')
        // under Rain: how hard it rains
        await rain.getByRole('button', { name: '+ Add a follow-up question' }).click()
        const intensity = rain.locator('[data-path="classifications[0].options[1].classifications[0]"]')
        await intensity.locator('input[placeholder="e.g. Weather"]').fill('Intensity')
        await intensity.locator('[data-path$=".options[0]"] input').first().fill('Light')
        await intensity.getByRole('button', { name: '+ Add an option' }).click()
        await intensity.locator('[data-path$=".options[1]"] input').first().fill('Heavy')
        assert((await page.locator('.labelops-ontology__problem').count()) === 0, 'no problems left')
        await shot('98-prove-ontology-nested')
        await page.click('#action-save')
        await page.waitForURL(/\/admin\/collections\/ontologies\/[0-9a-f-]+$/, { timeout: 60_000 })
        world.ontology = idInUrl()
        const stored = await rest('GET', `/api/ontologies/${world.ontology}?depth=0`)
        const rainStored = stored.classifications[0].options[1]
        assert(stored.objects[0].name === 'Car' && stored.classifications[0].name === 'Weather', 'the object and the question')
        assert(
          rainStored.label === 'Rain' &&
            rainStored.classifications[0].name === 'Intensity' &&
            rainStored.classifications[0].options.map((option: { label: string }) => option.label).join() === 'Light,Heavy',
          `the follow-up stored under Rain: ${JSON.stringify(rainStored)}`,
        )
        assert(/^[a-z0-9-]+$/.test(rainStored.classifications[0].id), `the follow-up has an id: ${rainStored.classifications[0].id}`)
        noNewConsoleErrors()
      },
    },
    {
      name: 'prove: the Admin sets a project up in steps from the new template, the Street team as Annotators',
      run: async () => {
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/datasets/create`, { timeout: 120_000 })
        await page.locator('#field-name').fill(NAMES.dataset)
        await pickOption(page, 'workspace', 'Acme Vision')
        await page.click('#action-save')
        await page.waitForURL(/\/datasets\/[0-9a-f-]+$/, { timeout: 60_000 })
        world.dataset = idInUrl()
        await openProjectSetup(page, base)
        await page.locator('select[name="workspace"]').selectOption({ label: 'Acme Vision' })
        await page.locator('input[name="name"]').fill(NAMES.project)
        await next()
        await page.locator('label', { hasText: NAMES.dataset }).locator('input').check()
        await next()
        await page.locator('label', { hasText: NAMES.ontology }).locator('input').check()
        await next()
        await page.locator('.labelops-setup__card', { hasText: NAMES.template }).first().locator('input').check()
        await next()
        await page.locator('[data-add="group"]').click()
        await page.locator('select[name="who-0"]').selectOption({ label: 'Street team' })
        await page.locator('select[name="role-0"]').selectOption('annotator')
        await next()
        await next()
        await page.getByText('Street team (Annotator)').waitFor({ timeout: 10_000 })
        await page.locator('.labelops-setup__actions button', { hasText: /^Create project$/ }).click()
        await page.waitForURL(/\/collections\/projects\/[0-9a-f-]+$/, { timeout: 60_000 })
        world.project = idInUrl()
        const project = await rest('GET', `/api/projects/${world.project}?depth=0`)
        assert(project.status === 'not-started' && String(project.workspace) === world.workspace, `stored: ${project.status}`)
        assert(String(project.workflowTemplate) === world.template, `from the new template: ${project.workflowTemplate}`)
        assert(String(project.ontology) === world.ontology, `with the new ontology: ${project.ontology}`)
        assert(
          project.workflow.edges.some((edge: { from: string; to: string }) => edge.from === 'annotate' && edge.to === 'router'),
          'the template’s graph copied',
        )
        assert(
          project.collaborators.some(
            (row: { group?: unknown; role: string }) => String(row.group) === world.group && row.role === 'annotator',
          ),
          `the Street team as Annotators: ${JSON.stringify(project.collaborators)}`,
        )
        noNewConsoleErrors()
      },
    },
    {
      name: 'prove: a CSV with two bad rows is imported into the project’s dataset; the bad rows are listed, the good ones become tasks',
      run: async () => {
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/datasets/${world.dataset}`, { timeout: 120_000 })
        const { text, rejected: rows } = await importImageRowsCsv(page, 'hazards.csv', [
          ['hazard-1', 'image', 600],
          ['hazard-2', 'image', -5],
          ['hazard-3', 'image', 600],
          ['hazard-4', 'sculpture', 600],
          ['hazard-5', 'image', 600],
        ])
        assert(/3\s+rows accepted \(3 created/.test(text) && /2\s+rejected/.test(text), `counts: ${text}`)
        assert(rows.length === 2 && /^2\s+height/.test(rows[0]!) && /^4\s+type/.test(rows[1]!), `rejected rows: ${rows.join(' | ')}`)
        await shot('99-prove-import')
        const items = await rest('GET', `/api/data-items?where[dataset][equals]=${world.dataset}&limit=10&depth=0`)
        assert(
          items.docs
            .map((item: { externalId: string }) => item.externalId)
            .sort()
            .join() === 'hazard-1,hazard-3,hazard-5',
          `the good rows stored: ${items.docs.map((item: { externalId: string }) => item.externalId).join()}`,
        )
        const tasks = await rest('GET', `/api/tasks?where[project][equals]=${world.project}&limit=10&depth=0`)
        assert(tasks.totalDocs === 3, `a task per good row: ${tasks.totalDocs}`)
        assert(
          tasks.docs.every((task: { stage: string; status: string }) => task.stage === 'annotate' && task.status === 'new'),
          `new at annotate: ${JSON.stringify(tasks.docs.map((task: { stage: string; status: string }) => [task.stage, task.status]))}`,
        )
        noNewConsoleErrors()
      },
    },
    {
      name: 'prove: the Admin starts the project from its page, offered only the moves allowed from Not started',
      run: async () => {
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/projects/${world.project}`, { timeout: 120_000 })
        const offered = await openSelectOptions(page, 'status')
        assert(offered.join() === 'Not started,In progress,Cancelled,Archived', `moves offered from Not started: ${offered.join(', ')}`)
        await page.locator('#field-status .rs__option', { hasText: 'In progress' }).click()
        await page.click('#action-save')
        await page
          .getByText(/Updated successfully|saved successfully/i)
          .first()
          .waitFor({ timeout: 30_000 })
        const project = await rest('GET', `/api/projects/${world.project}?depth=0`)
        assert(project.status === 'in-progress', `started: ${project.status}`)
        noNewConsoleErrors()
      },
    },
    {
      name: 'prove: the Street team’s Tasker opens the project and is served one of its tasks',
      run: async () => {
        await signIn(page, base, TASKER)
        world.tasker = String((await rest('POST', '/api/users/login', TASKER, '')).user.id)
        seen = consoleErrors.length
        const served = await startLabellingFromProject(page, base, world.project)
        const task = await rest('GET', `/api/tasks/${served}?depth=0`)
        assert(String(task.project) === world.project, `a task of the new project: ${task.project}`)
        assert(
          String(task.leaseHolder) === world.tasker && task.stage === 'annotate',
          `held by the Tasker at annotate: ${task.leaseHolder}`,
        )
        await page.locator('[data-testid=label-canvas] canvas').first().waitFor({ timeout: 120_000 })
        // the new ontology's question is asked; its follow-up appears once Rain is chosen
        await page.getByText('Weather').first().waitFor({ timeout: 30_000 })
        assert((await page.getByText('Intensity').count()) === 0, 'no follow-up before Rain is chosen')
        await page.getByRole('radio', { name: 'Rain' }).check()
        await page.getByText('Intensity').first().waitFor({ timeout: 10_000 })
        await shot('100-prove-served')
        noNewConsoleErrors()
      },
    },
  ]
}
