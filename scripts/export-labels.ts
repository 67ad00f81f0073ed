// `npm run export -- --project <id> [--format labelops|coco] [--stage <id>] [--status <status>] [--from <iso>]
// [--to <iso>] [--unlabelled] [--out <file>]`: a project's labels as LabelOps JSON or COCO, written to a file
// as they are read (constant memory), with a progress bar. Runs as the system (an operator with database
// access), on DATABASE_URI or the embedded Postgres.
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { createLocalReq } from 'payload'

import { systemLabelExport } from '../src/operations/exportLabels.ts'
import { withPayload } from './lib/withPayload.ts'

const { values } = parseArgs({
  options: {
    project: { type: 'string' },
    format: { type: 'string' },
    stage: { type: 'string' },
    status: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    unlabelled: { type: 'boolean' },
    out: { type: 'string' },
  },
})
if (!values.project) {
  console.error(
    'usage: npm run export -- --project <id> [--format labelops|coco] [--stage <id>] [--status <status>] [--from <iso>] [--to <iso>] [--unlabelled] [--out <file>]',
  )
  process.exit(2)
}
const projectArg = values.project

const bar = (done: number, total: number) => {
  const share = total === 0 ? 1 : Math.min(1, done / total)
  const filled = Math.round(share * 30)
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString()} of ${total.toLocaleString()} tasks`,
  )
}

await withPayload(
  async (payload) => {
    const started = Date.now()
    const query = Object.fromEntries(
      Object.entries({
        format: values.format,
        stage: values.stage,
        status: values.status,
        from: values.from,
        to: values.to,
        unlabelled: values.unlabelled ? 'true' : undefined,
      }).filter(([, value]) => value !== undefined),
    )
    const project = /^\d+$/.test(projectArg) ? Number(projectArg) : projectArg
    const file = await systemLabelExport(await createLocalReq({}, payload), { project, query }, bar)
    const out = values.out ?? file.filename
    await pipeline(Readable.from(file.chunks), createWriteStream(out))
    console.log(
      `\n${file.format === 'coco' ? 'COCO' : 'LabelOps JSON'} written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
    return 0
  },
  (error) => console.error(`\nexport failed: ${(error as Error).message}`),
)
