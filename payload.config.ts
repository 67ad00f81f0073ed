// The demo host. `npm run dev` / `npm run serve` set DATABASE_URI (an embedded Postgres when you did not).
import { buildDemoConfig } from './demo/buildDemoConfig.ts'

const databaseUri = process.env.DATABASE_URI
if (!databaseUri) {
  throw new Error('DATABASE_URI is not set: start through `npm run dev` (embedded Postgres) or set it in .env')
}

export default buildDemoConfig({ databaseUri })
