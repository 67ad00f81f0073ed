// Adds up the vitest JSON reports and the e2e/smoke step lines into one closing line: "ci: N passed, N failed".
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const dir = process.argv[2]
let passed = 0
let failed = 0
let skipped = 0
for (const file of readdirSync(dir)) {
  const full = path.join(dir, file)
  if (file.endsWith('.json')) {
    const report = JSON.parse(readFileSync(full, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  } else if (file.endsWith('.log')) {
    const line = readFileSync(full, 'utf8').match(/^\w+: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m)
    if (!line) {
      failed++
      console.log(`${file}: no summary line`)
      continue
    }
    passed += Number(line[1])
    failed += Number(line[2])
    skipped += Number(line[3] ?? 0)
  }
}
console.log(`ci: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
