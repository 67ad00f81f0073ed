// `npm run bench -- import`: bulk import of data items from NDJSON, with their tasks, through LabelOps
// (validation, batched multi-row upserts, tasks and journal rows, one transaction per batch) against a
// raw-SQL baseline writing the same rows into the same tables from a plain pg client. Prints items/s, the
// ratio, and peak RSS growth at 10k and 100k rows (BENCH_SIZES=10000,100000,300000 for more). `npm run bench`
// caps the heap at 192 MB: V8 otherwise lets garbage pile up while it has room, which would make the peak
// track the heap's growth policy instead of what the import keeps alive. Under the cap, a file that needed
// memory in proportion to its size would fail; the peak staying level across sizes is the proof.
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'

import pg from 'pg'
import { createLocalReq } from 'payload'

import { releasePool } from '../src/db/guardPoolErrors.ts'
import { importDataItems } from '../src/operations/importDataItems.ts'
import { BUILT_IN_TEMPLATES } from '../src/domain/workflow/templates.ts'
import { freshBenchPayload, printTable, withPeakRss, writeResults } from './lib.ts'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
const BATCH = 1000

async function writeManifest(rows: number): Promise<string> {
  const file = path.join(os.tmpdir(), `labelops-bench-${rows}.ndjson`)
  const out = createWriteStream(file)
  for (let i = 0; i < rows; i++) {
    const line = JSON.stringify({
      externalId: `item-${i}`,
      type: 'image',
      url: `https://cdn.example.com/frames/${i}.jpg`,
      width: 1920,
      height: 1080,
      metadata: { camera: i % 4, split: i % 10 === 0 ? 'val' : 'train' },
    })
    if (!out.write(`${line}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return file
}

/**
 * The baseline: parse each line and INSERT 1,000 items per statement, then their tasks and `created` journal
 * rows (as LabelOps writes them), one transaction per batch.
 */
async function rawInsert(uri: string, file: string, workspace: number, dataset: number, project: number): Promise<number> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  let batch: unknown[][] = []
  let written = 0
  const flush = async () => {
    if (batch.length === 0) return
    const values = batch.map((_, r) => `(${Array.from({ length: 13 }, (_, c) => `$${r * 13 + c + 1}`).join(',')}, now(), now())`).join(',')
    await client.query('begin')
    const items = await client.query<{ id: number }>(
      `insert into data_items (workspace_id, dataset_id, name, type, source_kind, source_url, source_text, metadata, width, height, frames, external_id, source_media_id, updated_at, created_at) values ${values} returning id`,
      batch.flat(),
    )
    await client.query(
      `with t as (
         insert into tasks (workspace_id, project_id, data_item_id, title, stage, status, priority, version, skipped_by, last_actor_by_stage, consensus_submissions, updated_at, created_at)
         select $1, $2, d.id, d.name, 'annotate', 'new', 50, 1, '[]', '{}', 0, now(), now() from data_items d where d.id = any($3::int[]) returning id)
       insert into task_events (workspace_id, project_id, task_id, type, to_stage, to_status, updated_at, created_at)
       select $1, $2, id, 'created', 'annotate', 'new', now(), now() from t`,
      [workspace, project, items.rows.map((row) => row.id)],
    )
    await client.query('commit')
    written += batch.length
    batch = []
  }
  for await (const line of readline.createInterface({ input: createReadStream(file) })) {
    if (!line) continue
    const row = JSON.parse(line)
    batch.push([
      workspace,
      dataset,
      row.externalId,
      row.type,
      'url',
      row.url,
      null,
      JSON.stringify(row.metadata),
      row.width,
      row.height,
      null,
      row.externalId,
      null,
    ])
    if (batch.length >= BATCH) await flush()
  }
  await flush()
  await client.end()
  return written
}

export async function run(): Promise<void> {
  const { server, uri, payload } = await freshBenchPayload('labelops_bench_import')
  const workspace = (await payload.create({ collection: 'workspaces', data: { name: 'Bench' } })).id as number
  const newDataset = async (label: string) =>
    (await payload.create({ collection: 'datasets', data: { workspace, name: label } as never })).id as number
  /** a project on Annotate -> Review -> Complete using the dataset: every imported item becomes its task */
  const newProject = async (dataset: number) =>
    (
      await payload.create({
        collection: 'projects',
        data: {
          workspace,
          name: `project ${dataset}`,
          datasets: [dataset],
          workflow: BUILT_IN_TEMPLATES['annotate-review-complete']!.graph,
        } as never,
      })
    ).id as number
  const req = await createLocalReq({}, payload)

  const rows: Array<Record<string, string | number>> = []
  const results: Record<string, unknown> = { batch: BATCH, sizes: {} }
  // warm both paths up (JIT, connections, plans) on a small file first
  const warm = await writeManifest(2000)
  const warmRaw = await newDataset('warm raw')
  await rawInsert(uri, warm, workspace, warmRaw, await newProject(warmRaw))
  const warmOurs = await newDataset('warm labelops')
  await newProject(warmOurs)
  await importDataItems({ req, dataset: warmOurs, body: createReadStream(warm), format: 'ndjson' })

  for (const size of SIZES) {
    const file = await writeManifest(size)
    const rawDataset = await newDataset(`raw ${size}`)
    const rawProject = await newProject(rawDataset)
    const baseline = await withPeakRss(() => rawInsert(uri, file, workspace, rawDataset, rawProject))
    const datasetId = await newDataset(`labelops ${size}`)
    await newProject(datasetId)
    const ours = await withPeakRss(() =>
      importDataItems({ req, dataset: datasetId, body: createReadStream(file), format: 'ndjson', batchSize: BATCH }),
    )
    if (ours.result.accepted !== size || ours.result.tasksCreated !== size || baseline.result !== size) {
      throw new Error(`row counts differ: ${ours.result.accepted} items, ${ours.result.tasksCreated} tasks / ${baseline.result}`)
    }
    const rawRate = size / (baseline.ms / 1000)
    const ourRate = size / (ours.ms / 1000)
    rows.push({
      rows: size.toLocaleString(),
      'raw SQL items/s': Math.round(rawRate).toLocaleString(),
      'LabelOps items/s': Math.round(ourRate).toLocaleString(),
      'ratio (target >= 0.25)': (ourRate / rawRate).toFixed(2),
      'LabelOps peak RSS +MB': ours.peakRssMb.toFixed(1),
      'raw peak RSS +MB': baseline.peakRssMb.toFixed(1),
      'LabelOps heap kept after GC MB': ours.retainedHeapMb.toFixed(1),
    })
    ;(results.sizes as Record<number, unknown>)[size] = {
      rawItemsPerSecond: rawRate,
      labelOpsItemsPerSecond: ourRate,
      ratio: ourRate / rawRate,
      labelOpsPeakRssMb: ours.peakRssMb,
      labelOpsRetainedHeapMb: ours.retainedHeapMb,
      rawPeakRssMb: baseline.peakRssMb,
    }
  }
  printTable(rows)
  console.log(`written to ${writeResults('import', results)}`)
  releasePool(payload)
  await server.stop()
}
