// Labels out and in through the Queue tab (called from run.ts): a project is set up and two of its tasks labelled
// over REST; then, in the browser, the workspace's Admin exports the labels as COCO from the Queue tab (the file
// has the two images and their boxes in pixels), imports a LabelOps JSON export into a second project on the
// same data as pre-labels (the tab says how many), and a file with a bad row is refused with the row named.
// The annotator's claim in the second project then starts from the pre-label. Any console error fails the run.
import { readFile } from 'node:fs/promises'

import type { Step } from './harness.ts'
import { assert, ONTOLOGY, restClient, SCENE, signIn, type StepContext } from './workspaceKit.ts'

export function labelTransferSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const world = { workspace: 0, dataset: 0, source: 0, target: 0, exported: null as unknown }
  let seen = 0
  /** `expected`: the one refusal a step provokes on purpose (the browser logs every 4xx answer as an error) */
  const noConsoleErrors = (expected?: RegExp) => {
    const mine = consoleErrors.slice(seen).filter((error) => !expected?.test(error))
    assert(mine.length === 0, `browser console errors:\n${mine.join('\n')}`)
  }
  const project = async (name: string) => {
    const created = (
      await rest('POST', '/api/projects', {
        workspace: world.workspace,
        name,
        datasets: [world.dataset],
        ontology: (await rest('GET', `/api/ontologies?where[workspace][equals]=${world.workspace}&limit=1`)).docs[0].id,
        workflowTemplate: (
          await rest(
            'GET',
            `/api/workflow-templates?where[workspace][equals]=${world.workspace}&where[name][equals]=Annotate → Review → Complete`,
          )
        ).docs[0].id,
      })
    ).doc.id
    await rest('PATCH', `/api/projects/${created}`, { status: 'in-progress' })
    return created as number
  }
  const openQueue = async (id: number) => {
    await page.goto(`${base}/admin/collections/projects/${id}/queue`, { timeout: 120_000 })
    await page.locator('[data-testid="label-transfer"]').waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
  }

  return [
    {
      name: 'labels: a project with two labelled tasks (REST)',
      run: async () => {
        token = (await rest('POST', '/api/users/login', admin, '')).token
        world.workspace = (await rest('POST', '/api/workspaces', { name: 'Export desk' })).doc.id
        await rest('POST', '/api/ontologies', { workspace: world.workspace, name: 'Street', ...ONTOLOGY })
        world.dataset = (await rest('POST', '/api/datasets', { workspace: world.workspace, name: 'Street frames' })).doc.id
        const manifest = [0, 1, 2]
          .map((i) =>
            JSON.stringify({ externalId: `street-${i}`, name: `street-${i}.svg`, type: 'image', url: SCENE, width: 960, height: 600 }),
          )
          .join('\n')
        const imported = await fetch(`${base}/api/datasets/${world.dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: manifest,
        })
        assert(imported.ok, `import: ${imported.status}`)
        world.source = await project('Street export')
        for (const x of [0.25, 0.5]) {
          const claim = await rest('POST', `/api/projects/${world.source}/next`, {})
          await rest('PUT', `/api/tasks/${claim.task.id}/label`, {
            objects: [{ id: 'car-1', featureId: 'car', geometry: { x, y: 0.6, w: 0.2, h: 0.15 } }],
            classifications: [{ featureId: 'weather', optionIds: ['clear'] }],
          })
          await rest('POST', `/api/tasks/${claim.task.id}/submit`, { expectedVersion: claim.task.version })
        }
        world.exported = await rest('GET', `/api/projects/${world.source}/export`)
      },
    },
    {
      name: 'labels: the Admin exports the labels as COCO from the Queue tab (UI)',
      run: async () => {
        await signIn(page, base, admin)
        seen = consoleErrors.length
        await openQueue(world.source)
        await page.selectOption('select[aria-label="Export format"]', 'coco')
        await shot('64-labels-export')
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 30_000 }),
          page.locator('[data-action="export-labels"]').click(),
        ])
        assert(/^street-export-labels-\d{4}-\d\d-\d\d\.coco\.json$/.test(download.suggestedFilename()), download.suggestedFilename())
        const coco = JSON.parse(await readFile((await download.path())!, 'utf8'))
        assert(coco.images.length === 2, `images: ${coco.images.length}`)
        const boxes = coco.annotations.map((annotation: { bbox: number[] }) => annotation.bbox[0]).sort((a: number, b: number) => a - b)
        assert(JSON.stringify(boxes) === JSON.stringify([240, 480]), `box x in pixels: ${JSON.stringify(boxes)}`)
        noConsoleErrors()
      },
    },
    {
      name: 'labels: the Admin imports them into another project as pre-labels, and a bad file is refused row by row (UI)',
      run: async () => {
        world.target = await project('Street pre-labelled')
        seen = consoleErrors.length
        await openQueue(world.target)
        const file = (name: string, content: unknown) => ({
          name,
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(content)),
        })
        const outcome = page.locator('[data-testid="import-outcome"]')
        await page.locator('[data-testid="import-labels-file"]').setInputFiles(file('street-export.json', world.exported))
        await outcome.waitFor({ timeout: 30_000 })
        const said = await outcome.innerText()
        assert(/Imported 2 pre-labels from street-export\.json \(2 new, 0 replaced\)/.test(said), said)
        await shot('65-labels-imported')
        await page.getByRole('button', { name: 'Dismiss' }).click()

        const broken = structuredClone(world.exported) as { tasks: Array<{ label: { objects: Array<{ featureId: string }> } }> }
        broken.tasks[1]!.label.objects[0]!.featureId = 'bicycle'
        await page.locator('[data-testid="import-labels-file"]').setInputFiles(file('broken.json', broken))
        await outcome.waitFor({ timeout: 30_000 })
        const refused = await outcome.innerText()
        assert(/Nothing was imported/.test(refused) && /tasks\[1\]\.label\.objects\[0\]\.featureId/.test(refused), refused)
        await page.waitForLoadState('networkidle')
        await shot('66-labels-refused')
        noConsoleErrors(/^Failed to load resource: .* 400 .*\/import-labels\?kind=pre-label&source=broken\.json/)

        const claim = await rest('POST', `/api/projects/${world.target}/next`, {})
        assert(claim.preLabel?.objects?.[0]?.featureId === 'car', `the claim starts from the pre-label: ${JSON.stringify(claim.preLabel)}`)
        await rest('POST', `/api/tasks/${claim.task.id}/release`, { expectedVersion: claim.task.version })
      },
    },
  ]
}
