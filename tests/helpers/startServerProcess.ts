import { type ChildProcess, spawn } from 'node:child_process'

import { UNSETTLED_TOP_LEVEL_AWAIT } from '../../scripts/lib/nodeExitCodes.ts'

export type ServerProcess = { child: ChildProcess; baseUrl: string }

/**
 * A LabelOps server in its own process (tests/helpers/serveChild.ts) on `databaseUri`, once it listens. Under
 * tsx's loader on Node 20 a start-up now and then stops for good on an import that never settles, and Node
 * ends it with exit 13, silently (seen in CI runs, in benches and in the host check): such a start has done
 * nothing, so it is tried again, up to `tries` times in all. Any other early exit fails at once, with its code.
 */
export async function startServerProcess(
  databaseUri: string,
  {
    nodeOptions = [],
    stderr = 'inherit',
    onSpawn,
    tries = 3,
  }: {
    nodeOptions?: string[]
    /** 'pipe' when `onSpawn` reads it (a log file) */
    stderr?: 'inherit' | 'pipe'
    /** told of every process started, retries included */
    onSpawn?: (child: ChildProcess) => void
    tries?: number
  } = {},
): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'tests/helpers/serveChild.ts'], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URI: databaseUri },
      stdio: ['ignore', 'pipe', stderr],
    })
    onSpawn?.(child)
    const started = await listening(child)
    if ('port' in started) return { child, baseUrl: `http://127.0.0.1:${started.port}` }
    if (started.exitCode !== UNSETTLED_TOP_LEVEL_AWAIT || attempt >= tries)
      throw new Error(`the server process exited (${started.exitCode}) before listening`)
    console.warn(`  the server process stopped on an import that never settled (exit 13) before listening; starting it again`)
  }
}

/** The port the child prints once it listens (`PORT <n>`), or how it exited before that. */
function listening(child: ChildProcess): Promise<{ port: string } | { exitCode: number | null }> {
  return new Promise((resolve) => {
    let output = ''
    const onData = (chunk: string) => {
      output += chunk
      const match = /PORT (\d+)/.exec(output)
      if (!match) return
      // listening: the rest of its output is not looked at here
      child.stdout!.off('data', onData)
      child.off('exit', onExit)
      resolve({ port: match[1]! })
    }
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => resolve({ exitCode: code ?? (signal ? -1 : null) })
    child.stdout!.setEncoding('utf8').on('data', onData)
    child.once('exit', onExit)
  })
}
