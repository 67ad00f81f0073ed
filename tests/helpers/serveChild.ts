/**
 * A second LabelOps server process on an existing test database: `DATABASE_URI=... node --import tsx
 * tests/helpers/serveChild.ts` prints `PORT <n>` once listening and stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net'

import { buildDemoConfig } from '../../demo/buildDemoConfig.ts'
import { createServer } from '../../src/server/index.ts'

const { app, payload } = await createServer({ config: buildDemoConfig({ databaseUri: process.env.DATABASE_URI!, push: false }) })
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`))
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => void payload.destroy().finally(() => process.exit(0)))
})
