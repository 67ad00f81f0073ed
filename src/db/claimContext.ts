import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import type { Id } from '../types.ts'
import { collectionTable, executePrepared } from './session.ts'

type Row = Record<string, unknown>
const iso = (value: unknown) => (value == null ? null : new Date(value as string).toISOString())
const num = (value: unknown) => (value == null ? null : Number(value))

/** A data_items row as the REST API shows the document at depth 0. */
function dataItemDoc(row: Row) {
  return {
    id: row.id, workspace: row.workspace_id, dataset: row.dataset_id, name: row.name, type: row.type,
    source: { kind: row.source_kind, url: row.source_url ?? null, ...('source_media_id' in row ? { media: row.source_media_id ?? null } : {}), text: row.source_text ?? null },
    metadata: row.metadata ?? null, width: num(row.width), height: num(row.height), frames: num(row.frames), externalId: row.external_id ?? null,
    updatedAt: iso(row.updated_at), createdAt: iso(row.created_at),
  }
}

/** A labels row (with its feature ids) as the REST API shows the document at depth 0. */
function labelDoc(row: Row) {
  return {
    id: row.id, workspace: row.workspace_id, project: row.project_id, task: row.task_id, ontology: row.ontology_id ?? null, author: row.author_id,
    status: row.status, objects: row.objects ?? [], classifications: row.classifications ?? [], featureIds: row.feature_ids ?? [],
    submittedAt: iso(row.submitted_at), reviewRound: num(row.review_round), review: row.review ?? null, reviewedSnapshot: row.reviewed_snapshot ?? null,
    updatedAt: iso(row.updated_at), createdAt: iso(row.created_at),
  }
}

/**
 * What a claim answers with besides the task, in ONE prepared query: the data item, the label to work on
 * (`author`'s on this task, if any) and the ontology's updatedAt (to serve it from the cache). Read as rows:
 * the claim itself entitles the caller to them, and this path runs on every "next task" click.
 */
export async function loadClaimContext(req: PayloadRequest, args: { dataItem: Id; task: Id; author: Id | null; ontology: Id | null }) {
  const { slugs } = getOptions(req.payload)
  const items = collectionTable(req, slugs.dataItems)
  const labels = collectionTable(req, slugs.labels)
  const labelTexts = collectionTable(req, slugs.labels, { texts: true })
  const ontologies = collectionTable(req, slugs.ontologies)
  const { rows } = await executePrepared<{ item: Row | null; label: Row | null; ontologyUpdatedAt: string | null }>(req, 'claim-context', () => sql`
    select (select row_to_json(d) from ${items} d where d.id = ${sql.placeholder('dataItem')}) as "item",
           (select row_to_json(l) from (
              select l.*, (select coalesce(array_agg(t.text order by t."order"), '{}') from ${labelTexts} t where t.parent_id = l.id and t.path = 'featureIds') as feature_ids
                from ${labels} l where l.task_id = ${sql.placeholder('task')} and l.author_id = ${sql.placeholder('author')}) l) as "label",
           (select ${ontologies.updatedAt} from ${ontologies} where ${ontologies.id} = ${sql.placeholder('ontology')}) as "ontologyUpdatedAt"`,
  { dataItem: args.dataItem, task: args.task, author: args.author, ontology: args.ontology })
  const row = rows[0]!
  return { dataItem: row.item && dataItemDoc(row.item), label: row.label && labelDoc(row.label), ontologyUpdatedAt: row.ontologyUpdatedAt }
}
