import http from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import type { Readable } from 'node:stream'

import { afterEach, describe, expect, it } from 'vitest'

import { cappedBody } from '../../src/server/bodyLimit.ts'

// A reader of a cut body must always see it end with an error, never wait for more: an import that waited would
// hold its transaction (and its locks) for ever. The server may reach the body late, after the client has gone.
let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** Sends part of a declared body, then hangs up; the server reads it through `cappedBody` after `delayMs`. */
async function cutBodyOutcome(delayMs: number, limit = 1_000_000): Promise<string> {
  let outcome!: Promise<string>
  const served = new Promise<void>((resolve) => {
    server = http.createServer((req) => {
      outcome = new Promise((done) => {
        setTimeout(() => {
          const body: Readable = cappedBody(req, limit)
          body.on('data', () => {})
          body.on('end', () => done('ended'))
          body.on('error', (error) => done(`error: ${error.message}`))
          setTimeout(() => done('still waiting'), 2_000)
        }, delayMs)
      })
      resolve()
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server!.address() as AddressInfo
  const socket = connect(port, '127.0.0.1', () => {
    socket.write(`POST /import HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n${'a'.repeat(100)}`)
    setTimeout(() => socket.destroy(), 30)
  })
  socket.on('error', () => {})
  await served
  return outcome
}

describe('a capped body', () => {
  it('ends with an error when the client hangs up while it is read', async () => {
    expect(await cutBodyOutcome(0)).toMatch(/^error: /)
  })

  it('ends with an error when the client had hung up before anyone read it', async () => {
    expect(await cutBodyOutcome(200)).toMatch(/^error: /)
  })

  it('ends with a 413 error once the body grows past the limit', async () => {
    expect(await cutBodyOutcome(0, 50)).toMatch(/^error: body: at most 50 bytes/)
  })
})
