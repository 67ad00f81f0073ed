import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { TaskCandidate } from '../../domain/exchange/matching.ts'
import type { ItemMatch, ReferenceKind } from '../../domain/exchange/importRecords.ts'
import type { Id } from '../../types.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName, sqlTable } from '../../db/tables.ts'

/**
 * The project's tasks an import's records could be for — by task id, the item's external id or its name —
 * each with what validating its label needs (frames, text length). One query, however many records.
 */
export async function importCandidates(req: PayloadRequest, project: Id, matches: readonly ItemMatch[]): Promise<TaskCandidate[]> {
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const db = await sessionDb(req)
  const list = (pick: (match: ItemMatch) => string | undefined) => JSON.stringify([...new Set(matches.map(pick).filter(Boolean))])
  const { rows } = await db.execute<{
    task: string
    externalId: string | null
    name: string
    frames: number | null
    textLength: number | null
  }>(sql`
    select ${tasks.id}::text as "task", ${items.externalId} as "externalId", ${items.name} as "name",
           ${items.frames}::float8 as "frames", char_length(${items.source_text}) as "textLength"
      from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
     where ${tasks.project} = ${project}
       and (${tasks.id}::text in (select jsonb_array_elements_text(${list((match) => match.task)}::jsonb))
            or ${items.externalId} in (select jsonb_array_elements_text(${list((match) => match.externalId)}::jsonb))
            or ${items.name} in (select jsonb_array_elements_text(${list((match) => match.name)}::jsonb)))`)
  return rows.map((row) => ({
    ...row,
    frames: row.frames == null ? null : Number(row.frames),
    textLength: row.textLength == null ? null : Number(row.textLength),
  }))
}

/** drizzle's insert builder, as much of it as an upsert uses (the adapter's handle is typed loosely) */
type InsertDb = {
  insert: (table: unknown) => {
    values: (rows: unknown[]) => {
      onConflictDoUpdate: (config: { target: unknown[]; set: Record<string, unknown> }) => {
        returning: <T>(fields: T) => Promise<Array<{ [K in keyof T]: boolean }>>
      }
    }
  }
}

export type ReferenceRow = { task: string; objects: unknown[]; classifications: unknown[] }

/**
 * Writes reference labels of one kind, replacing a task's earlier one of that kind (a re-import updates, never
 * duplicates), in batches, in the caller's transaction. Answers how many replaced an earlier one.
 */
export async function upsertReferenceLabels(
  req: PayloadRequest,
  target: { workspace: Id; project: Id; kind: ReferenceKind; source: string; importedBy: Id },
  rows: readonly ReferenceRow[],
  batchSize = 1000,
): Promise<{ replaced: number }> {
  const references = sqlTable(req, 'referenceLabels')
  const db = await sessionDb(req)
  let replaced = 0
  for (let start = 0; start < rows.length; start += batchSize) {
    const now = new Date().toISOString()
    const values = rows.slice(start, start + batchSize).map((row) => ({
      workspace: target.workspace,
      project: target.project,
      task: row.task,
      kind: target.kind,
      objects: row.objects,
      classifications: row.classifications,
      source: target.source,
      importedBy: target.importedBy,
      updatedAt: now,
      createdAt: now,
    }))
    const written = await (db as unknown as InsertDb)
      .insert(references)
      .values(values)
      .onConflictDoUpdate({
        target: [references.task, references.kind],
        set: {
          objects: sql`excluded.${columnName(references.objects)}`,
          classifications: sql`excluded.${columnName(references.classifications)}`,
          source: sql`excluded.${columnName(references.source)}`,
          importedBy: sql`excluded.${columnName(references.importedBy)}`,
          updatedAt: sql`excluded.${columnName(references.updatedAt)}`,
        },
      })
      // xmax <> 0 on a returned row: the conflict branch updated an existing one
      .returning({ replaced: sql<boolean>`(xmax <> 0)` })
    replaced += written.filter((row) => row.replaced).length
  }
  return { replaced }
}
