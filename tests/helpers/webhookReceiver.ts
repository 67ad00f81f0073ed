import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** What a test receiver heard: the Standard Webhooks headers and the raw body. */
export type Heard = { id: string; timestamp: string; signature: string; body: string; path: string }

/**
 * A local webhook receiver for tests: records every request, and answers what `answer(path)` says — 200 by
 * default; a test turns it "down" (503), "gone" (410), asks for time with Retry-After, or answers late.
 */
export async function startWebhookReceiver() {
  const heard: Heard[] = []
  let answer: (path: string) => { status: number; headers?: Record<string, string>; delayMs?: number } = () => ({ status: 200 })
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      heard.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body,
        path,
      })
      const { status, headers, delayMs = 0 } = answer(path)
      setTimeout(() => res.writeHead(status, headers).end(), delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    heard,
    /** the messages heard on `path`, parsed */
    on: (path: string) => heard.filter((entry) => entry.path === path).map((entry) => ({ ...entry, json: JSON.parse(entry.body) })),
    answerWith: (next: typeof answer) => (answer = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Polls `check` until it holds (or throws the last failure after `ms`). */
export async function eventually<T>(check: () => Promise<T> | T, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
