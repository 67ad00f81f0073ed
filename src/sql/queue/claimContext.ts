import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PgColumn } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PayloadRequest } from 'payload'

import type { Id } from '../../types.ts'
import { executePrepared } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'

type Row = Record<string, unknown>
const iso = (value: unknown) => (value == null ? null : new Date(value as string).toISOString())
const num = (value: unknown) => (value == null ? null : Number(value))

/** A JSON object of the given columns, keyed by field name (columns a host config lacks are left out). */
const jsonOf = (columns: Record<string, PgColumn | SQL | undefined>): SQL =>
  sql`json_build_object(${sql.join(
    Object.entries(columns)
      .filter(([, column]) => column !== undefined)
      .map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`),
    sql`, `,
  )})`

/** A data item read as the REST API shows the document at depth 0. */
function dataItemDoc(row: Row) {
  return {
    id: row.id,
    workspace: row.workspace,
    dataset: row.dataset,
    name: row.name,
    type: row.type,
    source: { kind: row.kind, url: row.url ?? null, ...('media' in row ? { media: row.media ?? null } : {}), text: row.text ?? null },
    metadata: row.metadata ?? null,
    width: num(row.width),
    height: num(row.height),
    frames: num(row.frames),
    externalId: row.externalId ?? null,
    updatedAt: iso(row.updatedAt),
    createdAt: iso(row.createdAt),
  }
}

/** A label read (with its feature ids) as the REST API shows the document at depth 0. */
function labelDoc(row: Row) {
  return {
    id: row.id,
    workspace: row.workspace,
    project: row.project,
    task: row.task,
    ontology: row.ontology ?? null,
    author: row.author,
    status: row.status,
    objects: row.objects ?? [],
    classifications: row.classifications ?? [],
    featureIds: row.featureIds ?? [],
    submittedAt: iso(row.submittedAt),
    reviewRound: num(row.reviewRound),
    review: row.review ?? null,
    reviewedSnapshot: row.reviewedSnapshot ?? null,
    updatedAt: iso(row.updatedAt),
    createdAt: iso(row.createdAt),
  }
}

export type ClaimContextRow = { item: Row | null; label: Row | null; preLabel: PreLabel | null; ontologyUpdatedAt: string | null }
/** An imported pre-label: where an annotator with no label of their own starts. */
export type PreLabel = { objects: unknown[]; classifications: unknown[] }
export type ClaimContext = {
  dataItem: ReturnType<typeof dataItemDoc> | null
  label: ReturnType<typeof labelDoc> | null
  preLabel: PreLabel | null
  ontologyUpdatedAt: string | null
}

/**
 * The columns a claim answers with besides the task — the data item, the label to work on (`author`'s on
 * this task, if any), the task's imported pre-label and the ontology's updatedAt (to serve it from the cache) — as subqueries on the given
 * expressions: the claim statement selects them with the claimed row, the consensus path with placeholders.
 * Read as rows: the claim itself entitles the caller to them.
 */
export function claimContextColumns(req: PayloadRequest, on: { dataItem: SQL; task: SQL; author: SQL; ontology: SQL }): SQL {
  const items = sqlTable(req, 'dataItems')
  const labels = sqlTable(req, 'labels')
  const labelTexts = sqlTable(req, 'labelTexts')
  const ontologies = sqlTable(req, 'ontologies')
  const references = sqlTable(req, 'referenceLabels')
  return sql`(select ${jsonOf({
    id: items.id,
    workspace: items.workspace,
    dataset: items.dataset,
    name: items.name,
    type: items.type,
    kind: items.source_kind,
    url: items.source_url,
    media: items.source_media,
    text: items.source_text,
    metadata: items.metadata,
    width: items.width,
    height: items.height,
    frames: items.frames,
    externalId: items.externalId,
    updatedAt: items.updatedAt,
    createdAt: items.createdAt,
  })} from ${items} where ${items.id} = ${on.dataItem}) as "item",
    (select ${jsonOf({
      id: labels.id,
      workspace: labels.workspace,
      project: labels.project,
      task: labels.task,
      ontology: labels.ontology,
      author: labels.author,
      status: labels.status,
      objects: labels.objects,
      classifications: labels.classifications,
      submittedAt: labels.submittedAt,
      reviewRound: labels.reviewRound,
      review: labels.review,
      reviewedSnapshot: labels.reviewedSnapshot,
      updatedAt: labels.updatedAt,
      createdAt: labels.createdAt,
      featureIds: sql`(select coalesce(json_agg(${labelTexts.text} order by ${labelTexts.order}), '[]') from ${labelTexts}
        where ${labelTexts.parent} = ${labels.id} and ${labelTexts.path} = 'featureIds')`,
    })} from ${labels} where ${labels.task} = ${on.task} and ${labels.author}::text = ${on.author}) as "label",
    (select ${jsonOf({ objects: references.objects, classifications: references.classifications })} from ${references}
      where ${references.task} = ${on.task} and ${references.kind} = 'pre-label') as "preLabel",
    (select ${ontologies.updatedAt} from ${ontologies} where ${ontologies.id} = ${on.ontology}) as "ontologyUpdatedAt"`
}

/** The context columns of a row, as the REST API shows the documents at depth 0. */
export const readClaimContext = (row: ClaimContextRow): ClaimContext => ({
  dataItem: row.item && dataItemDoc(row.item),
  label: row.label && labelDoc(row.label),
  preLabel: row.preLabel,
  ontologyUpdatedAt: row.ontologyUpdatedAt,
})

/** The claim context by ids, in one prepared query (for claims that do not go through the claim statement). */
export async function loadClaimContext(
  req: PayloadRequest,
  args: { dataItem: Id; task: Id; author: Id | null; ontology: Id | null },
): Promise<ClaimContext> {
  const { rows } = await executePrepared<ClaimContextRow>(
    req,
    'claim-context',
    () =>
      sql`select ${claimContextColumns(req, {
        dataItem: sql`${sql.placeholder('dataItem')}`,
        task: sql`${sql.placeholder('task')}`,
        author: sql`${sql.placeholder('author')}::text`,
        ontology: sql`${sql.placeholder('ontology')}`,
      })}`,
    { dataItem: args.dataItem, task: args.task, author: args.author == null ? null : String(args.author), ontology: args.ontology },
  )
  return readClaimContext(rows[0]!)
}
