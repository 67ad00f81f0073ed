// Review and rework in the browser (called from run.ts): a project with Annotate → Review → Complete is set up
// over REST; then, through the UI only, an annotator labels and submits; a reviewer rejects one label with a
// note and approves the rest; the annotator sees the issue pinned to that label, fixes it and resubmits; the
// reviewer sees what changed and approves. The stored task, label, issues and journal are checked after each
// step; any browser console error fails the run.
import type { Step } from './harness.ts'
import { assert, canvasPoint, dragBox, reviewedProject, reviewKit, SCENE, type StepContext } from './workspaceKit.ts'

type Ctx = StepContext

const ANNOTATOR = { email: 'rework-annotator@example.com', password: 'e2e-annotator-456' }
const REVIEWER = { email: 'reviewer@example.com', password: 'e2e-reviewer-789' }
const NOTE = 'The box misses the front bumper'

export function reviewSteps(ctx: Ctx): Step[] {
  const { page, base, shot } = ctx
  const { rest, world, asAdmin, noConsoleErrors, task, label, issues, journal, as, openWorkspace } = reviewKit(ctx)

  return [
    {
      name: 'review: a project with a review stage (REST set-up: annotator, reviewer, one image, In progress)',
      run: async () => {
        const token = await asAdmin()
        Object.assign(
          world,
          await reviewedProject(
            rest,
            base,
            token,
            { workspace: 'Review desk', ontology: 'Streets (review)', dataset: 'Scenes to review', project: 'Street scenes — reviewed' },
            { annotator: ANNOTATOR, reviewer: REVIEWER },
            { externalId: 'review-001', name: 'review-001.svg', type: 'image', url: SCENE, width: 960, height: 600 },
          ),
        )
      },
    },
    {
      name: 'review: the annotator draws a box and a point, answers Weather, submits; the task goes to review',
      run: async () => {
        await as(ANNOTATOR)
        await openWorkspace()
        await dragBox(page, '1', await canvasPoint(page, 262 / 960, 360 / 600), await canvasPoint(page, 400 / 960, 490 / 600))
        await page.keyboard.press('4')
        const sign = await canvasPoint(page, 694 / 960, 240 / 600)
        await page.mouse.click(sign.x, sign.y)
        await page.keyboard.press('Escape')
        await page.getByLabel('Clear').check()
        await page.getByText('Objects (2)').waitFor({ timeout: 10_000 })
        await page.locator('[data-save=saved]').waitFor({ timeout: 30_000 })
        await page.locator('[data-action=submit]').click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const submitted = await task()
        assert(
          submitted.stage === 'review' && submitted.status === 'new',
          `the task waits in review (${submitted.stage}/${submitted.status})`,
        )
        const stored = await label()
        world.boxId = stored.objects.find((object: any) => object.featureId === 'car')?.id
        assert(stored.status === 'submitted' && world.boxId, `the label is submitted with its box (${stored.status})`)
        noConsoleErrors()
      },
    },
    {
      name: 'review: the reviewer sees the labels, rejects the box with a note and approves the rest in one review',
      run: async () => {
        await as(REVIEWER)
        await openWorkspace()
        await page.locator('.labelops-review').waitFor({ timeout: 30_000 })
        const items = page.locator('[data-item]')
        assert((await items.count()) === 3, `three items to decide (box, point, Weather): ${await items.count()}`)
        await shot('30-review-open')
        const send = page.locator('[data-action=send-review]')
        assert(await send.isDisabled(), 'the review waits for a verdict on every item')
        await page.locator(`[data-item="object:${world.boxId}"] [data-verdict=reject]`).click()
        await page.getByLabel(/Why reject Car #1/).fill(NOTE)
        await page.locator('[data-action=approve-rest]').click()
        assert(!(await send.isDisabled()), 'every item decided: the review can be sent')
        assert((await send.textContent())?.includes('Send back for rework'), 'a rejection sends the task back')
        await shot('31-review-decided')
        await send.click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const reopened = await task()
        assert(
          reopened.stage === 'annotate' && reopened.status === 'reopened',
          `back to the annotator (${reopened.stage}/${reopened.status})`,
        )
        const [issue] = await issues()
        assert(
          issue?.status === 'open' && issue.anchor?.labelObject === world.boxId && issue.title.includes(NOTE),
          `an open issue on the box: ${JSON.stringify(issue)}`,
        )
        const stored = await label()
        assert(stored.review?.[`object:${world.boxId}`]?.verdict === 'reject', 'the verdict on the box is kept with the label')
        assert(Object.values(stored.review).filter((entry: any) => entry.verdict === 'approve').length === 2, 'the rest approved')
        noConsoleErrors()
      },
    },
    {
      name: 'review: the annotator sees the issue pinned to the box, moves the box (marked fixed) and resubmits',
      run: async () => {
        await as(ANNOTATOR)
        await openWorkspace()
        const pinned = page.locator('[data-issue]')
        await pinned.waitFor({ timeout: 30_000 })
        assert((await pinned.getAttribute('data-fixed')) === 'false', 'the issue is open')
        assert((await pinned.textContent())?.includes(NOTE), 'the issue says what the reviewer wrote')
        await page.locator('.labelops-objects .labelops-pill--warn').first().waitFor({ timeout: 10_000 })
        await shot('32-rework-issue-pinned')
        await pinned.getByRole('button', { name: 'Car #1' }).click() // selects the box
        const from = await canvasPoint(page, 330 / 960, 425 / 600)
        const to = await canvasPoint(page, 315 / 960, 425 / 600)
        await page.mouse.move(from.x, from.y)
        await page.mouse.down()
        await page.mouse.move(to.x, to.y, { steps: 5 })
        await page.mouse.up()
        await page.locator('[data-issue][data-fixed=true]').waitFor({ timeout: 10_000 })
        await page.locator('[data-save=saved]').waitFor({ timeout: 30_000 })
        await shot('33-rework-fixed')
        await page.locator('[data-action=submit]').click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const [issue] = await issues()
        assert(issue.status === 'resolved', `the fix resolved the issue (${issue.status})`)
        const resubmitted = await task()
        assert(resubmitted.stage === 'review', `back in review (${resubmitted.stage}/${resubmitted.status})`)
        noConsoleErrors()
      },
    },
    {
      name: 'review: the reviewer sees what changed since round 1 and approves; the task completes',
      run: async () => {
        await as(REVIEWER)
        await openWorkspace()
        await page.locator('.labelops-review').waitFor({ timeout: 30_000 })
        await page.locator(`[data-item="object:${world.boxId}"] .labelops-pill--changed`).waitFor({ timeout: 10_000 })
        await page.getByText('Review round 2').waitFor({ timeout: 10_000 })
        await shot('34-review-round-2')
        await page.locator('[data-action=approve-rest]').click()
        await page.locator('[data-action=send-review]').click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const done = await task()
        assert(done.status === 'completed' && done.stage === 'complete', `completed (${done.stage}/${done.status})`)
        const types = await journal()
        for (const type of ['submitted', 'rejected', 'reopened', 'approved', 'completed'])
          assert(types.includes(type), `journal has ${type}: ${types.join(', ')}`)
        noConsoleErrors()
      },
    },
  ]
}
