import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'

/**
 * Turns a node request into a real WHATWG Request: method, every header (repeated ones kept), and the body
 * as a stream that nobody has read yet — Payload parses it, not us. `body` replaces the raw request stream
 * (the server passes one cut at the size limit).
 */
export function toWebRequest(
  req: IncomingMessage & { originalUrl?: string },
  { trustProxy = false, body: source = req as Readable }: { trustProxy?: boolean; body?: Readable } = {},
): Request {
  const forwardedProto = trustProxy
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim()
    : ''
  const protocol = forwardedProto || ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http')
  const host = req.headers.host ?? 'localhost'
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${protocol}://${host}`)

  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
  }

  const method = (req.method ?? 'GET').toUpperCase()
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const controller = new AbortController()
  req.once('close', () => {
    if (!req.complete) controller.abort()
  })
  return new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>) : undefined,
    duplex: hasBody ? 'half' : undefined,
    signal: controller.signal,
  } as RequestInit & { duplex?: 'half' })
}

/** Streams a WHATWG Response back through a node response, keeping each Set-Cookie header apart. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  if (response.statusText) res.statusMessage = response.statusText
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue
    res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)

  if (!response.body) {
    res.end()
    return
  }
  const body = Readable.fromWeb(response.body as unknown as NodeWebReadableStream<Uint8Array>)
  await new Promise<void>((resolve, reject) => {
    body.on('error', reject)
    res.on('close', () => {
      body.destroy()
      resolve()
    })
    body.pipe(res)
  })
}
