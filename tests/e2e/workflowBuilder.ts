// The workflow builder, through the UI only (called from run.ts): a built-in template opens read-only; an admin
// builds a workflow with a router and a review loop — drawing one pathway on the canvas, choosing the rest in the
// side panel — sees the missing reject pathway named on its stage, fixes it and saves (the stored graph checked);
// a project with tasks opens its workflow frozen: a stage is renamed, stages and pathways stay as they were.
import type { Step } from './harness.ts'
import { assert, pickOption, restClient, SCENE, signIn, type StepContext } from './workspaceKit.ts'

export function workflowBuilderSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const world = { workspace: 0, template: 0, project: 0 }
  let seen = 0
  const offsite: string[] = []
  page.on('request', (request) => {
    if (!/^https?:\/\/localhost[:/]/.test(request.url()) && !/^(data|blob):/.test(request.url())) offsite.push(request.url())
  })
  const noNewConsoleErrors = () => assert(consoleErrors.length === seen, `console errors: ${consoleErrors.slice(seen).join('\n')}`)
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
  const select = async (id: string) => {
    await node(id).click({ position: { x: 30, y: 14 } })
    await page.locator(`[data-panel="${id}"]`).waitFor({ timeout: 10_000 })
  }
  const lead = async (from: string, pathway: string, to: string) => {
    await select(from)
    await page.locator(`[data-panel="${from}"] select[name="leads-${pathway}"]`).selectOption(to)
  }
  const saved = () =>
    page
      .getByText(/Updated successfully|saved successfully|created successfully/i)
      .first()
      .waitFor({ timeout: 30_000 })

  return [
    {
      name: 'builder: a built-in template opens in the builder, read-only',
      run: async () => {
        // earlier groups leave the browser signed in as someone else
        await signIn(page, base, admin)
        token = (await rest('POST', '/api/users/login', admin, '')).token
        world.workspace = (await rest('POST', '/api/workspaces', { name: 'Builder desk' })).doc.id
        const templates = await rest('GET', `/api/workflow-templates?where[workspace][equals]=${world.workspace}&limit=10`)
        const builtIn = templates.docs.find((doc: { name: string }) => doc.name === 'Annotate → Review → Rework → Review → Complete')
        assert(builtIn, `the built-in templates: ${templates.docs.map((doc: { name: string }) => doc.name).join(', ')}`)
        seen = consoleErrors.length
        offsite.length = 0
        await page.goto(`${base}/admin/collections/workflow-templates/${builtIn.id}`, { timeout: 120_000 })
        await node('rework').waitFor({ timeout: 60_000 })
        assert((await page.locator('.react-flow__node').count()) === 4, 'four stages drawn')
        await page.locator('.react-flow__edge').nth(3).waitFor({ timeout: 10_000 })
        assert((await page.locator('.react-flow__edge').count()) === 4, 'four pathways drawn')
        assert((await page.locator('[data-add]').count()) === 0, 'no palette on a built-in template')
        await page.getByText('A built-in pattern: read-only').waitFor({ timeout: 10_000 })
        await page.getByText('The workflow is valid').waitFor({ timeout: 10_000 })
        await select('review')
        assert(await page.locator('[data-panel="review"] select[name="leads-reject"]').isDisabled(), 'pathways fixed')
        await page.waitForLoadState('networkidle')
        assert(offsite.length === 0, `requests off localhost: ${offsite.join(', ')}`)
        noNewConsoleErrors()
        await shot('80-workflow-builtin-readonly')
      },
    },
    {
      name: 'builder: an admin builds a router and a review loop; the missing reject pathway shows on its stage',
      run: async () => {
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/workflow-templates/create`, { timeout: 120_000 })
        await page.locator('#field-name').fill('Sampled review')
        await pickOption(page, 'workspace', 'Builder desk')
        await page.locator('[data-starter="annotate-complete"]').click()
        await node('complete').waitFor({ timeout: 10_000 })
        await page.locator('[data-add="review"]').click()
        await page.locator('[data-add="percentage-router"]').click()
        await node('router').waitFor({ timeout: 10_000 })
        await shot('81-workflow-builder-stages-added')

        // one pathway drawn on the canvas: annotate's submit handle onto the router
        const from = await node('annotate').locator('[data-pathway="submit"] .react-flow__handle').boundingBox()
        const to = await node('router').locator('.labelops-stage__in').boundingBox()
        assert(from && to, 'handles on screen')
        await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
        await page.mouse.down()
        await page.mouse.move(to.x + 30, to.y + to.height / 2, { steps: 12 })
        await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 })
        await page.mouse.up()
        await node('annotate').getByText('→ Percentage router').waitFor({ timeout: 10_000 })

        // the router: branch a is sent to review, then renamed (its pathway follows); b to complete; 20 / 80
        await lead('router', 'a', 'review')
        const panel = page.locator('[data-panel="router"]')
        await panel.locator('input[name="pathway-0"]').fill('b')
        await panel.locator('input[name="pathway-0"]').press('Enter')
        await panel.getByText('Another branch is already called "b".').waitFor({ timeout: 10_000 })
        await panel.locator('input[name="pathway-0"]').fill('second-look')
        await panel.locator('input[name="pathway-0"]').press('Enter')
        await node('router').getByText('→ Review').waitFor({ timeout: 10_000 })
        await panel.locator('input[name="weight-0"]').fill('20')
        await panel.locator('input[name="weight-0"]').press('Enter')
        await panel.locator('input[name="weight-1"]').fill('80')
        await panel.locator('input[name="weight-1"]').press('Enter')
        assert(
          (await panel.locator('select[name="leads-second-look"]').inputValue()) === 'review',
          'the renamed branch still leads to review',
        )
        await lead('router', 'b', 'complete')
        await lead('review', 'approve', 'complete')
        await node('review').getByText('"reject" is missing').waitFor({ timeout: 10_000 })
        await page.getByText('1 problem to fix before saving').waitFor({ timeout: 10_000 })
        noNewConsoleErrors()
        await shot('82-workflow-builder-missing-reject')
      },
    },
    {
      name: 'builder: the reject pathway goes back to annotation; the workflow saves as built',
      run: async () => {
        await lead('review', 'reject', 'annotate')
        await page.getByText('The workflow is valid').waitFor({ timeout: 10_000 })
        assert((await node('review').locator('.labelops-stage__problems').count()) === 0, 'no problem left on review')
        await page.click('#action-save')
        await page.waitForURL(/\/workflow-templates\/[0-9a-f-]+$/, { timeout: 60_000 })
        world.template = Number(page.url().split('/').pop()) || (page.url().split('/').pop() as never)
        const stored = await rest('GET', `/api/workflow-templates/${world.template}`)
        const edges = new Set(
          stored.graph.edges.map((edge: { from: string; pathway: string; to: string }) => `${edge.from}.${edge.pathway}>${edge.to}`),
        )
        for (const expected of [
          'annotate.submit>router',
          'router.second-look>review',
          'router.b>complete',
          'review.approve>complete',
          'review.reject>annotate',
        ])
          assert(edges.has(expected), `stored edge ${expected}: ${[...edges].join(' ')}`)
        assert(stored.graph.edges.length === 5, `five stored edges: ${[...edges].join(' ')}`)
        const router = stored.graph.stages.find((stage: { id: string }) => stage.id === 'router')
        const branches = router.config.branches.map((branch: { pathway: string; weight: number }) => `${branch.pathway}:${branch.weight}`)
        assert(
          router.config.kind === 'percentage' && branches.join(' ') === 'second-look:20 b:80',
          `stored router: ${JSON.stringify(router.config)}`,
        )
        noNewConsoleErrors()
        await shot('83-workflow-builder-saved')
      },
    },
    {
      name: 'builder: full screen keeps the keyboard in the builder; Escape closes it, keeps the edit under way and gives focus back',
      run: async () => {
        seen = consoleErrors.length
        const button = page.locator('[data-expand]')
        await button.click()
        const frame = page.locator('.labelops-workflow__frame[role="dialog"]')
        await frame.waitFor({ timeout: 10_000 })
        const insideFrame = () => page.evaluate(() => Boolean(document.activeElement?.closest('.labelops-workflow__frame[role="dialog"]')))
        assert(await insideFrame(), 'focus moves into the builder')
        // more Tabs than the builder has stops: focus never reaches the page behind, forwards or back
        for (let press = 0; press < 40; press += 1) {
          await page.keyboard.press('Tab')
          assert(await insideFrame(), `Tab ${press + 1} left the builder`)
        }
        for (let press = 0; press < 10; press += 1) {
          await page.keyboard.press('Shift+Tab')
          assert(await insideFrame(), `Shift+Tab ${press + 1} left the builder`)
        }
        await shot('83b-workflow-builder-full-screen')
        // a branch renamed in full screen and left with Escape (no Enter, no click elsewhere) is kept
        await select('router')
        await page.locator('[data-panel="router"] input[name="pathway-1"]').fill('most')
        await page.keyboard.press('Escape')
        await frame.waitFor({ state: 'detached', timeout: 10_000 })
        assert(await page.evaluate(() => document.activeElement?.hasAttribute('data-expand') ?? false), 'focus back on Full screen')
        await node('router').getByText('most', { exact: true }).waitFor({ timeout: 10_000 })
        await page.click('#action-save')
        await saved()
        const router = (await rest('GET', `/api/workflow-templates/${world.template}`)).graph.stages.find(
          (stage: { id: string }) => stage.id === 'router',
        )
        const branches = router.config.branches.map((branch: { pathway: string }) => branch.pathway).join(' ')
        assert(branches === 'second-look most', `the rename stored: ${branches}`)
        noNewConsoleErrors()
      },
    },
    {
      name: "builder: a running project's workflow opens frozen; a stage is renamed, the structure stays",
      run: async () => {
        const dataset = (await rest('POST', '/api/datasets', { workspace: world.workspace, name: 'Builder frames' })).doc.id
        const row = { externalId: 'builder-1', name: 'builder-1.svg', type: 'image', url: SCENE, width: 960, height: 600 }
        const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: JSON.stringify(row),
        })
        assert(imported.ok, `import: ${imported.status}`)
        world.project = (
          await rest('POST', '/api/projects', {
            workspace: world.workspace,
            name: 'Builder run',
            workflowTemplate: world.template,
            datasets: [dataset],
          })
        ).doc.id
        const before = (await rest('GET', `/api/projects/${world.project}`)).workflow
        assert((await rest('GET', `/api/tasks/count?where[project][equals]=${world.project}`)).totalDocs === 1, 'the project has its task')
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/projects/${world.project}`, { timeout: 120_000 })
        await node('review').waitFor({ timeout: 60_000 })
        await page.getByText('This project has tasks').waitFor({ timeout: 30_000 })
        assert((await page.locator('[data-add]').count()) === 0, 'no palette once tasks exist')
        await select('review')
        assert(await page.locator('[data-panel="review"] select[name="leads-reject"]').isDisabled(), 'pathways frozen')
        assert(await page.locator('[data-panel="review"] input[type="checkbox"]').isDisabled(), 'self-review frozen')
        assert((await page.locator('[data-panel="review"] footer').count()) === 0, 'no Remove or Make start')
        await node('review').click({ position: { x: 30, y: 14 } })
        await page.keyboard.press('Delete')
        await page.keyboard.press('Backspace')
        assert((await page.locator('.react-flow__node').count()) === 4, 'Delete removes no stage of a running project')
        const name = page.locator('[data-panel="review"] input[name="stage-name"]')
        await name.fill('Second look')
        await name.press('Enter')
        await node('review').getByText('Second look').waitFor({ timeout: 10_000 })
        await shot('84-workflow-project-frozen')
        await page.click('#action-save')
        await saved()
        const after = (await rest('GET', `/api/projects/${world.project}`)).workflow
        assert(after.stages.find((stage: { id: string }) => stage.id === 'review').name === 'Second look', 'the stage renamed')
        assert(JSON.stringify(after.edges) === JSON.stringify(before.edges), 'the pathways unchanged')
        noNewConsoleErrors()
      },
    },
    {
      name: 'builder: tags show as pills in the projects list, not as a raw array',
      run: async () => {
        seen = consoleErrors.length
        await rest('PATCH', `/api/projects/${world.project}`, { tags: ['demo', 'driving'] })
        await page.goto(`${base}/admin/collections/projects?where[workspace][equals]=${world.workspace}`, { timeout: 120_000 })
        const row = page.locator('tr', { hasText: 'Builder run' }).first()
        await row.waitFor({ timeout: 60_000 })
        assert(!(await row.innerText()).includes('["demo"'), `tags shown as a raw array: ${await row.innerText()}`)
        assert((await row.locator('.labelops-tags__tag').allInnerTexts()).join(' ') === 'demo driving', 'one pill per tag')
        noNewConsoleErrors()
        await shot('85-tags-as-pills')
      },
    },
  ]
}
