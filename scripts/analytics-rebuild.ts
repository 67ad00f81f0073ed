// `npm run analytics:rebuild`: recomputes every analytics rollup from the raw journal (the source of truth), in
// one transaction that writers wait on — for after a restore, a manual fix of task events, or a rollup change.
// Runs on DATABASE_URI or the embedded Postgres.
import { getPayload } from 'payload'
import { loadEnv } from 'payload/node'

import { buildDemoConfig } from '../demo/buildDemoConfig.ts'
import { releasePool } from '../src/db/guardPoolErrors.ts'
import { resolveDatabase } from '../src/db/resolveDatabase.ts'
import { rebuildRollups } from '../src/sql/analytics/rollupTrigger.ts'

loadEnv()
const db = await resolveDatabase({ handleSignals: false })
const payload = await getPayload({ config: buildDemoConfig({ databaseUri: db.uri }) })
const started = Date.now()
let code = 0
try {
  const rows = await rebuildRollups(payload)
  console.log(`Rebuilt the analytics rollups from the journal: ${rows} rollup rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
} catch (error) {
  console.error(error)
  console.error('\nNothing was changed: the rebuild runs in one transaction.')
  code = 1
}
releasePool(payload)
await db.stop()
process.exit(code)
