// `npm run check:invariants`: checks the stored data against the invariants LabelOps keeps — tasks against their
// workflow and journal, consensus rounds, labels, analytics rollups against the raw journal — and prints each
// violation. Exits 1 when there is any. Runs on DATABASE_URI or the embedded Postgres.
import { createLocalReq } from 'payload'

import { checkInvariants } from '../src/operations/checkInvariants.ts'
import { withPayload } from './lib/withPayload.ts'

await withPayload(
  async (payload) => {
    const started = Date.now()
    const { violations, checked } = await checkInvariants(await createLocalReq({}, payload))
    for (const violation of violations) console.log(`${violation.rule.padEnd(18)} ${violation.subject}: ${violation.detail}`)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `${violations.length === 0 ? 'No violations' : `${violations.length} violations`} in ${checked.projects} projects and ${checked.tasks} tasks (${seconds} s).`,
    )
    return violations.length === 0 ? 0 : 1
  },
  (error) => console.error(error),
)
