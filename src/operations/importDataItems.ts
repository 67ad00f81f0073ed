import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { idOf, requireUser } from '../access/actor.ts'
import { allowedBy } from '../access/allowedBy.ts'
import { datasetsAccess } from '../access/resources.ts'
import { getOptions } from '../context.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { sessionDb } from '../db/session.ts'
import { columnName, sqlTable } from '../db/tables.ts'
import { retitleTasks } from '../sql/tasks/taskTitles.ts'
import { createMissingTasks } from '../sql/tasks/taskSync.ts'
import { ForbiddenChangeError } from '../errors.ts'
import { type DataItemRecord, parseDataItemRow } from '../domain/import/dataItemRow.ts'
import { type ManifestFormat, manifestRows } from '../domain/import/manifestRows.ts'
import { isSystem } from '../system.ts'
import type { Id } from '../types.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { parseInput } from './input.ts'

export type ImportResult = {
  accepted: number
  created: number
  updated: number
  rejectedCount: number
  /** tasks created for the new items in the projects that use this dataset */
  tasksCreated: number
  /** every rejected row: its 1-based number in the manifest, the field, and the rule it broke */
  rejected: Array<{ row: number; field: string; rule: string }>
}

export type ImportOptions = {
  req: PayloadRequest
  dataset: Id
  body: AsyncIterable<Uint8Array>
  format: ManifestFormat
  /** rows per multi-row INSERT @default 1000 */
  batchSize?: number
  onBatch?: (progress: { accepted: number; rejected: number }) => void
}

const canImport = datasetsAccess('datasets.update')

const isAsyncIterable = (value: unknown): value is AsyncIterable<Uint8Array> =>
  value != null && typeof (value as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function'

/** An import as callers send it: the dataset, the manifest's format and the manifest itself (a byte stream). */
export const importSchema = z
  .object({
    dataset: documentIdSchema,
    format: z.enum(['json', 'ndjson', 'csv'], { error: () => 'send a JSON array, NDJSON or CSV manifest' }),
    body: z.custom<AsyncIterable<Uint8Array>>(isAsyncIterable, 'the manifest is empty'),
  })
  .strict()

/** The operation as callers send it (`unknown` input, parsed here): see importDataItems. */
export async function importRequest({ req, input }: { req: PayloadRequest; input: unknown }): Promise<ImportResult> {
  requireUser(req, 'import')
  return importDataItems({ req, ...parseInput(importSchema, input) })
}

/**
 * Bulk import into a dataset: streams the manifest, validates each row (a rejected row writes nothing), and
 * writes accepted rows in batched multi-row INSERTs, all in one transaction: the import becomes visible at
 * once when the whole body has arrived, and a body that is cut or fails leaves nothing behind. Rows with an
 * externalId already in the dataset update it: re-importing creates no duplicates. New items become tasks of
 * every project that uses the dataset, in the same transaction.
 */
export async function importDataItems({ req, dataset, body, format, batchSize = 1000, onBatch }: ImportOptions): Promise<ImportResult> {
  const { slugs } = getOptions(req.payload)
  const datasetDoc = await req.payload.findByID({
    collection: slugs.datasets,
    id: dataset,
    depth: 0,
    req,
    overrideAccess: isSystem(req),
    disableErrors: true,
  })
  if (!datasetDoc) throw new ForbiddenChangeError('dataset', `dataset ${dataset} does not exist or is not visible to you`)
  if (!isSystem(req) && !(await allowedBy(req, canImport, slugs.datasets, dataset))) {
    throw new ForbiddenChangeError('dataset', 'you cannot import into this dataset')
  }
  const workspace = idOf((datasetDoc as unknown as { workspace: unknown }).workspace)!
  const items = sqlTable(req, 'dataItems')
  const result: ImportResult = { accepted: 0, created: 0, updated: 0, rejectedCount: 0, tasksCreated: 0, rejected: [] }

  let batch: DataItemRecord[] = []
  const inBatch = new Set<string>()
  const flush = async () => {
    if (batch.length === 0) return
    const now = new Date().toISOString()
    const rows = batch.map((record) => ({
      workspace,
      dataset,
      name: record.name,
      type: record.type,
      source_kind: record.sourceKind,
      source_url: record.sourceUrl,
      source_text: record.sourceText,
      source_media: record.sourceMedia,
      metadata: record.metadata,
      width: record.width,
      height: record.height,
      frames: record.frames,
      externalId: record.externalId,
      createdAt: now,
      updatedAt: now,
    }))
    const db = await sessionDb(req)
    const upserted = (await db
      .insert(items)
      .values(rows)
      .onConflictDoUpdate({
        target: [items.dataset, items.externalId],
        set: Object.fromEntries(
          (
            [
              'name',
              'type',
              'source_kind',
              'source_url',
              'source_text',
              'source_media',
              'metadata',
              'width',
              'height',
              'frames',
              'updatedAt',
            ] as const
          ).flatMap((key) => {
            const column = items[key]
            return column ? [[key, sql`excluded.${columnName(column)}`]] : []
          }), // no source_media without a media collection
        ),
      })
      .returning({ id: items.id, inserted: sql<boolean>`(xmax = 0)` })) as Array<{ id: Id; inserted: boolean }>
    // new items of a dataset that projects use become tasks of those projects, in the same transaction
    const created = upserted.filter((row) => row.inserted).map((row) => row.id)
    if (created.length > 0) result.tasksCreated += await createMissingTasks(req, { dataset, items: created }, req.user?.id ?? null)
    await retitleTasks(
      req,
      upserted.filter((row) => !row.inserted).map((row) => row.id),
    )
    for (const row of upserted) {
      if (row.inserted) result.created++
      else result.updated++
    }
    result.accepted += batch.length
    batch = []
    inBatch.clear()
    onBatch?.({ accepted: result.accepted, rejected: result.rejectedCount })
  }

  // all or nothing: one transaction around every batch, so a body cut mid-way (or any failure) leaves no row
  await inTransaction(req, async () => {
    for await (const entry of manifestRows(body, format)) {
      const parsed =
        'error' in entry ? { ok: false as const, problems: [{ field: '(row)', rule: entry.error }] } : parseDataItemRow(entry.value)
      if (!parsed.ok) {
        result.rejectedCount++
        for (const problem of parsed.problems) result.rejected.push({ row: entry.row, ...problem })
        continue
      }
      // the same externalId twice in one INSERT is an error in Postgres: the later row goes in the next batch
      const key = parsed.record.externalId
      if (key !== null && inBatch.has(key)) await flush()
      if (key !== null) inBatch.add(key)
      batch.push(parsed.record)
      if (batch.length >= batchSize) await flush()
    }
    await flush()
  })
  return result
}
