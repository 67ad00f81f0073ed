// Setting up without JSON (called from run.ts). A CSV of data items is imported on its dataset's page (counts and
// rejected rows shown). A data item's metadata is edited as text with no request
// leaving localhost (Payload's Monaco editor would fetch itself from a CDN): text that is not JSON is named by
// line and column and the save is refused with nothing changed; fixed, it saves. An ontology is made in the
// ontology editor — objects, attributes, questions with options — saved with ids the server gives; a problem
// shows at its input before saving; removing a feature labels use is refused with the server's reason on it.
import type { Step } from './harness.ts'
import { assert, ONTOLOGY, openSelectOptions, restClient, SCENE, type StepContext } from './workspaceKit.ts'

export function jsonFieldSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const world = { workspace: 0, dataset: 0, item: 0, ontology: 0, used: 0, project: 0 }
  let seen = 0
  const offsite: string[] = []
  page.on('request', (request) => {
    if (!/^https?:\/\/localhost[:/]/.test(request.url()) && !request.url().startsWith('data:')) offsite.push(request.url())
  })
  const noNewConsoleErrors = () => assert(consoleErrors.length === seen, `console errors: ${consoleErrors.slice(seen).join('\n')}`)
  const metadata = page.locator('#field-metadata')
  const saved = () =>
    page
      .getByText(/Updated successfully|saved successfully|created successfully/i)
      .first()
      .waitFor({ timeout: 30_000 })

  return [
    {
      name: 'setup: a data item opens with its metadata as text, nothing fetched from outside',
      run: async () => {
        token = (await rest('POST', '/api/users/login', admin, '')).token
        world.workspace = (await rest('POST', '/api/workspaces', { name: 'Setup desk' })).doc.id
        const dataset = (await rest('POST', '/api/datasets', { workspace: world.workspace, name: 'Setup frames' })).doc.id
        world.dataset = dataset
        const row = {
          externalId: 'setup-1',
          name: 'setup-1.svg',
          type: 'image',
          url: SCENE,
          width: 960,
          height: 600,
          metadata: { camera: 'front', weather: 'sun' },
        }
        const imported = await fetch(`${base}/api/datasets/${dataset}/import`, {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/x-ndjson' },
          body: JSON.stringify(row),
        })
        assert(imported.ok, `import: ${imported.status}`)
        world.item = (await rest('GET', `/api/data-items?where[dataset][equals]=${dataset}`)).docs[0].id
        offsite.length = 0
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/data-items/${world.item}`, { timeout: 120_000 })
        await metadata.waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        assert(JSON.parse(await metadata.inputValue()).camera === 'front', `metadata as text: ${await metadata.inputValue()}`)
        assert(offsite.length === 0, `requests off localhost: ${offsite.join(', ')}`)
        noNewConsoleErrors()
        await shot('67-data-item-metadata-text')
      },
    },
    {
      name: 'setup: metadata that is not JSON is named by line and column; saving it changes nothing; fixed, it saves',
      run: async () => {
        const text = await metadata.inputValue()
        await metadata.fill(text.replace('"front"', '"front",,'))
        await page
          .getByText(/Not valid JSON at line 2, column \d+/)
          .first()
          .waitFor({ timeout: 10_000 })
        await shot('68-data-item-metadata-invalid')
        const answer = page.waitForResponse(
          (response) => response.url().includes(`/api/data-items/${world.item}`) && response.request().method() === 'PATCH',
          { timeout: 30_000 },
        )
        await page.click('#action-save')
        assert((await answer).status() === 400, 'the server refuses text that is not JSON')
        await page.locator('[data-sonner-toast]').first().waitFor({ timeout: 30_000 })
        assert((await metadata.inputValue()).includes('"front",,'), 'the typed text survives the refused save')
        assert((await rest('GET', `/api/data-items/${world.item}`)).metadata.camera === 'front', 'unchanged after a refused save')
        seen = consoleErrors.length // the browser logs the refused save's 400: the point of this step
        await metadata.fill(text.replace('"front"', '"rear"'))
        await page
          .getByText(/Not valid JSON/)
          .first()
          .waitFor({ state: 'detached', timeout: 10_000 })
        await page.click('#action-save')
        await saved()
        assert((await rest('GET', `/api/data-items/${world.item}`)).metadata.camera === 'rear', 'saved')
        noNewConsoleErrors()
      },
    },
    {
      name: 'setup: a CSV imported on the dataset page: progress, counts, and its two bad rows listed by field and rule',
      run: async () => {
        await page.goto(`${base}/admin/collections/datasets/${world.dataset}`, { timeout: 120_000 })
        await page.locator('[data-action="import-data-items"]').waitFor({ timeout: 60_000 })
        const csv = [
          'externalId,name,type,url,width,height',
          'street-a,street-a.svg,image,https://example.com/a.svg,960,600',
          'street-b,street-b.svg,hologram,https://example.com/b.svg,960,600',
          'street-c,street-c.svg,image,https://example.com/c.svg,-5,600',
          'setup-1,setup-1.svg,image,https://example.com/1.svg,960,600',
        ].join('\n')
        await page.locator('[data-testid="import-data-items-file"]').setInputFiles({
          name: 'street.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(csv),
        })
        const outcome = page.locator('[data-testid="dataset-import-outcome"]')
        await outcome.waitFor({ timeout: 60_000 })
        const text = await outcome.innerText()
        assert(/2\s+rows accepted \(1 created, 1 updated/.test(text), `counts: ${text}`)
        assert(/2\s+rejected/.test(text), `rejected count: ${text}`)
        const rows = await outcome.locator('tbody tr').allInnerTexts()
        assert(
          rows.length === 2 && /^2\s+type\s+must be one of image/.test(rows[0]!) && /^3\s+width\s+must be at least 1/.test(rows[1]!),
          `rejected rows: ${rows.join(' | ')}`,
        )
        await shot('69-dataset-import')
        const items = await rest('GET', `/api/data-items?where[dataset][equals]=${world.dataset}&limit=10`)
        assert(items.totalDocs === 2, `two items stored (street-a new, setup-1 updated): ${items.totalDocs}`)
        noNewConsoleErrors()
      },
    },
    {
      name: 'setup: an ontology made in the editor — an object with an attribute, a question with options — saves with ids',
      run: async () => {
        await page.goto(`${base}/admin/collections/ontologies/create`, { timeout: 120_000 })
        await page.locator('#field-name').waitFor({ timeout: 60_000 })
        await page.fill('#field-name', 'Made in the editor')
        await page.locator('#field-workspace').click()
        await page.locator('.rs__option', { hasText: 'Setup desk' }).first().click()
        const objects = page.locator('[data-field="objects"]')
        await objects.getByRole('button', { name: '+ Add an object' }).click()
        await objects.locator('[data-path="objects[0]"] input[placeholder="e.g. Car"]').fill('Car')
        await objects.getByRole('button', { name: '+ Add an object' }).click()
        await objects.locator('[data-path="objects[1]"] select').first().selectOption('polygon')
        // a name left empty is named at its input before any save
        await objects.locator('[data-path="objects[1]"]').getByText('is required').first().waitFor({ timeout: 10_000 })
        await objects.locator('[data-path="objects[1]"] input[placeholder="e.g. Car"]').fill('Road')
        await objects.locator('[data-path="objects[0]"]').getByRole('button', { name: '+ Add an attribute' }).click()
        await objects.locator('[data-path="objects[0].attributes[0]"] input[placeholder="e.g. Weather"]').fill('Occluded')
        await objects.locator('[data-path="objects[0].attributes[0].options[0]"] input').first().fill('Yes')
        // reorder: Road first
        await objects.getByRole('button', { name: 'Move object Road up' }).click()
        const questions = page.locator('[data-field="classifications"]')
        await questions.getByRole('button', { name: '+ Add a question' }).click()
        await questions.locator('[data-path="classifications[0]"] input[placeholder="e.g. Weather"]').fill('Weather')
        await questions.locator('[data-path="classifications[0].options[0]"] input').first().fill('Sunny')
        await questions.locator('[data-path="classifications[0]"]').getByRole('button', { name: '+ Add an option' }).first().click()
        await questions.locator('[data-path="classifications[0].options[1]"] input').first().fill('Rain')
        assert((await page.locator('.labelops-ontology__problem').count()) === 0, 'no problems left')
        await shot('70-ontology-editor')
        await page.click('#action-save')
        await page.waitForURL(/\/admin\/collections\/ontologies\/\d+/, { timeout: 60_000 })
        world.ontology = Number(page.url().match(/ontologies\/(\d+)/)![1])
        const stored = await rest('GET', `/api/ontologies/${world.ontology}`)
        assert(
          JSON.stringify(stored.objects.map((object: { name: string; shape: string }) => [object.name, object.shape])) ===
            JSON.stringify([
              ['Road', 'polygon'],
              ['Car', 'bounding-box'],
            ]),
          `objects: ${JSON.stringify(stored.objects)}`,
        )
        assert(/^car-[0-9a-f]{6}$/.test(stored.objects[1].id), `the server gave the car an id: ${stored.objects[1].id}`)
        assert(stored.objects[1].attributes[0].options[0].label === 'Yes', 'the attribute and its option')
        assert(stored.classifications[0].options.map((option: { label: string }) => option.label).join() === 'Sunny,Rain', 'the options')
        await page
          .locator('[data-path="objects[1]"] .labelops-ontology__id', { hasText: stored.objects[1].id })
          .waitFor({ timeout: 30_000 })
        await shot('71-ontology-saved')
        noNewConsoleErrors()
      },
    },
    {
      name: 'setup: removing an object labels use is refused, the reason shown on that object; nothing changes',
      run: async () => {
        // the project ontology of the REST fixture: a submitted label uses its "car"
        world.used = (await rest('POST', '/api/ontologies', { workspace: world.workspace, name: 'In use', ...ONTOLOGY })).doc.id
        const dataset = (await rest('GET', `/api/datasets?where[workspace][equals]=${world.workspace}`)).docs[0].id
        const template = (
          await rest(
            'GET',
            `/api/workflow-templates?where[workspace][equals]=${world.workspace}&where[name][equals]=Annotate → Review → Complete`,
          )
        ).docs[0].id
        const project = (
          await rest('POST', '/api/projects', {
            workspace: world.workspace,
            name: 'Uses it',
            datasets: [dataset],
            ontology: world.used,
            workflowTemplate: template,
          })
        ).doc.id
        await rest('PATCH', `/api/projects/${project}`, { status: 'in-progress' })
        world.project = project
        const claim = await rest('POST', `/api/projects/${project}/next`, {})
        await rest('PUT', `/api/tasks/${claim.task.id}/label`, {
          objects: [{ id: 'car-1', featureId: 'car', geometry: { x: 0.2, y: 0.6, w: 0.2, h: 0.15 } }],
          classifications: [{ featureId: 'weather', optionIds: ['clear'] }],
        })
        await rest('POST', `/api/tasks/${claim.task.id}/submit`, { expectedVersion: claim.task.version })
        await page.goto(`${base}/admin/collections/ontologies/${world.used}`, { timeout: 120_000 })
        const car = page.locator('[data-path="objects[0]"]')
        await car.waitFor({ timeout: 60_000 })
        await car.getByRole('button', { name: 'Remove object Car' }).click()
        await page.click('#action-save')
        await page
          .getByText(/feature "car" is removed but labels use it/)
          .first()
          .waitFor({ timeout: 30_000 })
        await page
          .locator('[data-field="objects"] .labelops-ontology__refusal', { hasText: /Not saved: objects\[0\]: feature "car" is removed/ })
          .waitFor({ timeout: 10_000 })
        await page.waitForTimeout(1_500) // still there once Payload's form state has refreshed
        assert(
          (await page.locator('[data-field="objects"].error .labelops-ontology__refusal').count()) === 1,
          'the refusal stays on the field',
        )
        await shot('72-ontology-in-use-refused')
        const stored = await rest('GET', `/api/ontologies/${world.used}`)
        assert(stored.objects[0].id === 'car', 'the car is still there')
        seen = consoleErrors.length // the refused save's 409 is expected
      },
    },
    {
      name: "setup: a running project's status offers only the moves allowed from In progress",
      run: async () => {
        await page.goto(`${base}/admin/collections/projects/${world.project}`, { timeout: 120_000 })
        const options = await openSelectOptions(page, 'status')
        assert(options.join() === 'In progress,Paused,Completed,Cancelled', `status options: ${options.join()}`)
        await shot('73-project-status-moves')
        await page.keyboard.press('Escape')
        noNewConsoleErrors()
      },
    },
  ]
}
