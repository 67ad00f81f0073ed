// `npm run import -- --dataset <id> <file>`: bulk-import a JSON / NDJSON / CSV manifest into a dataset, with a
// progress bar. Runs as the system (an operator with database access), on DATABASE_URI or the embedded Postgres.
import { createReadStream, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createLocalReq } from 'payload'

import { manifestFormat } from '../src/domain/import/manifestFormat.ts'
import { importDataItems } from '../src/operations/importDataItems.ts'
import { withPayload } from './lib/withPayload.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dataset: { type: 'string' }, format: { type: 'string' }, 'batch-size': { type: 'string' } },
})
const file = positionals[0]
const format = manifestFormat(values.format ?? file ?? '')
if (!values.dataset || !file || !format) {
  console.error('usage: npm run import -- --dataset <id> [--format json|ndjson|csv] [--batch-size 1000] <file>')
  process.exit(2)
}
const path: string = file
const datasetArg: string = values.dataset

const size = statSync(file).size
let read = 0
/** the file's chunks, counted as they are consumed (a 'data' listener would start the stream too early) */
async function* counted(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    read += (chunk as Buffer).length
    yield chunk as Buffer
  }
}

const bar = (accepted: number, rejected: number) => {
  const share = size === 0 ? 1 : Math.min(1, read / size)
  const filled = Math.round(share * 30)
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${accepted.toLocaleString()} accepted, ${rejected.toLocaleString()} rejected`,
  )
}

await withPayload(
  async (payload) => {
    const started = Date.now()
    const dataset = /^\d+$/.test(datasetArg) ? Number(datasetArg) : datasetArg
    const result = await importDataItems({
      req: await createLocalReq({}, payload),
      dataset,
      body: counted(path),
      format,
      batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
      onBatch: ({ accepted, rejected }) => bar(accepted, rejected),
    })
    bar(result.accepted, result.rejectedCount)
    const seconds = (Date.now() - started) / 1000
    console.log(
      `\n${result.accepted.toLocaleString()} accepted (${result.created} created, ${result.updated} updated), ${result.rejectedCount} rejected in ${seconds.toFixed(1)} s`,
    )
    for (const problem of result.rejected.slice(0, 20)) console.log(`  row ${problem.row}: ${problem.field} ${problem.rule}`)
    if (result.rejected.length > 20) console.log(`  ... and ${result.rejected.length - 20} more problems`)
    return result.rejectedCount > 0 ? 1 : 0
  },
  (error) => console.error(`\nimport failed: ${(error as Error).message}`),
)
