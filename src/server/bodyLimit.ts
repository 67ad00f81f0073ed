import type { IncomingMessage } from 'node:http'
import { finished, type Readable, Transform } from 'node:stream'

import { REQUEST_LIMITS } from '../hardening/limits.ts'

/** The most bytes a request to this path may send: imports and uploads stream large bodies, JSON does not. */
export function bodyLimitFor(path: string, contentType: string | undefined): number {
  if (/\/import\/?$/.test(path) || contentType?.startsWith('multipart/')) return REQUEST_LIMITS.maxImportBytes
  return REQUEST_LIMITS.maxJsonBodyBytes
}

/** Whether the declared Content-Length is over the limit (a body without one is cut while it streams). */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length'])
  return Number.isFinite(declared) && declared > limit
}

/**
 * The body of `req`, cut at the limit: a body sent without a length (chunked) that grows past it makes the
 * reader (Payload's body parser, an import) fail with a 413 instead of buffering without end.
 */
export function cappedBody(req: IncomingMessage, limit: number): Readable {
  let seen = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > limit) done(Object.assign(new Error(`body: at most ${limit} bytes per request`), { status: 413 }))
      else done(null, chunk)
    },
  })
  // a client that hangs up ends the body with an error, never a crash and never a reader left waiting: `finished`
  // also reports a request destroyed before this line ran (the server reached it late, the client had gone)
  finished(req, (error) => {
    if (error) counter.destroy(error)
  })
  return req.pipe(counter)
}
