import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sendWebResponse, toWebRequest } from '../../src/server/webAdapter.ts'

let server: http.Server
let base: string

beforeAll(async () => {
  // echoes what the WHATWG Request looked like, and answers with two cookies
  server = http.createServer(async (req, res) => {
    const request = toWebRequest(req)
    const body = request.body ? await request.text() : null
    const response = Response.json({ method: request.method, url: request.url, accept: request.headers.get('x-multi'), body })
    response.headers.append('Set-Cookie', 'a=1; Path=/; HttpOnly')
    response.headers.append('Set-Cookie', 'b=2; Path=/; Expires=Thu, 01 Jan 2099 00:00:00 GMT')
    await sendWebResponse(res, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('node <-> WHATWG adapter', () => {
  it('passes method, url with query, repeated headers and a streamed body', async () => {
    const response = await new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
      const req = http.request(
        `${base}/api/things?where[a][equals]=1`,
        { method: 'PATCH', headers: { 'x-multi': ['one', 'two'] } },
        (res) => {
          let body = ''
          res.on('data', (chunk) => (body += chunk))
          res.on('end', () => resolve({ status: res.statusCode!, body, cookies: res.headers['set-cookie'] ?? [] }))
        },
      )
      req.on('error', reject)
      req.write('{"hello":')
      setTimeout(() => req.end('"world"}'), 20) // arrives in two chunks
    })
    expect(response.status).toBe(200)
    const echoed = JSON.parse(response.body)
    expect(echoed).toMatchObject({ method: 'PATCH', accept: 'one, two', body: '{"hello":"world"}' })
    expect(new URL(echoed.url).search).toBe('?where[a][equals]=1')
    expect(response.cookies).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; Expires=Thu, 01 Jan 2099 00:00:00 GMT'])
  })

  it('gives GET requests no body', async () => {
    const echoed = await (await fetch(`${base}/x`)).json()
    expect(echoed).toMatchObject({ method: 'GET', body: null })
  })
})
