// Video in the browser (called from run.ts): a 48-frame clip (tests/e2e/fixtures/frames.webm — each frame one
// colour, red rising and blue falling with the frame number) is uploaded as media and imported as a video item
// of a project with a review stage. Through the UI only, the annotator steps frames with the slider and the
// keys (the canvas shows the frame asked for: its pixels are checked), draws a box on frame 40 (stored with its
// frame, drawn there only), raises an issue on frame 10 and one at a point of frame 20, and submits; the
// reviewer picks the box from the list (it shows frame 40) and rejects it; in rework each issue takes the
// annotator to its frame. Any console error fails the run.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'

import { frameTime } from '../../src/domain/labels/videoFrames.ts'
import type { Step } from './harness.ts'
import { assert, dragBox, reviewedProject, reviewKit, type StepContext } from './workspaceKit.ts'

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'frames.webm')
const FRAMES = 48
const SECONDS = 2
const ANNOTATOR = { email: 'video-annotator@example.com', password: 'e2e-video-123' }
const REVIEWER = { email: 'video-reviewer@example.com', password: 'e2e-video-456' }

/** Screen position of a normalised point of the 320 x 200 clip on the canvas (fitted with a 16 px margin). */
async function clipPoint(page: Page, x: number, y: number) {
  const box = (await page.locator('[data-testid=label-canvas]').boundingBox())!
  const scale = Math.min((box.width - 32) / 320, (box.height - 32) / 200)
  return { x: box.x + (box.width - 320 * scale) / 2 + x * 320 * scale, y: box.y + (box.height - 200 * scale) / 2 + y * 200 * scale }
}

