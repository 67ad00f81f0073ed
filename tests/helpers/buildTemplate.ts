// Child process of the global setup: boots Payload once on the given database so the adapter pushes the
// whole schema into it, then exits (closing every connection, so the database can serve as a template).
import { getPayload } from 'payload'

import { buildDemoConfig } from '../../demo/buildDemoConfig.ts'

const databaseUri = process.argv[2]
if (!databaseUri) throw new Error('usage: buildTemplate.ts <database uri>')
await getPayload({ config: buildDemoConfig({ databaseUri, push: true }) })
process.exit(0)
