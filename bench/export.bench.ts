// `npm run bench -- export`: a project's labels exported as COCO through LabelOps (the export operation: one
// snapshot, keyset pages, every object turned into a COCO annotation, the file written as text and consumed)
// against a raw SQL `COPY (select …) TO STDOUT` of the same label rows, consumed the same way, in one run.
// Prints rows/s of both, the ratio (exportOverCopy, target >= 0.25), the export's peak live heap and each side's
// peak RSS growth at 10,000 and 100,000 tasks (BENCH_SIZES to change): a flat live heap from 10k to 100k is the
// proof that the file is streamed, not held. Results: bench/results/export.json.
import { createReadStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { createLocalReq, type Payload } from 'payload'

import { releasePool } from '../src/db/guardPoolErrors.ts'
import { importDataItems } from '../src/operations/importDataItems.ts'
import { systemLabelExport } from '../src/operations/exportLabels.ts'
import { BUILT_IN_TEMPLATES } from '../src/domain/workflow/templates.ts'
import { freshBenchPayload, printTable, withPeakLiveHeap, withPeakRss, writeResults } from './lib.ts'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const ONTOLOGY = {
  objects: [
    { id: 'car', name: 'Car', shape: 'bounding-box' },
    { id: 'person', name: 'Person', shape: 'point' },
    { id: 'road', name: 'Road', shape: 'polygon' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      options: [
        { id: 'sun', label: 'Sun' },
        { id: 'rain', label: 'Rain' },
      ],
    },
  ],
}

/** A project of `size` image tasks (imported as LabelOps imports them), each with a submitted label written by SQL. */
async function labelledProject(payload: Payload, uri: string, workspace: number, ontology: number, author: number, size: number) {
  const dataset = (await payload.create({ collection: 'datasets', data: { workspace, name: `frames ${size}` } as never })).id as number
  const project = (
    await payload.create({
      collection: 'projects',
      data: {
        workspace,
        name: `export ${size}`,
        datasets: [dataset],
        ontology,
        workflow: BUILT_IN_TEMPLATES['annotate-review-complete']!.graph,
      } as never,
    })
  ).id as number
  const file = path.join(os.tmpdir(), `labelops-export-bench-${size}.ndjson`)
  await writeFile(
    file,
    Array.from({ length: size }, (_, i) =>
      JSON.stringify({ externalId: `frame-${i}`, type: 'image', url: `https://cdn.example.com/${i}.jpg`, width: 1920, height: 1080 }),
    ).join('\n'),
  )
  await importDataItems({ req: await createLocalReq({}, payload), dataset, body: createReadStream(file), format: 'ndjson' })
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  // three cars, a person and a road per label; the geometry varies with the task
  await client.query(
    `insert into labels (workspace_id, project_id, task_id, ontology_id, author_id, status, objects, classifications, submitted_at, review_round, updated_at, created_at)
     select $1, $2, t.id, $3, $4, 'submitted',
            jsonb_build_array(
              jsonb_build_object('id', 'c1', 'featureId', 'car', 'geometry', jsonb_build_object('x', (t.id % 50) / 100.0, 'y', 0.1, 'w', 0.2, 'h', 0.15)),
              jsonb_build_object('id', 'c2', 'featureId', 'car', 'geometry', jsonb_build_object('x', 0.3, 'y', (t.id % 40) / 100.0, 'w', 0.1, 'h', 0.1)),
              jsonb_build_object('id', 'c3', 'featureId', 'car', 'geometry', jsonb_build_object('x', 0.6, 'y', 0.5, 'w', 0.25, 'h', 0.2)),
              jsonb_build_object('id', 'p1', 'featureId', 'person', 'geometry', jsonb_build_object('x', 0.45, 'y', 0.7)),
              jsonb_build_object('id', 'r1', 'featureId', 'road', 'geometry', jsonb_build_object('points', '[[0.1,0.9],[0.9,0.9],[0.6,0.55],[0.4,0.55]]'::jsonb))),
            jsonb_build_array(jsonb_build_object('featureId', 'weather', 'optionIds', jsonb_build_array(case when t.id % 2 = 0 then 'sun' else 'rain' end))),
            now(), 0, now(), now()
       from tasks t where t.project_id = $2`,
    [workspace, project, ontology, author],
  )
  await client.query('analyze')
  await client.end()
  return project
}

/** The baseline: the same label rows (with their task and item) out of Postgres by COPY, bytes consumed. */
async function copyRows(uri: string, project: number): Promise<number> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  let lines = 0
  const stream = client.query(
    copyTo(`copy (select t.id, i.name, i.width, i.height, l.objects, l.classifications
                    from tasks t join data_items i on i.id = t.data_item_id
                    join labels l on l.task_id = t.id and l.status = 'submitted'
                   where t.project_id = ${Number(project)} order by t.id) to stdout`),
  )
  for await (const chunk of stream) for (const byte of chunk as Buffer) if (byte === 10) lines++
  await client.end()
  return lines
}

