import { spawn } from 'node:child_process'
import { loadEnv } from 'payload/node'

import { resolveDatabase } from '../../src/db/resolveDatabase.ts'

/**
 * Runs a command with DATABASE_URI set (starting the embedded Postgres when it is unset), forwards
 * SIGINT/SIGTERM to it, and stops the database after it exits. Resolves with the command's exit code.
 */
export async function runWithDatabase(command: string, args: string[], onReady?: () => void): Promise<number> {
  loadEnv()
  const db = await resolveDatabase({ handleSignals: false })
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URI: db.uri } })
  onReady?.()
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1))))
  await db.stop()
  return code
}