/** The colour drawn at a point of the clip (away from the box), read from the canvas. Source text: the runner's helpers do not exist in the page. */
async function colourAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const at = await clipPoint(page, x, y)
  return page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid=label-canvas] canvas')
    const rect = canvas.getBoundingClientRect()
    const px = Math.floor((${at.x} - rect.left) * (canvas.width / rect.width))
    const py = Math.floor((${at.y} - rect.top) * (canvas.height / rect.height))
    const pixel = canvas.getContext('2d').getImageData(px, py, 1, 1).data
    return [pixel[0], pixel[1], pixel[2]]
  })()`)
}

export function videoSteps(ctx: StepContext): Step[] {
  const { page, base, shot } = ctx
  const { rest, world, asAdmin, noConsoleErrors, task, label, issues, as, openWorkspace } = reviewKit(ctx)
  /** Waits until the canvas shows `frame` (the seek landed) and the slider says so. */
  const showing = async (frame: number) => {
    await page.locator(`.labelops-frames[data-frame="${frame}"]`).waitFor({ timeout: 10_000 })
    const time = frameTime(frame, FRAMES, SECONDS)
    await page.waitForFunction(
      `Math.abs(Number(document.querySelector('[data-testid=label-canvas]')?.dataset.shownAt) - ${time}) < 0.001`,
      undefined,
      { timeout: 10_000 },
    )
    await page.waitForTimeout(100) // the redraw after the seek
  }
  /** The clip's frame n is red n·5, blue 255 − n·5 (lossy: within 20). */
  const assertColourOf = async (frame: number) => {
    const [red, , blue] = await colourAt(page, 0.1, 0.15)
    assert(
      Math.abs(red - frame * 5) <= 20 && Math.abs(blue - (255 - frame * 5)) <= 20,
      `the canvas shows frame ${frame}: rgb(${red}, …, ${blue}) expected red ≈ ${frame * 5}, blue ≈ ${255 - frame * 5}`,
    )
  }

  return [
    {
      name: 'video: a clip uploaded as media and imported as a video item of a reviewed project (REST set-up)',
      run: async () => {
        const token = await asAdmin()
        const form = new FormData()
        form.append('file', new Blob([await readFile(FIXTURE)], { type: 'video/webm' }), 'frames.webm')
        form.append('_payload', JSON.stringify({ alt: 'a 48-frame test clip' }))
        const uploaded = await fetch(`${base}/api/media`, { method: 'POST', headers: { Authorization: `JWT ${token}` }, body: form })
        const answer = await uploaded.text()
        assert(uploaded.ok, `upload: ${uploaded.status} ${answer}`)
        const media = (JSON.parse(answer) as { doc: { id: number } }).doc.id
        Object.assign(
          world,
          await reviewedProject(
            rest,
            base,
            token,
            { workspace: 'Traffic video', ontology: 'Streets (video)', dataset: 'Dashcam clips', project: 'Dashcam — objects by frame' },
            { annotator: ANNOTATOR, reviewer: REVIEWER },
            { externalId: 'clip-001', name: 'clip-001.webm', type: 'video', media, frames: FRAMES, width: 320, height: 200 },
          ),
        )
      },
    },
    {
      name: 'video: the annotator steps frames with the slider and the keys; the canvas shows the frame asked for',
      run: async () => {
        await as(ANNOTATOR)
        await openWorkspace()
        await showing(0)
        assert((await page.getByTestId('frame-number').textContent())?.includes(`of ${FRAMES - 1}`), 'the slider counts 48 frames')
        await assertColourOf(0)
        await page.keyboard.press('.')
        await showing(1)
        await page.keyboard.press('Shift+.')
        await showing(11)
        await page.getByRole('button', { name: 'Previous frame', exact: true }).click()
        await showing(10)
        await page.getByRole('slider', { name: 'Frame' }).fill('40')
        await showing(40)
        await assertColourOf(40)
        await page.keyboard.press('End')
        await showing(FRAMES - 1)
        await page.keyboard.press('Home')
        await showing(0)
        noConsoleErrors()
      },
    },
    {
      name: 'video: a box drawn on frame 40 is stored with its frame and drawn on that frame only',
      run: async () => {
        await page.getByRole('slider', { name: 'Frame' }).fill('40')
        await showing(40)
        await dragBox(page, '1', await clipPoint(page, 0.3, 0.3), await clipPoint(page, 0.6, 0.7))
        await page.getByLabel('Clear').check()
        await page.locator('[data-save=saved]').waitFor({ timeout: 30_000 })
        const stored = await label()
        const box = stored.objects.find((object: any) => object.featureId === 'car')
        assert(box?.frame === 40, `the box is stored on frame 40: ${JSON.stringify(box)}`)
        world.boxId = box.id
        await page.locator('.labelops-objects').getByText('frame 40').waitFor({ timeout: 10_000 })
        await page.locator('.labelops-frames__mark').first().waitFor({ timeout: 10_000 })
        await shot('40-video-box-on-frame')
        // on frame 0 the box is not there: a click where it was selects nothing
        await page.keyboard.press('Home')
        await showing(0)
        const inside = await clipPoint(page, 0.45, 0.5)
        await page.mouse.click(inside.x, inside.y)
        assert((await page.locator('.labelops-objects li.is-selected').count()) === 0, 'nothing is drawn at that place on frame 0')
        // choosing the box in the list shows its frame
        await page.locator('.labelops-objects__pick').first().click()
        await showing(40)
        await page.locator('.labelops-objects li.is-selected').waitFor({ timeout: 10_000 })
        noConsoleErrors()
      },
    },
    {
      name: 'video: the annotator raises an issue on frame 10 (I) and one at a point of frame 20 (issue tool), then submits',
      run: async () => {
        await page.keyboard.press('Escape')
        await page.getByRole('slider', { name: 'Frame' }).fill('10')
        await showing(10)
        await page.keyboard.press('i')
        const form = page.getByRole('form', { name: 'Raise an issue' })
        await form.getByText('On frame 10').waitFor({ timeout: 10_000 })
        await form.getByLabel('What is the issue').fill('Motion blur: the cars cannot be told apart')
        await shot('41-video-issue-on-frame')
        await form.locator('[data-action=raise-issue]').click()
        await page.getByRole('status').getByText('Issue raised on frame 10.').waitFor({ timeout: 10_000 })
        await page.getByRole('slider', { name: 'Frame' }).fill('20')
        await showing(20)
        await page.locator('[data-tool=issue-pin]').click()
        const point = await clipPoint(page, 0.25, 0.75)
        await page.mouse.click(point.x, point.y)
        await form.getByText(/of frame 20/).waitFor({ timeout: 10_000 })
        await form.getByLabel('What is the issue').fill('A cyclist here is not in the ontology')
        await form.locator('[data-action=raise-issue]').click()
        await page
          .getByRole('status')
          .getByText(/Issue raised on the point at 25% × 75% of frame 20/)
          .waitFor({ timeout: 10_000 })
        const raised = await issues()
        assert(raised.length === 2, `two issues: ${raised.length}`)
        assert(
          raised[0].anchor.kind === 'frame' && raised[0].anchor.frame === 10,
          `the first is on frame 10: ${JSON.stringify(raised[0].anchor)}`,
        )
        assert(
          raised[1].anchor.kind === 'coordinate' &&
            raised[1].anchor.frame === 20 &&
            Math.abs(raised[1].anchor.x - 0.25) < 0.02 &&
            Math.abs(raised[1].anchor.y - 0.75) < 0.02,
          `the second is at a point of frame 20: ${JSON.stringify(raised[1].anchor)}`,
        )
        await page.locator('[data-action=submit]').click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const submitted = await task()
        assert(submitted.stage === 'review', `the task waits in review (${submitted.stage}/${submitted.status})`)
        noConsoleErrors()
      },
    },
    {
      name: 'video: the reviewer chooses the box in the list, sees frame 40 with the box, and rejects it with a note',
      run: async () => {
        await as(REVIEWER)
        await openWorkspace()
        await page.locator('.labelops-review').waitFor({ timeout: 30_000 })
        await showing(0)
        const item = page.locator(`[data-item="object:${world.boxId}"]`)
        assert((await item.textContent())?.includes('frame 40'), 'the review list says which frame the box is on')
        await page.keyboard.press('j') // the first item: the box
        await showing(40)
        await assertColourOf(40)
        await shot('42-video-review-frame')
        await item.locator('[data-verdict=reject]').click()
        await page.getByLabel(/Why reject Car #1/).fill('The car leaves the frame: the box is too wide')
        await page.locator('[data-action=approve-rest]').click()
        await page.locator('[data-action=send-review]').click()
        await page.locator('[data-state=empty]').waitFor({ timeout: 30_000 })
        const reopened = await task()
        assert(reopened.status === 'reopened', `back to the annotator (${reopened.stage}/${reopened.status})`)
        noConsoleErrors()
      },
    },
    {
      name: 'video: in rework, each issue shows its frame — the frame issue, the point on frame 20 and the rejected box on frame 40',
      run: async () => {
        await as(ANNOTATOR)
        await openWorkspace()
        const panel = page.getByRole('region', { name: 'Issues from review' })
        await panel.waitFor({ timeout: 30_000 })
        assert((await page.locator('[data-issue]').count()) === 3, `three open issues: ${await page.locator('[data-issue]').count()}`)
        assert((await page.locator('.labelops-frames__mark').count()) >= 3, 'the slider marks the box and both issue frames')
        await panel.getByRole('button', { name: 'frame 10' }).click()
        await showing(10)
        await assertColourOf(10)
        await panel.getByRole('button', { name: 'frame 20 (a point)' }).click()
        await showing(20)
        await shot('43-video-rework')
        await panel.getByRole('button', { name: 'Car #1' }).click()
        await showing(40)
        await page.locator('.labelops-objects li.is-selected').waitFor({ timeout: 10_000 })
        noConsoleErrors()
      },
    },
  ]
}
