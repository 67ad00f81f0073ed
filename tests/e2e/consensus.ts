// The consensus review in the browser (called from run.ts): three annotators label one street scene over REST
// (two alike, one with the car elsewhere, a sign nobody else saw and rain), so the round waits for a person;
// then, through the UI only, the reviewer sees the three branches and the agreement matrix, resolves per
// object and answer — the best branch's car, the third annotator's sign, Clear — and approves the resolved
// label. The stored task, label and journal are checked after each step; any console error fails the run.
import type { Step } from './harness.ts'
import { assert, ONTOLOGY, restClient, SCENE, signIn, type StepContext } from './workspaceKit.ts'

const PASSWORD = 'e2e-consensus-321'
const ANNOTATORS = ['ann-a', 'ann-b', 'ann-c'].map((name) => ({ email: `${name}@consensus.example.com`, password: PASSWORD }))
const REVIEWER = { email: 'resolver@consensus.example.com', password: PASSWORD }

const box = (id: string, x: number, y: number, w: number, h: number) => ({ id, featureId: 'car', geometry: { x, y, w, h } })
const clear = { featureId: 'weather', optionIds: ['clear'] }
const LABELS = [
  { objects: [box('car-a', 0.26, 0.59, 0.18, 0.2)], classifications: [clear] },
  { objects: [box('car-b', 0.265, 0.6, 0.175, 0.19)], classifications: [clear] },
  {
    objects: [box('car-c', 0.55, 0.62, 0.15, 0.15), { id: 'sign-c', featureId: 'sign', geometry: { x: 0.723, y: 0.4 } }],
    classifications: [{ featureId: 'weather', optionIds: ['rain'], answers: [{ featureId: 'intensity', optionIds: ['light'] }] }],
  },
]