/** LabelOps' COCO export of the project, the text consumed as it comes; answers the images written. */
async function exportCoco(payload: Payload, project: number): Promise<number> {
  const file = await systemLabelExport(await createLocalReq({}, payload), { project, query: { format: 'coco' } })
  let bytes = 0
  for await (const chunk of file.chunks) bytes += chunk.length
  return bytes
}

export async function run(): Promise<void> {
  const { server, uri, payload } = await freshBenchPayload('labelops_bench_export')
  const workspace = (await payload.create({ collection: 'workspaces', data: { name: 'Bench' } })).id as number
  const author = (await payload.create({ collection: 'users', data: { email: 'author@bench.test', password: 'bench-password-1' } }))
    .id as number
  const ontology = (await payload.create({ collection: 'ontologies', data: { workspace, name: 'Street', ...ONTOLOGY } as never }))
    .id as number
  const projects = new Map<number, number>()
  for (const size of SIZES) projects.set(size, await labelledProject(payload, uri, workspace, ontology, author, size))
  // warm both paths (JIT, plans) on the smallest project
  await copyRows(uri, projects.get(SIZES[0]!)!)
  await exportCoco(payload, projects.get(SIZES[0]!)!)

  const rows: Array<Record<string, string | number>> = []
  const results: Record<string, unknown> = { rounds: ROUNDS, sizes: {} }
  for (const size of SIZES) {
    const project = projects.get(size)!
    const copied: Array<Awaited<ReturnType<typeof withPeakRss<number>>>> = []
    const exported: Array<Awaited<ReturnType<typeof withPeakRss<number>>>> = []
    // interleaved rounds; each side's best time (this machine's speed drifts), each side's highest peak
    for (let round = 0; round < ROUNDS; round++) {
      copied.push(await withPeakRss(() => copyRows(uri, project)))
      exported.push(await withPeakRss(() => exportCoco(payload, project)))
    }
    if (copied.some((one) => one.result !== size)) throw new Error(`COPY wrote ${copied[0]!.result} rows, not ${size}`)
    // an untimed round for what the export keeps alive (a GC every 200 ms)
    const live = await withPeakLiveHeap(() => exportCoco(payload, project))
    const copyRate = size / (Math.min(...copied.map((one) => one.ms)) / 1000)
    const exportRate = size / (Math.min(...exported.map((one) => one.ms)) / 1000)
    const peak = Math.max(...exported.map((one) => one.peakRssMb))
    rows.push({
      tasks: size.toLocaleString(),
      'COPY rows/s': Math.round(copyRate).toLocaleString(),
      'COCO export rows/s': Math.round(exportRate).toLocaleString(),
      'exportOverCopy (target >= 0.25)': (exportRate / copyRate).toFixed(2),
      'export peak live heap +MB': live.peakLiveHeapMb.toFixed(1),
      'export peak RSS +MB': peak.toFixed(1),
      'COPY peak RSS +MB': Math.max(...copied.map((one) => one.peakRssMb)).toFixed(1),
      'COCO MB': (exported[0]!.result / 2 ** 20).toFixed(1),
    })
    ;(results.sizes as Record<number, unknown>)[size] = {
      copyRowsPerSecond: copyRate,
      exportRowsPerSecond: exportRate,
      exportOverCopy: exportRate / copyRate,
      exportPeakRssMb: peak,
      exportPeakLiveHeapMb: live.peakLiveHeapMb,
      liveHeapSamples: live.samples,
      copyPeakRssMb: Math.max(...copied.map((one) => one.peakRssMb)),
      cocoBytes: exported[0]!.result,
    }
  }
  printTable(rows)
  const [small, large] = [SIZES[0]!, SIZES.at(-1)!].map(
    (size) => (results.sizes as Record<number, { exportPeakRssMb: number; exportPeakLiveHeapMb: number }>)[size]!,
  )
  results.peakRssGrowthMb = large!.exportPeakRssMb - small!.exportPeakRssMb
  results.peakLiveHeapGrowthMb = large!.exportPeakLiveHeapMb - small!.exportPeakLiveHeapMb
  const span = `from ${SIZES[0]!.toLocaleString()} to ${SIZES.at(-1)!.toLocaleString()} tasks`
  console.log(`export peak live heap ${span}: ${(results.peakLiveHeapGrowthMb as number).toFixed(1)} MB more (what the stream holds)`)
  console.log(`export peak RSS ${span}: ${(results.peakRssGrowthMb as number).toFixed(1)} MB more (garbage not yet collected included)`)
  console.log(`written to ${writeResults('export', results)}`)
  releasePool(payload)
  await server.stop()
}
