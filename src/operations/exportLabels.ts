import type { Payload, PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireUser } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { assertCan } from '../access/assertCan.ts'
import { cocoCategories } from '../domain/exchange/coco.ts'
import {
  cocoAnnotations,
  cocoBetween,
  cocoHead,
  cocoImage,
  cocoTail,
  type ExportHead,
  labelOpsHead,
  labelOpsTail,
  labelOpsTask,
} from '../domain/exchange/exportDocument.ts'
import { type ExportFilter, type ExportFormat, type ExportQuery, exportQuerySchema } from '../domain/exchange/exportQuery.ts'
import { documentIdSchema } from '../domain/ids.ts'
import type { OntologyStructure } from '../domain/ontology/schema.ts'
import { FieldRuleError, TooLargeError } from '../errors.ts'
import { countExportRows, exportPage, openExportSnapshot } from '../sql/exchange/exportRows.ts'
import { loadQueueProject, type QueueProject } from '../sql/projects/projectRow.ts'
import { systemAccess } from '../system.ts'
import type { Id } from '../types.ts'
import { parseInput, wholePart } from './input.ts'
import { cachedOntology } from './ontologyCache.ts'
import { loadProjectContext } from './projectContext.ts'

export const exportLabelsSchema = z.object({ project: documentIdSchema, query: wholePart(exportQuerySchema) }).strict()

/** Tasks read per query: the memory an export holds at once. */
const PAGE = 500

export type LabelExport = { chunks: AsyncIterable<string>; filename: string; contentType: string; format: ExportFormat }
export type ExportProgress = (done: number, total: number) => void

/**
 * A project's labels as a download — LabelOps JSON or COCO — filtered by stage, task status and submission
 * window: for whoever runs the project (project.labels.export). The file is written as it is read, page by
 * page from one snapshot, so its size never shows in the server's memory; `onProgress` hears of each page.
 */
export async function exportLabels({ req, input }: { req: PayloadRequest; input: unknown }) {
  requireUser(req, 'export labels')
  const { project: projectId, query } = parseInput(exportLabelsSchema, input)
  const { project, projectActor } = await loadProjectContext(req, projectId)
  assertCan(projectActor, 'project.labels.export')
  return labelExport(req, project, query)
}

/** The same export for an operator's script (`npm run export`, as the system): the project by id, no person's access. */
export async function systemLabelExport(req: PayloadRequest, input: unknown, onProgress?: ExportProgress) {
  const { project: projectId, query } = parseInput(exportLabelsSchema, input)
  const project = await loadQueueProject(req, projectId)
  if (!project) throw new FieldRuleError('project', `there is no project ${String(projectId)}`)
  return labelExport(req, project, query, onProgress)
}

async function labelExport(
  req: PayloadRequest,
  project: QueueProject,
  query: ExportQuery,
  onProgress?: ExportProgress,
): Promise<LabelExport> {
  const stages = project.workflow?.stages.map((stage) => stage.id) ?? []
  if (query.stage && !stages.includes(query.stage))
    throw new FieldRuleError('stage', `"${query.stage}" is not a stage of this project (stages: ${stages.join(', ') || 'none'})`)
  const ontologyDoc = project.ontology == null ? null : ((await cachedOntology(req, project.ontology)) as Partial<OntologyStructure> | null)
  const ontology: OntologyStructure = { objects: ontologyDoc?.objects ?? [], classifications: ontologyDoc?.classifications ?? [] }
  const { format, ...filter } = query
  // the caller may see the project (checked above): its name is read for the file's head
  const { name } = (await req.payload.findByID({
    collection: getOptions(req.payload).slugs.projects,
    id: project.id,
    select: { name: true },
    depth: 0,
    ...systemAccess(req),
  })) as { name: string }
  const head: ExportHead = { project: { id: String(project.id), name }, ontology, filter, exportedAt: new Date().toISOString() }
  return {
    chunks: exportChunks(req.payload, project.id, head, format, onProgress),
    filename: `${slugOf(name)}-labels-${head.exportedAt.slice(0, 10)}${format === 'coco' ? '.coco' : ''}.json`,
    contentType: 'application/json; charset=utf-8',
    format,
  }
}

/** The export's text, page by page, from one snapshot that the end (or an abandoned download) closes. */
async function* exportChunks(payload: Payload, project: Id, head: ExportHead, format: ExportFormat, onProgress?: ExportProgress) {
  const snapshot = await openExportSnapshot(payload)
  try {
    const total = onProgress ? await countExportRows(snapshot, payload, project, head.filter) : 0
    const pages = (objects: boolean) => pagesOf(snapshot, payload, project, head.filter, objects)
    if (format === 'labelops') {
      yield labelOpsHead(head)
      let done = 0
      for await (const rows of pages(true)) {
        yield (done === 0 ? '' : ',') + rows.map(labelOpsTask).join(',')
        done += rows.length
        onProgress?.(done, total)
      }
      yield labelOpsTail
      return
    }
    const categories = cocoCategories(head.ontology)
    const byFeature = new Map(categories.map((category) => [category.labelops_feature_id, category]))
    yield cocoHead(head)
    // images first, then annotations: two passes over the same snapshot number the images alike
    let image = 0
    for await (const rows of pages(false)) {
      yield (image === 0 ? '' : ',') + rows.map((row) => cocoImage(row, ++image)).join(',')
      onProgress?.(Math.floor(image / 2), total)
    }
    yield cocoBetween
    image = 0
    let annotation = 1
    for await (const rows of pages(true)) {
      const text: string[] = []
      for (const row of rows) {
        const written = cocoAnnotations(row, ++image, byFeature, annotation)
        text.push(...written.text)
        annotation = written.next
      }
      if (text.length > 0) yield (annotation - text.length === 1 ? '' : ',') + text.join(',')
      onProgress?.(Math.floor((total + image) / 2), total)
    }
    yield cocoTail(categories)
  } finally {
    await snapshot.close()
  }
}

async function* pagesOf(
  snapshot: Awaited<ReturnType<typeof openExportSnapshot>>,
  payload: Payload,
  project: Id,
  filter: ExportFilter,
  objects: boolean,
) {
  let after: string | null = null
  for (;;) {
    const rows = await exportPage(snapshot, payload, project, filter, after, PAGE, { objects })
    if (rows.length > 0) yield rows
    if (rows.length < PAGE) return
    after = rows.at(-1)!.task
  }
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'project'

/** The most an export answers over GraphQL (in one JSON value); larger ones are downloaded over REST. */
export const GRAPHQL_EXPORT_BYTES = 5_000_000

/** GraphQL's export: the same file, as one JSON value, for exports small enough to hold in an answer. */
export async function exportAsValue({ chunks }: LabelExport): Promise<unknown> {
  let text = ''
  for await (const chunk of chunks) {
    text += chunk
    if (text.length > GRAPHQL_EXPORT_BYTES)
      throw new TooLargeError(
        `the export is larger than GraphQL answers (${GRAPHQL_EXPORT_BYTES / 1_000_000} MB): download it with GET /api/projects/:id/export, or narrow it by stage, status or from / to`,
      )
  }
  return JSON.parse(text) as unknown
}