export function consensusSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const login = async (who: { email: string; password: string }) => (await rest('POST', '/api/users/login', who, '')).token as string
  const world: { project?: number; task?: number; ids: number[]; reviewer?: number } = { ids: [] }
  let seen = 0
  const noConsoleErrors = () => {
    const mine = consoleErrors.slice(seen)
    assert(mine.length === 0, `browser console errors:\n${mine.join('\n')}`)
  }

  return [
    {
      name: 'consensus: three annotators label one scene on their own (REST); the round disagrees and waits for review',
      run: async () => {
        token = await login(admin)
        const workspace = (await rest('POST', '/api/workspaces', { name: 'Consensus desk' })).doc.id
        for (const who of [...ANNOTATORS, REVIEWER]) {
          const id = (await rest('POST', '/api/users', who)).doc.id as number
          const invitation = (await rest('POST', '/api/workspace-invitations', { workspace, email: who.email, role: 'tasker' })).doc.id
          await rest('POST', `/api/workspace-invitations/${invitation}/accept`, {}, await login(who))
          if (who === REVIEWER) world.reviewer = id
          else world.ids.push(id)
        }
        const ontology = (await rest('POST', '/api/ontologies', { workspace, name: 'Streets (consensus)', ...ONTOLOGY })).doc.id
        const dataset = (await rest('POST', '/api/datasets', { workspace, name: 'Scenes in consensus' })).doc.id
        const item = { externalId: 'consensus-001', name: 'consensus-001.svg', type: 'image', url: SCENE, width: 960, height: 600 }
        const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: JSON.stringify(item),
        })
        assert(imported.ok, `import: ${imported.status}`)
        const templates = (await rest('GET', `/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`)).docs as any[]
        const template = templates.find((candidate) => candidate.name === 'Consensus')
        assert(template, 'the built-in "Consensus" template exists')
        world.project = (
          await rest('POST', '/api/projects', {
            workspace,
            name: 'Street scenes — consensus',
            datasets: [dataset],
            ontology,
            workflowTemplate: template.id,
            collaborators: [...world.ids.map((user) => ({ user, role: 'annotator' })), { user: world.reviewer, role: 'reviewer' }],
          })
        ).doc.id
        await rest('PATCH', `/api/projects/${world.project}`, { status: 'in-progress' })
        for (const [index, who] of ANNOTATORS.entries()) {
          const as = await login(who)
          const claimed = await rest('POST', `/api/projects/${world.project}/next`, {}, as)
          world.task = claimed.task.id
          await rest('PUT', `/api/tasks/${world.task}/label`, LABELS[index], as)
          await rest('POST', `/api/tasks/${world.task}/submit`, { expectedVersion: claimed.task.version }, as)
        }
        const task = await rest('GET', `/api/tasks/${world.task}?depth=0`)
        assert(task.stage === 'review', `the task waits in the consensus review (${task.stage})`)
        assert(task.consensusAgreement?.resolution === null, 'the round disagrees: nobody resolved it yet')
        assert(task.consensusAgreement.score < 0.9, `below the auto-accept (${task.consensusAgreement.score})`)
      },
    },
    {
      name: 'consensus: the reviewer sees the three branches over the scene, the agreement and the matrix',
      run: async () => {
        await signIn(page, base, REVIEWER)
        seen = consoleErrors.length
        await page.goto(`${base}/admin/labelops/annotate/${world.project}`, { timeout: 120_000 })
        await page.locator('[data-testid=label-canvas][data-ready=true]').waitFor({ timeout: 120_000 })
        await page.locator('.labelops-consensus').waitFor({ timeout: 30_000 })
        const branches = page.locator('[data-branch]')
        assert((await branches.count()) === 3, `three branches: ${await branches.count()}`)
        assert((await page.locator('.labelops-consensus__matrix tbody tr').count()) === 3, 'a 3 × 3 agreement matrix')
        // the best-agreeing branch starts picked whole
        const best = await branches.first().getAttribute('data-branch')
        assert(best === String(world.ids[0]) || best === String(world.ids[1]), `a or b agrees best (${best})`)
        assert(
          await page.locator(`[data-pick="${best}|car-${best === String(world.ids[0]) ? 'a' : 'b'}"]`).isChecked(),
          'its car is picked',
        )
        await shot('50-consensus-branches')
        noConsoleErrors()
      },
    },
    {
      name: 'consensus: the reviewer resolves per object — the best car and the third annotator’s sign, Clear — and approves',
      run: async () => {
        const best = await page.locator('[data-branch]').first().getAttribute('data-branch')
        const third = String(world.ids[2])
        await page.locator(`[data-pick="${third}|sign-c"]`).check()
        await page.locator('[data-feature=weather] input[type=radio]').first().check()
        const resolve = page.locator('[data-action=resolve-picks]')
        assert((await resolve.textContent())?.includes('2 objects'), `two objects picked: ${await resolve.textContent()}`)
        await shot('51-consensus-picked')
        await resolve.click()
        // the review of the resolved label follows on the same claim
        await page.locator('.labelops-review').waitFor({ timeout: 30_000 })
        const task = await rest('GET', `/api/tasks/${world.task}?depth=0`)
        assert(
          task.consensusAgreement.resolution?.mode === 'picks',
          `resolved by picks (${JSON.stringify(task.consensusAgreement.resolution)})`,
        )
        assert(String(task.consensusAgreement.resolution.by) === String(world.reviewer), 'by the reviewer')
        const labels = (await rest('GET', `/api/labels?where[task][equals]=${world.task}&where[author][equals]=${best}&depth=0`))
          .docs as any[]
        const ids = labels[0].objects.map((object: { id: string }) => object.id).sort()
        assert(ids.length === 2 && ids.includes('sign-c'), `the resolved label holds the car and the sign: ${ids}`)
        assert(labels[0].classifications[0].optionIds[0] === 'clear', 'and Clear')
        assert((await page.locator('[data-item]').count()) === 3, 'the review decides the car, the sign and Weather')
        await shot('52-consensus-review')
        await page.locator('[data-action=approve-rest]').click()
        await page.locator('[data-action=send-review]').click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const done = await rest('GET', `/api/tasks/${world.task}?depth=0`)
        assert(done.stage === 'complete', `the task is complete (${done.stage})`)
        const journal = (await rest('GET', `/api/task-events?where[task][equals]=${world.task}&sort=seq&limit=100&depth=0`)).docs.map(
          (event: { type: string }) => event.type,
        )
        assert(journal.includes('resolved') && journal.includes('approved'), `journal: ${journal.join(', ')}`)
        noConsoleErrors()
      },
    },
  ]
}
