// `npm run bench -- <name>`: benchmarks measured as ratios against a raw-SQL baseline in the same run.
// Each benchmark is a module in bench/ exporting `run(): Promise<void>`; results go to bench/results/<name>.json.
import { readdirSync } from 'node:fs'
import path from 'node:path'

const dir = import.meta.dirname
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
const wanted = process.argv.slice(2)
const selected = wanted.length > 0 ? wanted : available

if (available.length === 0) {
  console.log('No benchmarks yet: they arrive with the import and queue issues (bench/<name>.bench.ts).')
  process.exit(0)
}
for (const name of selected) {
  if (!available.includes(name)) {
    console.error(`Unknown benchmark "${name}". Available: ${available.join(', ')}`)
    process.exit(2)
  }
  const mod = (await import(path.join(dir, `${name}.bench.ts`))) as { run: () => Promise<void> }
  console.log(`== ${name}`)
  await mod.run()
}
// the Postgres adapter keeps a pooled client checked out: leave without waiting for it
process.exit(0)
