// Smoke run of `npm run serve` as a fresh machine would do it: boot (embedded Postgres when DATABASE_URI is
// unset), register the first user, create and read a workspace over REST, then SIGTERM and a clean exit.
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'

import { freePort, runSteps, waitForHttp } from '../tests/e2e/harness.ts'
import { UNSETTLED_TOP_LEVEL_AWAIT } from './lib/nodeExitCodes.ts'

const port = await freePort()
const base = `http://localhost:${port}`
const database = `labelops_smoke_${Date.now()}`
let output = ''
let server!: ChildProcess
let exited!: Promise<number | null>
function start() {
  server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    env: { ...process.env, PORT: String(port), EMBEDDED_DATABASE: database, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [server.stdout!, server.stderr!]) {
    stream.on('data', (chunk) => {
      output += chunk
      process.stderr.write(chunk)
    })
  }
  const child = server
  exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
}
start()

/**
 * Up once /healthz answers. Under tsx's loader on Node 20 a start now and then stops for good on an import that
 * never settles, and Node ends it with exit 13 having done nothing (tests/helpers/startServerProcess.ts): such a
 * start is tried again, up to 3 times in all; any other exit before answering fails at once.
 */
async function booted(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const up = waitForHttp(`${base}/healthz`, 120_000).then(() => 'up' as const)
    up.catch(() => undefined) // a poll left behind by a start that exited must not end the run
    const outcome = await Promise.race([up, exited])
    if (outcome === 'up') return
    if (outcome !== UNSETTLED_TOP_LEVEL_AWAIT || attempt >= 3) throw new Error(`the server exited (${outcome}) before /healthz answered`)
    console.warn('  the server stopped on an import that never settled (exit 13) before answering; starting it again')
    start()
  }
}

let token = ''
let workspaceId = 0
const json = (method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
const expectStatus = async (response: Response, status: number) => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`)
  return response.json()
}
// the port of an embedded Postgres this server started itself (not one it reused)
const embeddedPort = () => Number(/ready on 127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? 0)

const ok = await runSteps('smoke', [
  { name: 'the server boots and /healthz answers', run: booted },
  {
    name: 'register the first user',
    run: async () => {
      const body = await expectStatus(
        await json('POST', '/api/users/first-register', { email: 'smoke@example.com', password: 'smoke-pass-123' }),
        200,
      )
      token = body.token
    },
  },
  {
    name: 'create and read a workspace over REST',
    run: async () => {
      workspaceId = (await expectStatus(await json('POST', '/api/workspaces', { name: 'Smoke Test' }), 201)).doc.id
      const read = await expectStatus(await json('GET', `/api/workspaces/${workspaceId}`), 200)
      if (read.slug !== 'smoke-test') throw new Error(`unexpected workspace ${JSON.stringify(read)}`)
    },
  },
  {
    name: 'SIGTERM shuts the server and its embedded Postgres down cleanly',
    run: async () => {
      server.kill('SIGTERM')
      const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000))])
      if (code !== 0) throw new Error(`server exit: ${code}`)
      const pgPort = embeddedPort()
      if (!process.env.DATABASE_URI && pgPort) {
        const stillUp = await new Promise<boolean>((resolve) => {
          const socket = net.connect(pgPort, '127.0.0.1', () => {
            socket.destroy()
            resolve(true)
          })
          socket.on('error', () => resolve(false))
        })
        if (stillUp) throw new Error(`embedded Postgres still listening on ${pgPort}`)
      }
    },
  },
])
if (server.exitCode === null) server.kill('SIGKILL')
process.exit(ok ? 0 : 1)
