import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import net from 'node:net'

import { chromium, type Browser } from 'playwright-core'

/** Debian's chromium (or CHROMIUM_PATH): never a downloaded browser. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return fromEnv
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()
    if (found) return found
  }
  throw new Error('No chromium on PATH: apt-get install -y chromium (or set CHROMIUM_PATH)')
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Starts `next dev` in its own process group so the whole tree can be stopped. */
export function startNext(port: number, env: Record<string, string>): ChildProcess {
  return spawn('npx', ['next', 'dev', '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
}

export function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  process.kill(-child.pid, 'SIGTERM')
  const force = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000)
  return exited.finally(() => clearTimeout(force))
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(60_000) }).then(
      (res) => res.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`)
}

export type Step = { name: string; run: () => Promise<void> }

/** Runs steps in order, stopping at the first failure; prints a summary line CI can read. */
export async function runSteps(label: string, steps: Step[]): Promise<boolean> {
  let passed = 0
  let failed = 0
  for (const step of steps) {
    const started = Date.now()
    try {
      await step.run()
      passed++
      console.log(`  ✓ ${step.name} (${Date.now() - started} ms)`)
    } catch (error) {
      failed++
      console.log(`  ✗ ${step.name}\n    ${(error as Error).stack ?? error}`)
      break
    }
  }
  const skipped = steps.length - passed - failed
  console.log(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  return failed === 0
}
