// What the browser tests of the workspace share: the street scene and its ontology, a REST client, sign-in,
// and where a normalised image point is on the canvas.
import type { Page } from 'playwright-core'

/** What a group of browser steps is handed by run.ts. */
export type StepContext = {
  page: Page
  base: string
  /** saves a full-page screenshot under tests/e2e/screenshots/<name>.png */
  shot: (name: string) => Promise<unknown>
  /** the first user (a super-admin of the demo host), already created */
  admin: { email: string; password: string }
  /** the browser's console errors of the whole run (run.ts collects them) */
  consoleErrors: string[]
}

/** A street scene drawn in SVG (no network): the image the annotator labels. */
export const SCENE =
  'data:image/svg+xml,' +
  [
    "<svg xmlns='http://www.w3.org/2000/svg' width='960' height='600' viewBox='0 0 960 600'>",
    "<defs><linearGradient id='s' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='%2387b5e6'/><stop offset='1' stop-color='%23dcecf7'/></linearGradient></defs>",
    "<rect width='960' height='600' fill='url(%23s)'/><rect y='330' width='960' height='270' fill='%2370855b'/>",
    "<polygon points='380,330 580,330 900,600 60,600' fill='%235a5d63'/><polygon points='474,340 486,340 500,600 460,600' fill='%23f2f2f2'/>",
    "<rect x='250' y='380' width='170' height='90' rx='14' fill='%23c0392b'/><rect x='275' y='355' width='115' height='45' rx='10' fill='%23a93226'/>",
    "<circle cx='285' cy='472' r='18' fill='%23222'/><circle cx='390' cy='472' r='18' fill='%23222'/>",
    "<rect x='690' y='250' width='8' height='110' fill='%23777'/><circle cx='694' cy='240' r='26' fill='%23e74c3c' stroke='white' stroke-width='5'/></svg>",
  ]
    .join('')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/ /g, '%20')

export const ONTOLOGY = {
  objects: [
    {
      id: 'car',
      name: 'Car',
      shape: 'bounding-box',
      colour: '#e4572e',
      attributes: [
        {
          id: 'occluded',
          name: 'Occluded',
          type: 'radio',
          options: [
            { id: 'visible', label: 'Fully visible' },
            { id: 'partly', label: 'Partly hidden' },
          ],
        },
      ],
    },
    { id: 'road', name: 'Road', shape: 'polygon', colour: '#17bebb' },
    { id: 'lane', name: 'Lane marking', shape: 'polyline', colour: '#ffc914' },
    { id: 'sign', name: 'Traffic sign', shape: 'point', colour: '#a23b72' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      required: true,
      options: [
        { id: 'clear', label: 'Clear' },
        {
          id: 'rain',
          label: 'Rain',
          classifications: [
            {
              id: 'intensity',
              name: 'Intensity',
              type: 'radio',
              required: true,
              options: [
                { id: 'light', label: 'Light' },
                { id: 'heavy', label: 'Heavy' },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'conditions',
      name: 'Conditions',
      type: 'checklist',
      options: [
        { id: 'night', label: 'Night' },
        { id: 'glare', label: 'Glare' },
      ],
    },
    { id: 'notes', name: 'Notes', type: 'text' },
  ],
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

/** REST calls as the user whose token `token()` gives (or another's, `as`); a non-2xx answer throws. */
export function restClient(base: string, token: () => string) {
  return async (method: string, path: string, body?: unknown, as = token()) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `JWT ${as}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    const json = text ? JSON.parse(text) : null
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`)
    return json
  }
}

/** Signs the browser out, then in as `who`, and waits for the dashboard. */
export async function signIn(page: Page, base: string, who: { email: string; password: string }) {
  await page.goto(`${base}/admin/logout`, { timeout: 60_000 })
  await page.waitForURL(/\/admin\/login/, { timeout: 60_000 })
  await page.fill('#field-email', who.email)
  await page.fill('#field-password', who.password)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 })
}

/** Screen position of a normalised point of the 960 x 600 scene: the canvas fits the image with a 16 px margin (fitView). */
export async function canvasPoint(page: Page, x: number, y: number) {
  const box = (await page.locator('[data-testid=label-canvas]').boundingBox())!
  const scale = Math.min((box.width - 32) / 960, (box.height - 32) / 600)
  return {
    x: box.x + (box.width - 960 * scale) / 2 + x * 960 * scale,
    y: box.y + (box.height - 600 * scale) / 2 + y * 600 * scale,
  }
}

/**
 * Selects characters [from, to) of the workspace's text (as a person dragging over them would) and lets the
 * mouse go. Sent as source text: the test runner's compiled helpers do not exist in the page.
 */
export function selectText(page: Page, from: number, to: number) {
  return page.evaluate(`(() => {
    const body = document.querySelector('.labelops-text__body')
    const pieces = Array.from(body.querySelectorAll('[data-start]'))
    function at(offset) {
      let piece = pieces[0]
      for (const candidate of pieces) if (Number(candidate.dataset.start) <= offset) piece = candidate
      return { node: piece.firstChild, offset: offset - Number(piece.dataset.start) }
    }
    const start = at(${from})
    const end = at(${to})
    const range = document.createRange()
    range.setStart(start.node, start.offset)
    range.setEnd(end.node, end.offset)
    const selection = window.getSelection()
    selection.removeAllRanges()
    selection.addRange(range)
    body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
  })()`)
}
