import { getPayload, type Payload } from 'payload'
import { loadEnv } from 'payload/node'

import { buildDemoConfig } from '../../demo/buildDemoConfig.ts'
import { releasePool } from '../../src/db/guardPoolErrors.ts'
import { resolveDatabase } from '../../src/db/resolveDatabase.ts'

/**
 * The frame of the in-process scripts (seed, import, analytics rebuild): Payload on DATABASE_URI or the
 * embedded Postgres, the script's work, then the pool released and the database stopped, whatever happened.
 * `work` answers the exit code; a throw is printed with `onError`'s advice and exits 1.
 */
export async function withPayload(work: (payload: Payload) => Promise<number>, onError: (error: unknown) => void): Promise<never> {
  loadEnv()
  const db = await resolveDatabase({ handleSignals: false })
  // a script that ends with process.exit must not take webhook deliveries it cannot finish
  const payload = await getPayload({ config: buildDemoConfig({ databaseUri: db.uri, labelOps: { webhooks: { worker: false } } }) })
  let code: number
  try {
    code = await work(payload)
  } catch (error) {
    onError(error)
    code = 1
  }
  releasePool(payload)
  await db.stop()
  process.exit(code)
}
