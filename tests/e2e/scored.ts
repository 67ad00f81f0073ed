// Training and benchmark projects in the browser (called from run.ts): a training project with a gold label on one
// street scene; through the UI only, a trainee answers Weather without drawing the car and sees the score and what
// they missed, tries the same task again, draws the car and scores well; then the admin opens the project's Scores
// tab (the trainee's row with two attempts) and a production project that requires a benchmark, whose Scores tab
// names it. Stored branches are checked after each step; any console error fails the run.
import type { Step } from './harness.ts'
import { assert, canvasPoint, dragBox, ONTOLOGY, restClient, SCENE, signIn, type StepContext } from './workspaceKit.ts'

const TRAINEE = { email: 'trainee@training.example.com', password: 'e2e-training-321' }
// the scene's car, as the gold label draws it
const CAR = { x: 262 / 960, y: 360 / 600, w: 138 / 960, h: 130 / 600 }

export function scoredSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const login = async (who: { email: string; password: string }) => (await rest('POST', '/api/users/login', who, '')).token as string
  const world: { training?: number; task?: number; trainee?: number; production?: number; benchmark?: number; honeypots?: number } = {}
  let seen = 0
  const noConsoleErrors = () => {
    const mine = consoleErrors.slice(seen)
    assert(mine.length === 0, `browser console errors:\n${mine.join('\n')}`)
  }
  const branch = async () =>
    (await rest('GET', `/api/consensus-branches?where[task][equals]=${world.task}&depth=0&limit=5`)).docs[0] as {
      score: number
      attempts: number
      submittedAt: string | null
    }

  return [
    {
      name: 'scored: a training project with a gold label on one scene, a trainee, and a benchmark a production project requires (REST)',
      run: async () => {
        token = await login(admin)
        const workspace = (await rest('POST', '/api/workspaces', { name: 'Training desk' })).doc.id
        world.trainee = (await rest('POST', '/api/users', TRAINEE)).doc.id
        const invitation = (await rest('POST', '/api/workspace-invitations', { workspace, email: TRAINEE.email, role: 'tasker' })).doc.id
        await rest('POST', `/api/workspace-invitations/${invitation}/accept`, {}, await login(TRAINEE))
        const ontology = (await rest('POST', '/api/ontologies', { workspace, name: 'Streets (training)', ...ONTOLOGY })).doc.id
        const dataset = (await rest('POST', '/api/datasets', { workspace, name: 'Scenes to practise on' })).doc.id
        const item = { externalId: 'training-001', name: 'training-001.svg', type: 'image', url: SCENE, width: 960, height: 600 }
        const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: JSON.stringify(item),
        })
        assert(imported.ok, `import: ${imported.status}`)
        const templates = (await rest('GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).docs as any[]
        const template = templates.find((candidate) => candidate.name === 'Annotate → Complete')
        const project = async (name: string, extra: object) => {
          const id = (
            await rest('POST', '/api/projects', {
              workspace,
              name,
              datasets: [dataset],
              ontology,
              workflowTemplate: template.id,
              collaborators: [{ user: world.trainee, role: 'annotator' }],
              ...extra,
            })
          ).doc.id as number
          await rest('PATCH', `/api/projects/${id}`, { status: 'in-progress' })
          return id
        }
        world.training = await project('Street scenes — training', { kind: 'training' })
        world.benchmark = await project('Street scenes — screening', { kind: 'benchmark' })
        world.production = await project('Street scenes — production', { requiresBenchmark: world.benchmark })
        world.honeypots = await project('Street scenes — with honeypots', {
          honeypots: { enabled: true, firstTasks: 1, rate: 0.1, window: 1, pauseBelow: 0.6 },
        })
        world.task = (await rest('GET', `/api/tasks?where[project][equals]=${world.training}&depth=0`)).docs[0].id
        const goldImport = await fetch(`${base}/api/projects/${world.training}/import-labels?kind=gold`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            format: 'labelops',
            tasks: [
              {
                task: world.task,
                label: {
                  objects: [{ id: 'gold-car', featureId: 'car', geometry: CAR }],
                  classifications: [{ featureId: 'weather', optionIds: ['clear'] }],
                },
              },
            ],
          }),
        })
        assert(goldImport.ok, `gold import: ${goldImport.status} ${await goldImport.text()}`)
        // the honeypot project's one task is gold too; the trainee's first task there is it, labelled carelessly (REST)
        const honeypotTask = (await rest('GET', `/api/tasks?where[project][equals]=${world.honeypots}&depth=0`)).docs[0].id
        const honeypotGold = await fetch(`${base}/api/projects/${world.honeypots}/import-labels?kind=gold`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            format: 'labelops',
            tasks: [
              {
                task: honeypotTask,
                label: {
                  objects: [{ id: 'gold-car', featureId: 'car', geometry: CAR }],
                  classifications: [{ featureId: 'weather', optionIds: ['clear'] }],
                },
              },
            ],
          }),
        })
        assert(honeypotGold.ok, `honeypot gold: ${honeypotGold.status}`)
        const trainee = await login(TRAINEE)
        const served = await rest('POST', `/api/projects/${world.honeypots}/next`, {}, trainee)
        assert(served.task.id === honeypotTask, 'the first task served is the honeypot')
        await rest(
          'PUT',
          `/api/tasks/${honeypotTask}/label`,
          {
            objects: [],
            classifications: [{ featureId: 'weather', optionIds: ['rain'], answers: [{ featureId: 'intensity', optionIds: ['light'] }] }],
          },
          trainee,
        )
        await rest('POST', `/api/tasks/${honeypotTask}/submit`, { expectedVersion: served.task.version }, trainee)
      },
    },
    {
      name: 'scored: the trainee answers Weather without the car, submits and sees the score and the car they missed',
      run: async () => {
        await signIn(page, base, TRAINEE)
        seen = consoleErrors.length
        await page.goto(`${base}/admin/labelops/annotate/${world.training}`, { timeout: 120_000 })
        await page.locator('[data-testid=label-canvas][data-ready=true]').waitFor({ timeout: 120_000 })
        await page.getByLabel('Clear').check()
        await page.locator('[data-action=submit]').click()
        const card = page.locator('[data-state=scored]')
        await card.waitFor({ timeout: 30_000 })
        const score = Number(await card.locator('[data-score]').getAttribute('data-score'))
        // the weather right (1), the car missed (0): 0.5
        assert(Math.abs(score - 0.5) < 1e-9, `score 0.5 shown (${score})`)
        assert((await card.textContent())?.includes('Missed a Car the gold label has.'), 'the missed car is named')
        const stored = await branch()
        assert(stored.attempts === 1 && Math.abs(stored.score - 0.5) < 1e-9, `branch: ${JSON.stringify(stored)}`)
        await shot('74-training-scored')
        noConsoleErrors()
      },
    },
    {
      name: 'scored: the trainee tries the same task again, draws the car over the answer kept, and scores well',
      run: async () => {
        await page.getByRole('button', { name: 'Try this task again' }).click()
        await page.locator('[data-testid=label-canvas][data-ready=true]').waitFor({ timeout: 60_000 })
        assert(await page.getByLabel('Clear').isChecked(), 'the earlier answer comes back to correct')
        await dragBox(page, '1', await canvasPoint(page, CAR.x, CAR.y), await canvasPoint(page, CAR.x + CAR.w, CAR.y + CAR.h))
        await page.locator('[data-action=submit]').click()
        const card = page.locator('[data-state=scored]')
        await card.waitFor({ timeout: 30_000 })
        const score = Number(await card.locator('[data-score]').getAttribute('data-score'))
        assert(score > 0.9, `the car found: a score above 0.9 (${score})`)
        assert((await card.textContent())?.includes('Attempt 2'), 'the second attempt')
        const stored = await branch()
        assert(stored.attempts === 2 && stored.score > 0.9 && stored.submittedAt, `branch: ${JSON.stringify(stored)}`)
        await shot('75-training-retried')
        noConsoleErrors()
      },
    },
    {
      name: 'scored: the Scores tabs — the trainee’s attempts, and the benchmark a production project requires',
      run: async () => {
        await signIn(page, base, admin)
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/projects/${world.training}/scores`, { timeout: 120_000 })
        const row = page.locator(`[data-annotator="${world.trainee}"]`)
        await row.waitFor({ timeout: 60_000 })
        const cells = await row.locator('td').allTextContents()
        assert(cells[1] === '1 of 1' && cells[3] === '2', `trainee row: ${cells.join(' | ')}`)
        await shot('76-training-scores')
        await page.goto(`${base}/admin/collections/projects/${world.production}/scores`, { timeout: 120_000 })
        await page.getByText('Street scenes — screening').first().waitFor({ timeout: 60_000 })
        await shot('77-production-requires-benchmark')
        await page.goto(`${base}/admin/collections/projects/${world.honeypots}/scores`, { timeout: 120_000 })
        const paused = page.locator(`[data-annotator="${world.trainee}"]`)
        await paused.waitFor({ timeout: 60_000 })
        assert((await paused.textContent())?.includes('paused'), `the trainee is paused: ${await paused.textContent()}`)
        await shot('79-honeypots-paused')
        noConsoleErrors()
        // the trainee has not passed it: the workspace says so (checked on the server) instead of serving a task
        await signIn(page, base, TRAINEE)
        seen = consoleErrors.length
        await page.goto(`${base}/admin/labelops/annotate/${world.production}`, { timeout: 120_000 })
        const refusal = page.locator('.labelops-refusal')
        await refusal.waitFor({ timeout: 60_000 })
        const text = await refusal.textContent()
        assert(text?.includes('pass the benchmark project "Street scenes — screening"'), `refusal: ${text}`)
        assert(text?.includes('you have scored 0 of its 0 tasks') || text?.includes('no tasks with a gold label'), `why: ${text}`)
        await shot('78-production-benchmark-refusal')
        noConsoleErrors()
      },
    },
  ]
}
