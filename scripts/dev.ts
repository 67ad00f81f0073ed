// `npm run dev`: the embedded Postgres (unless DATABASE_URI is set), then `next dev` with the admin panel.
import { runWithDatabase } from './lib/runWithDatabase.ts'

const port = process.env.PORT ?? '3000'
const code = await runWithDatabase('npx', ['next', 'dev', '--port', port, ...process.argv.slice(2)], () =>
  console.log(`\nLabelOps admin panel: http://localhost:${port}/admin (first visit compiles; the first user you create is yours)\n`),
)
process.exit(code)
