// The Annotator workspace in the browser (called from run.ts): a project is set up over REST (workspace,
// annotator, ontology, two image items, Annotate → Complete, In progress); then, through the UI only, the
// annotator opens "Start labelling", draws a box and a polygon, draws and deletes a point, answers the
// classifications (a nested one included), submits, skips the next task with a reason, sees the empty queue,
// and sees why a paused project cannot be worked. The stored label, task statuses and journal are checked
// after each step; any browser console error fails the run.
import type { Step } from './harness.ts'
import { assert, selectText, type StepContext, canvasPoint, ONTOLOGY, restClient, SCENE, signIn } from './workspaceKit.ts'

type Ctx = StepContext

const ANNOTATOR = { email: 'annotator@example.com', password: 'e2e-annotator-123' }

export function annotateSteps({ page, base, shot, admin, consoleErrors }: Ctx): Step[] {
  // only the errors of these steps count here
  let seen = 0
  const listen = () => {
    seen = consoleErrors.length
  }
  /** `expected`: the one failed request a step provokes on purpose (Chromium logs every 4xx fetch) */
  const noConsoleErrors = (expected?: RegExp) => {
    const mine = consoleErrors.slice(seen).filter((text) => !expected?.test(text))
    assert(mine.length === 0, `browser console errors:\n${mine.join('\n')}`)
  }
  let token = ''
  const rest = restClient(base, () => token)
  const login = async (who: { email: string; password: string }) => (await rest('POST', '/api/users/login', who, '')).token as string
  const world: { project?: number; tasks?: number[]; annotator?: number; dataset?: number } = {}
  const taskOf = (id: number) => rest('GET', `/api/tasks/${id}?depth=0`)
  const labelsOf = async (task: number) => (await rest('GET', `/api/labels?where[task][equals]=${task}&depth=0`)).docs as any[]
  const eventsOf = async (task: number) =>
    (await rest('GET', `/api/task-events?where[task][equals]=${task}&sort=seq&limit=100&depth=0`)).docs as any[]

  const imagePoint = (x: number, y: number) => canvasPoint(page, x, y)
  const waitSaved = () => page.locator('[data-save=saved]').waitFor({ timeout: 30_000 })

  return [
    {
      name: 'annotate: a project to work (REST set-up: workspace, annotator, ontology, two images, In progress)',
      run: async () => {
        token = await login(admin)
        const workspace = (await rest('POST', '/api/workspaces', { name: 'Street labelling' })).doc.id
        const annotator = (await rest('POST', '/api/users', ANNOTATOR)).doc.id
        world.annotator = annotator
        const invitation = (await rest('POST', '/api/workspace-invitations', { workspace, email: ANNOTATOR.email, role: 'tasker' })).doc.id
        await rest('POST', `/api/workspace-invitations/${invitation}/accept`, {}, await login(ANNOTATOR))
        const ontology = (await rest('POST', '/api/ontologies', { workspace, name: 'Streets', ...ONTOLOGY })).doc.id
        const dataset = (await rest('POST', '/api/datasets', { workspace, name: 'Street scenes' })).doc.id
        world.dataset = dataset
        const rows = ['scene-001', 'scene-002'].map((externalId) =>
          JSON.stringify({ externalId, name: `${externalId}.svg`, type: 'image', url: SCENE, width: 960, height: 600 }),
        )
        const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: rows.join('\n'),
        })
        assert(imported.ok, `import: ${imported.status} ${await imported.text()}`)
        const templates = (await rest('GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).docs as any[]
        const template = templates.find((candidate) => candidate.name === 'Annotate → Complete')
        assert(template, 'the built-in "Annotate → Complete" template exists')
        const project = (
          await rest('POST', '/api/projects', {
            workspace,
            name: 'Street scenes — objects',
            datasets: [dataset],
            ontology,
            workflowTemplate: template.id,
            collaborators: [{ user: annotator, role: 'annotator' }],
          })
        ).doc.id
        await rest('PATCH', `/api/projects/${project}`, { status: 'in-progress' })
        world.project = project
        world.tasks = ((await rest('GET', `/api/tasks?where[project][equals]=${project}&sort=id&depth=0`)).docs as any[]).map(
          (task) => task.id,
        )
        assert(world.tasks.length === 2, `two tasks, got ${world.tasks.length}`)
      },
    },
    {
      name: 'annotate: the annotator signs in and opens "Start labelling"; the next task is claimed and its image drawn',
      run: async () => {
        await signIn(page, base, ANNOTATOR)
        // from the project's own page: "Start labelling" beside its document controls
        await page.goto(`${base}/admin/collections/projects/${world.project}`, { timeout: 120_000 })
        await page.locator('[data-action=start-labelling]').click({ timeout: 60_000 })
        await page.waitForURL((url) => url.pathname === `/admin/labelops/annotate/${world.project}`, { timeout: 60_000 })
        await page.locator('[data-testid=label-canvas] canvas').first().waitFor({ timeout: 120_000 })
        // from here on, the workspace must log no errors (Payload's logout page double-posts in dev)
        listen()
        await page.locator('.labelops-canvas__loading').waitFor({ state: 'detached', timeout: 30_000 })
        const task = await taskOf(world.tasks![0]!)
        assert(String(task.leaseHolder) === String(world.annotator), `the first task is held by the annotator (${task.leaseHolder})`)
        assert(
          (await page.locator('.labelops-annotate').getAttribute('data-task')) === String(world.tasks![0]),
          'the workspace shows the claimed task',
        )
        await shot('20-annotate-claimed')
      },
    },
    {
      name: 'annotate: draw a box (key 1) and a polygon (key 2), draw a point and delete it; drafts saved',
      run: async () => {
        await page.keyboard.press('1')
        const a = await imagePoint(230 / 960, 355 / 600)
        const b = await imagePoint(400 / 960, 490 / 600)
        await page.mouse.move(a.x, a.y)
        await page.mouse.down()
        await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 })
        await page.mouse.move(b.x, b.y, { steps: 4 })
        await page.mouse.up()
        await page.keyboard.press('2')
        for (const [x, y] of [
          [380, 332],
          [580, 332],
          [900, 598],
          [60, 598],
          [380, 332],
        ]) {
          const p = await imagePoint(x! / 960, y! / 600)
          await page.mouse.click(p.x, p.y)
        }
        await page.getByText('Objects (2)').waitFor({ timeout: 10_000 })
        await page.keyboard.press('4')
        const sign = await imagePoint(694 / 960, 240 / 600)
        await page.mouse.click(sign.x, sign.y)
        await page.getByText('Objects (3)').waitFor({ timeout: 10_000 })
        await page.keyboard.press('Delete')
        await page.getByText('Objects (2)').waitFor({ timeout: 10_000 })
        await waitSaved()
        const [label] = await labelsOf(world.tasks![0]!)
        assert(label?.status === 'draft', `a draft label is stored (${label?.status})`)
        const box = label.objects.find((object: any) => object.featureId === 'car')
        const road = label.objects.find((object: any) => object.featureId === 'road')
        assert(label.objects.length === 2, `two objects stored, got ${label.objects.length}`)
        const near = (value: number, expected: number) => Math.abs(value - expected) < 0.01
        assert(
          near(box.geometry.x, 230 / 960) && near(box.geometry.y, 355 / 600) && near(box.geometry.w, 170 / 960),
          `the box is where it was drawn: ${JSON.stringify(box.geometry)}`,
        )
        assert(road.geometry.points.length === 4, `the polygon has 4 vertices: ${JSON.stringify(road.geometry)}`)
        await shot('21-annotate-drawn')
      },
    },
    {
      name: 'annotate: select the box and move it by dragging; the move is saved',
      run: async () => {
        await page.keyboard.press('v')
        const from = await imagePoint(310 / 960, 420 / 600)
        const to = await imagePoint(330 / 960, 420 / 600)
        await page.mouse.move(from.x, from.y)
        await page.mouse.down()
        await page.mouse.move(to.x, to.y, { steps: 5 })
        await page.mouse.up()
        await page.locator('[data-save=dirty], [data-save=saving]').first().waitFor({ timeout: 10_000 })
        await waitSaved()
        const [label] = await labelsOf(world.tasks![0]!)
        const box = label.objects.find((object: any) => object.featureId === 'car')
        assert(Math.abs(box.geometry.x - 250 / 960) < 0.01, `the box moved 20 px right (onto the car): ${JSON.stringify(box.geometry)}`)
      },
    },
    {
      name: "annotate: the selected box's attributes (per-object) are answered beside it and saved with it",
      run: async () => {
        const inBox = await imagePoint(330 / 960, 420 / 600)
        await page.mouse.click(inBox.x, inBox.y)
        await page.getByText('Attributes of Car #1').waitFor({ timeout: 10_000 })
        await page.getByLabel('Partly hidden').check()
        await waitSaved()
        const [label] = await labelsOf(world.tasks![0]!)
        const box = label.objects.find((object: any) => object.featureId === 'car')
        assert(
          box.attributes?.[0]?.featureId === 'occluded' && box.attributes[0].optionIds?.[0] === 'partly',
          `the box's attribute is stored: ${JSON.stringify(box.attributes)}`,
        )
        await page.keyboard.press('Escape')
      },
    },
    {
      name: 'annotate: answer the classifications (radio with a nested answer, checklist, text)',
      run: async () => {
        const submit = page.locator('[data-action=submit]')
        assert(await submit.isDisabled(), 'Submit waits for the required Weather answer')
        await page.getByLabel('Rain').check()
        await page.getByLabel('Light').check()
        await page.getByLabel('Night').check()
        await page.getByLabel('Notes').fill('wet asphalt, low sun')
        await page.getByLabel('Notes').blur()
        await waitSaved()
        const [label] = await labelsOf(world.tasks![0]!)
        const weather = label.classifications.find((answer: any) => answer.featureId === 'weather')
        assert(
          weather?.optionIds?.[0] === 'rain' && weather.answers?.[0]?.optionIds?.[0] === 'light',
          `weather: rain / light stored (${JSON.stringify(weather)})`,
        )
        assert(!(await submit.isDisabled()), 'Submit is enabled once the required answers are given')
        await shot('22-annotate-answered')
        noConsoleErrors()
      },
    },
    {
      name: 'annotate: raise an issue on the box (I) and one at a point of the image (issue tool)',
      run: async () => {
        const issuesOf = async () =>
          (await rest('GET', `/api/issues?where[task][equals]=${world.tasks![0]}&sort=createdAt&depth=0`)).docs as any[]
        await page.keyboard.press('v')
        const inBox = await imagePoint(330 / 960, 420 / 600)
        await page.mouse.click(inBox.x, inBox.y)
        await page.keyboard.press('i')
        await page.getByText('On Car #1').waitFor({ timeout: 10_000 })
        await page.getByLabel('What is the issue').fill('Is the trailer part of the car?')
        await page.keyboard.press('Enter')
        await page.getByText('Issue raised on Car #1.').waitFor({ timeout: 10_000 })
        const [label] = await labelsOf(world.tasks![0]!)
        const box = label.objects.find((object: any) => object.featureId === 'car')
        const [onBox] = await issuesOf()
        assert(
          onBox?.anchor?.kind === 'label' && onBox.anchor.labelObject === box.id && onBox.status === 'open',
          `an open issue on the box: ${JSON.stringify(onBox)}`,
        )
        await page.locator('[data-tool=issue-pin]').click()
        const sign = await imagePoint(694 / 960, 240 / 600)
        await page.mouse.click(sign.x, sign.y)
        await page.getByLabel('What is the issue').fill('A sign the ontology has no class for')
        await shot('22b-annotate-raise-issue')
        await page.locator('[data-action=raise-issue]').click()
        await page.getByText(/Issue raised on the point/).waitFor({ timeout: 10_000 })
        const atPoint = (await issuesOf())[1]
        assert(
          atPoint?.anchor?.kind === 'coordinate' &&
            Math.abs(atPoint.anchor.x - 694 / 960) < 0.01 &&
            Math.abs(atPoint.anchor.y - 240 / 600) < 0.01,
          `an issue at the sign: ${JSON.stringify(atPoint?.anchor)}`,
        )
        const [unchanged] = await labelsOf(world.tasks![0]!)
        assert(unchanged.objects.length === 2, 'the issue tool drew nothing')
        noConsoleErrors()
      },
    },
    {
      name: 'annotate: Enter submits; the task completes and the next one is served',
      run: async () => {
        await page.keyboard.press('Enter')
        await page.waitForFunction(
          (next) => document.querySelector('.labelops-annotate')?.getAttribute('data-task') === next,
          String(world.tasks![1]),
          { timeout: 30_000 },
        )
        const done = await taskOf(world.tasks![0]!)
        assert(done.status === 'completed' && done.stage === 'complete', `task 1 completed (${done.stage}/${done.status})`)
        const [label] = await labelsOf(world.tasks![0]!)
        assert(label.status === 'submitted' && label.objects.length === 2, `the label is submitted with its 2 objects (${label.status})`)
        const types = (await eventsOf(world.tasks![0]!)).map((event) => event.type)
        assert(
          ['created', 'claimed', 'submitted', 'completed'].every((type) => types.includes(type)),
          `journal: ${types.join(', ')}`,
        )
        await page.locator('.labelops-canvas__loading').waitFor({ state: 'detached', timeout: 30_000 })
        await shot('23-annotate-next-task')
      },
    },
    {
      name: 'annotate: S skips with a reason; the queue is then empty for this annotator',
      run: async () => {
        await page.keyboard.press('s')
        await page.locator('#labelops-skip-reason').fill('The scene is a duplicate of scene-001')
        await shot('24-annotate-skip-reason')
        await page.keyboard.press('Enter')
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const skipped = await taskOf(world.tasks![1]!)
        assert(skipped.leaseHolder == null, 'the skipped task is released')
        const events = await eventsOf(world.tasks![1]!)
        const skip = events.find((event) => event.type === 'skipped')
        assert(skip?.note === 'The scene is a duplicate of scene-001', `the skip reason is journaled (${JSON.stringify(skip)})`)
        await shot('25-annotate-empty-queue')
        noConsoleErrors()
      },
    },
    {
      name: 'annotate: a lease taken away while working shows what happened; N takes the next task',
      run: async () => {
        const row = JSON.stringify({ externalId: 'scene-003', name: 'scene-003.svg', type: 'image', url: SCENE, width: 960, height: 600 })
        const imported = await fetch(`${base}/api/datasets/${world.dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: row,
        })
        assert(imported.ok, `import: ${imported.status}`)
        await page.keyboard.press('n')
        await page.locator('[data-testid=label-canvas] canvas').first().waitFor({ timeout: 30_000 })
        const third = Number(await page.locator('.labelops-annotate').getAttribute('data-task'))
        assert(!world.tasks!.includes(third), `a new task is served (${third})`)
        // a manager releases it from the queue
        await rest('POST', '/api/tasks/bulk', { project: world.project, ids: [third], operation: 'release' })
        await page.keyboard.press('4')
        const p = await imagePoint(0.5, 0.5)
        await page.mouse.click(p.x, p.y)
        await page.locator('[data-state=lost]').waitFor({ timeout: 30_000 })
        await shot('26-annotate-lease-lost')
        await page.keyboard.press('n')
        await page.waitForFunction((id) => document.querySelector('.labelops-annotate')?.getAttribute('data-task') === id, String(third), {
          timeout: 30_000,
        })
        const again = await taskOf(third)
        assert(String(again.leaseHolder) === String(world.annotator), 'N claimed the released task again')
        noConsoleErrors(/status of 409 \(Conflict\)/)
        seen = consoleErrors.length
      },
    },
    {
      name: 'annotate: a paused project says why it cannot be worked',
      run: async () => {
        await rest('PATCH', `/api/projects/${world.project}`, { status: 'paused' })
        await page.goto(`${base}/admin/labelops/annotate/${world.project}`, { timeout: 120_000 })
        await page.getByText('This project is not open for work').waitFor({ timeout: 30_000 })
        await page
          .getByText(/Paused/)
          .first()
          .waitFor({ timeout: 10_000 })
        await shot('27-annotate-paused')
        await rest('PATCH', `/api/projects/${world.project}`, { status: 'in-progress' })
        noConsoleErrors()
      },
    },
    {
      name: 'annotate: a text item — select words to label them as spans (keys choose the text-span class), then submit',
      run: async () => {
        const TEXT = 'My Zephyr kettle stopped heating after a week.'
        const project = world.project!
        const workspace = (await rest('GET', `/api/projects/${project}?depth=0`)).workspace
        const ontology = (
          await rest('POST', '/api/ontologies', {
            workspace,
            name: 'Tickets',
            objects: [
              { id: 'product', name: 'Product', shape: 'text-span', colour: '#3066be' },
              { id: 'problem', name: 'Problem', shape: 'text-span', colour: '#d7263d' },
            ],
            classifications: [],
          })
        ).doc.id
        const dataset = (await rest('POST', '/api/datasets', { workspace, name: 'Tickets' })).doc.id
        const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: JSON.stringify({ externalId: 'ticket-1', type: 'text', text: TEXT }),
        })
        assert(imported.ok, `import: ${imported.status} ${await imported.text()}`)
        const template = ((await rest('GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).docs as any[]).find(
          (candidate) => candidate.name === 'Annotate → Complete',
        )
        const tickets = (
          await rest('POST', '/api/projects', {
            workspace,
            name: 'Tickets — spans',
            datasets: [dataset],
            ontology,
            workflowTemplate: template.id,
            collaborators: [{ user: world.annotator, role: 'annotator' }],
          })
        ).doc.id
        await rest('PATCH', `/api/projects/${tickets}`, { status: 'in-progress' })
        const [task] = (await rest('GET', `/api/tasks?where[project][equals]=${tickets}&depth=0`)).docs as any[]

        await page.goto(`${base}/admin/labelops/annotate/${tickets}`, { timeout: 120_000 })
        await page.locator('[data-testid=text-spans]').waitFor({ timeout: 60_000 })
        const select = (from: number, to: number) => selectText(page, from, to)
        await page.keyboard.press('1')
        await select(2, 17) // " Zephyr kettle " — the spaces at both ends are trimmed
        await page.keyboard.press('2')
        await select(TEXT.indexOf('stopped'), TEXT.indexOf(' after'))
        await page.getByText('Objects (2)').waitFor({ timeout: 10_000 })
        await page.locator('[data-save=saved]').waitFor({ timeout: 30_000 })
        await shot('28-annotate-text-spans')
        const [label] = await labelsOf(task.id)
        const spans = label.objects.map((object: any) => [object.featureId, TEXT.slice(object.geometry.start, object.geometry.end)])
        assert(
          JSON.stringify(spans) ===
            JSON.stringify([
              ['product', 'Zephyr kettle'],
              ['problem', 'stopped heating'],
            ]),
          `the spans stored: ${JSON.stringify(spans)}`,
        )
        await page.locator('[data-action=submit]').click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const done = await taskOf(task.id)
        assert(done.status === 'completed', `the text task is completed (${done.status})`)
        noConsoleErrors()
      },
    },
  ]
}
