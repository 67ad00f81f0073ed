// `npm run serve`: the headless REST + GraphQL server on PORT (default 3001), on DATABASE_URI or the embedded Postgres.
import { loadEnv } from 'payload/node'

import { buildDemoConfig } from '../demo/buildDemoConfig.ts'
import { releasePool } from '../src/db/guardPoolErrors.ts'
import { resolveDatabase } from '../src/db/resolveDatabase.ts'
import { createServer } from '../src/server/index.ts'

loadEnv()
const db = await resolveDatabase({ handleSignals: false })
const { app, payload } = await createServer({ config: buildDemoConfig({ databaseUri: db.uri }) })
const port = Number(process.env.PORT ?? 3001)
const server = app.listen(port, () => console.log(`LabelOps API on http://localhost:${port}/api (GraphQL: POST /api/graphql)`))

let closing = false
const shutdown = async (signal: string) => {
  if (closing) return
  closing = true
  console.log(`${signal}: closing the server`)
  server.close()
  server.closeAllConnections()
  releasePool(payload)
  await db.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
