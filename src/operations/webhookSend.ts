import dns, { type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'

import { Webhook } from 'standardwebhooks'

import { addressAllowed, type AllowList, hostAllowed, notPublic, webhookUrlProblem } from '../domain/webhooks/addresses.ts'

export type SendResult = { status: number | null; retryAfter: string | null; error: string | null; responseMs: number }

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * DNS lookup that refuses addresses webhooks may not reach, at connect time: the address checked is the one
 * connected to, so a name that resolves to a public address when saved and to an internal one later (DNS
 * rebinding) is still refused.
 */
const guardedLookup =
  (allow: AllowList) =>
  (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '')
      const found = addresses as LookupAddress[]
      const usable = hostAllowed(hostname, allow) ? found : found.filter((entry) => addressAllowed(entry.address, allow))
      if (usable.length === 0) {
        // which addresses the name has stays on the server: the delivery log is read by project managers
        const refused = Object.assign(new Error(notPublic(hostname)), { code: 'EADDRNOTALLOWED' })
        return callback(refused, '')
      }
      if (options.all) return callback(null, usable)
      callback(null, usable[0]!.address, usable[0]!.family)
    })
  }

/**
 * One signed attempt (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` over
 * `id.timestamp.body` with the webhook's secret) as a JSON POST, within `timeoutMs`. Never throws: no answer is
 * `status: null` with the reason. The answer's body is read up to 64 KB and dropped.
 */
export async function sendWebhook(
  delivery: { url: string; secret: string; messageId: string; payload: unknown },
  { allowHosts, timeoutMs }: { allowHosts: AllowList; timeoutMs: number },
): Promise<SendResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const problem = webhookUrlProblem(delivery.url, allowHosts)
  if (problem) return { status: null, retryAfter: null, error: `url: ${problem}`, responseMs: 0 }
  const body = JSON.stringify(delivery.payload)
  const now = new Date()
  let signature: string
  try {
    signature = new Webhook(delivery.secret).sign(delivery.messageId, now, body)
  } catch (error) {
    return { status: null, retryAfter: null, error: `signing: ${(error as Error).message}`, responseMs: 0 }
  }
  const url = new URL(delivery.url)
  const client = url.protocol === 'https:' ? https : http
  return new Promise<SendResult>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(allowHosts) as never,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'LabelOps-Webhooks/1',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        timeout: timeoutMs,
      },
      (response) => {
        let read = 0
        response.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (read > 65_536) response.destroy()
        })
        const done = () =>
          resolve({
            status: response.statusCode ?? null,
            retryAfter: (response.headers['retry-after'] as string | undefined) ?? null,
            error: null,
            responseMs: elapsed(),
          })
        response.on('end', done)
        response.on('close', done)
        response.on('error', done)
      },
    )
    // a slow receiver: the whole attempt, not only a quiet socket, is bounded
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    request.on('error', (error) => resolve({ status: null, retryAfter: null, error: error.message, responseMs: elapsed() }))
    request.on('close', () => clearTimeout(deadline))
    request.end(body)
  })
}
