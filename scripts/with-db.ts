// `tsx scripts/with-db.ts <command> [args...]`: run a command against DATABASE_URI or the embedded Postgres.
import { runWithDatabase } from './lib/runWithDatabase.ts'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: tsx scripts/with-db.ts <command> [args...]')
  process.exit(2)
}
process.exit(await runWithDatabase(command, args))
