import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

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
import { slugify } from '../domain/utilities/slugify.ts'
import { FieldRuleError, TooLargeError } from '../errors.ts'
import { countExportRows, exportPage, type ExportRow, openExportSnapshot } from '../sql/exchange/exportRows.ts'
import { loadQueueProject, type QueueProject } from '../sql/projects/projectRow.ts'
import { systemAccess } from '../system.ts'
import type { Id } from '../types.ts'
import { parseInput, wholePart } from './input.ts'
import { ontologyOf } from './ontologyCache.ts'
import { loadProjectContext } from './projectContext.ts'

export const exportLabelsSchema = z.object({ project: documentIdSchema, query: wholePart(exportQuerySchema) }).strict()

/** Tasks read per query: the memory an export holds at once. */
const PAGE = 1000

/** the file as pieces of text (or of UTF-8 bytes, passed on as they are) */
export type LabelExport = { chunks: AsyncIterable<string | Uint8Array>; filename: string; contentType: string; format: ExportFormat }
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
  const ontology: OntologyStructure = (await ontologyOf(req, project.ontology)) ?? { objects: [], classifications: [] }
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
    filename: `${slugify(name) || 'project'}-labels-${head.exportedAt.slice(0, 10)}${format === 'coco' ? '.coco' : ''}.json`,
    contentType: 'application/json; charset=utf-8',
    format,
  }
}

/** The export's text, page by page, from one snapshot that the end (or an abandoned download) closes. */
async function* exportChunks(payload: Payload, project: Id, head: ExportHead, format: ExportFormat, onProgress?: ExportProgress) {
  const snapshot = await openExportSnapshot(payload)
  try {
    const total = onProgress ? await countExportRows(snapshot, payload, project, head.filter) : 0
    if (format === 'labelops') {
      yield labelOpsHead(head)
      let done = 0
      for await (const rows of pagesOf(snapshot, payload, project, head.filter)) {
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
    // one pass: the images go out as they are read, their annotations wait in a file of their own (COCO lists
    // every image before any annotation), which follows them
    const spill = await spillFile('labelops-coco-')
    try {
      let image = 0
      let annotation = 1
      for await (const rows of pagesOf(snapshot, payload, project, head.filter)) {
        const text: string[] = []
        const images: string[] = []
        for (const row of rows) {
          images.push(cocoImage(row, ++image))
          const written = cocoAnnotations(row, image, byFeature, annotation)
          if (written.text) text.push(written.text)
          annotation = written.next
        }
        yield (image === rows.length ? '' : ',') + images.join(',')
        if (text.length > 0) await spill.append((spill.written ? ',' : '') + text.join(','))
        onProgress?.(image, total)
      }
      yield cocoBetween
      yield* spill.read()
    } finally {
      await spill.remove()
    }
    yield cocoTail(categories)
  } finally {
    await snapshot.close()
  }
}

/** The export's pages in order; the next is asked for before the current one is handed on, so the database works while the file is written. */
async function* pagesOf(snapshot: Awaited<ReturnType<typeof openExportSnapshot>>, payload: Payload, project: Id, filter: ExportFilter) {
  const page = (after: string | null) => exportPage(snapshot, payload, project, filter, after, PAGE)
  let next: Promise<ExportRow[]> | null = page(null)
  while (next) {
    const rows: ExportRow[] = await next
    next = rows.length < PAGE ? null : page(rows.at(-1)!.task)
    // a page that fails while this one is written is reported when it is awaited, not as an unhandled rejection
    next?.catch(() => undefined)
    if (rows.length > 0) yield rows
  }
}

/** The most an export answers over GraphQL (in one JSON value); larger ones are downloaded over REST. */
export const GRAPHQL_EXPORT_BYTES = 5_000_000

/** GraphQL's export: the same file, as one JSON value, for exports small enough to hold in an answer. */
export async function exportAsValue({ chunks }: LabelExport): Promise<unknown> {
  let text = ''
  const decoder = new TextDecoder()
  for await (const chunk of chunks) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    if (text.length > GRAPHQL_EXPORT_BYTES)
      throw new TooLargeError(
        `the export is larger than GraphQL answers (${GRAPHQL_EXPORT_BYTES / 1_000_000} MB): download it with GET /api/projects/:id/export, or narrow it by stage, status or from / to`,
      )
  }
  text += decoder.decode()
  return JSON.parse(text) as unknown
}

/** A temporary file written in pieces and read back as text once, then removed. */
async function spillFile(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  const file = path.join(dir, 'part.json')
  const handle = await open(file, 'w')
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await handle.close()
  }
  const spill = {
    /** whether anything was written yet */
    written: false,
    append: async (text: string) => {
      spill.written = true
      await handle.write(text)
    },
    /** the file's bytes as they are (no decoding: they go out as written) */
    read: async function* (): AsyncGenerator<Uint8Array> {
      await close()
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) yield chunk as Buffer
    },
    remove: async () => {
      await close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return spill
}
