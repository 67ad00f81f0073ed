// Webhooks in the browser (called from run.ts): a webhook on a project (REST) hears the project start; then,
// through the admin only, the manager finds the delivery in the log — delivered, answered 200, with its
// response time — opens it and sends it again; the receiver gets the same webhook-id twice, and the stored
// delivery says delivered once more. Any console error fails the run.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Step } from './harness.ts'
import { assert, restClient, signIn, type StepContext } from './workspaceKit.ts'

export function webhookSteps({ page, base, shot, admin, consoleErrors }: StepContext): Step[] {
  let token = ''
  const rest = restClient(base, () => token)
  const heard: Array<{ id: string; type: string }> = []
  let receiver: http.Server | undefined
  const world: { delivery?: number } = {}
  let seen = 0
  const noConsoleErrors = () => {
    const mine = consoleErrors.slice(seen)
    assert(mine.length === 0, `browser console errors:\n${mine.join('\n')}`)
  }
  const waitFor = async (what: string, check: () => Promise<boolean> | boolean, ms = 30_000) => {
    const deadline = Date.now() + ms
    while (!(await check())) {
      assert(Date.now() < deadline, `timed out waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  const delivery = async () => rest('GET', `/api/webhook-deliveries/${world.delivery}?depth=0`)

  return [
    {
      name: 'webhooks: a webhook on a project hears it start, signed (REST)',
      run: async () => {
        receiver = http.createServer((req, res) => {
          let body = ''
          req.on('data', (chunk) => (body += chunk))
          req.on('end', () => {
            heard.push({ id: String(req.headers['webhook-id']), type: JSON.parse(body).type })
            res.writeHead(200).end()
          })
        })
        await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve))
        const port = (receiver.address() as AddressInfo).port
        token = (await rest('POST', '/api/users/login', admin, '')).token
        const workspace = (await rest('POST', '/api/workspaces', { name: 'Hooks desk' })).doc.id
        const project = (await rest('POST', '/api/projects', { workspace, name: 'Hooked project' })).doc.id
        const webhook = (
          await rest('POST', '/api/webhook-subscriptions', {
            project,
            url: `http://127.0.0.1:${port}/labelops`,
            events: ['project.status-changed'],
            description: 'The training pipeline',
          })
        ).doc
        assert(/^whsec_/.test(webhook.secret), 'LabelOps made the secret')
        await rest('PATCH', `/api/projects/${project}`, { status: 'in-progress' })
        await waitFor('the delivery', () => heard.length === 1)
        assert(heard[0]!.type === 'project.status-changed', `heard ${JSON.stringify(heard)}`)
        const log = (await rest('GET', `/api/webhook-deliveries?where[subscription][equals]=${webhook.id}&depth=0`)).docs
        world.delivery = log[0].id
        await waitFor('the delivery recorded', async () => (await delivery()).status === 'delivered')
      },
    },
    {
      name: 'webhooks: the manager finds the delivery in the log, opens it and sends it again (UI)',
      run: async () => {
        // the browser may be anyone after earlier steps: the workspace's Admin keeps its webhooks
        await signIn(page, base, admin)
        seen = consoleErrors.length
        await page.goto(`${base}/admin/collections/webhook-subscriptions`, { timeout: 120_000 })
        await page
          .getByText('The training pipeline')
          .first()
          .waitFor({ timeout: 60_000 })
          .catch(() => undefined)
        await page.getByText('127.0.0.1').first().waitFor({ timeout: 60_000 })
        // screenshots hide the caret with a style of their own: taken before hydration ends, React sees a mismatch
        await page.waitForLoadState('networkidle')
        await shot('60-webhooks-list')
        await page.goto(`${base}/admin/collections/webhook-deliveries`, { timeout: 120_000 })
        await page.getByText('project.status-changed').first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        await shot('61-webhook-deliveries-log')
        await page.goto(`${base}/admin/collections/webhook-deliveries/${world.delivery}`, { timeout: 120_000 })
        const again = page.locator('[data-action="replay-delivery"]')
        await again.waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        // the payload as sent, readable offline (no code editor to fetch)
        const shown = await page.locator('[data-field="payload"]').innerText()
        assert(shown.includes('"type": "project.status-changed"') && shown.includes('"toStatus": "in-progress"'), `payload shown: ${shown}`)
        await shot('62-webhook-delivery')
        await again.click()
        await page.getByText(/Queued: the worker sends it again now/).waitFor({ timeout: 30_000 })
        await waitFor('the second delivery', () => heard.length === 2)
        assert(heard[1]!.id === heard[0]!.id, `the same webhook-id: ${JSON.stringify(heard)}`)
        await waitFor('the replay recorded', async () => {
          const stored = await delivery()
          return stored.status === 'delivered' && Number(stored.attempts) === 1
        })
        await page.reload()
        await again.waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        await shot('63-webhook-delivery-sent-again')
        receiver?.close()
        noConsoleErrors()
      },
    },
  ]
}
