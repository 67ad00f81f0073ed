// `npm run analytics:rebuild`: recomputes every analytics rollup from the raw journal (the source of truth), in
// one transaction that writers wait on — for after a restore, a manual fix of task events, or a rollup change.
// Runs on DATABASE_URI or the embedded Postgres.
import { rebuildRollups } from '../src/sql/analytics/rollupTrigger.ts'
import { withPayload } from './lib/withPayload.ts'

await withPayload(
  async (payload) => {
    const started = Date.now()
    const rows = await rebuildRollups(payload)
    console.log(`Rebuilt the analytics rollups from the journal: ${rows} rollup rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
    return 0
  },
  (error) => {
    console.error(error)
    console.error('\nNothing was changed: the rebuild runs in one transaction.')
  },
)
