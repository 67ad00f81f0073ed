import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { inTransaction } from '../db/inTransaction.ts'
import {
  cocoRecords,
  detectFormat,
  LABEL_FILE_FORMATS,
  labelOpsRecords,
  REFERENCE_KINDS,
  type RowProblem,
} from '../domain/exchange/importRecords.ts'
import { matchRecords } from '../domain/exchange/matching.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { labelProblems } from '../domain/labels/validate.ts'
import { projectWriteProblem } from '../domain/projects/status.ts'
import { ConflictError, FieldRuleError, ProjectNotActiveError, TooLargeError } from '../errors.ts'
import { importCandidates, type ReferenceRow, upsertReferenceLabels } from '../sql/exchange/referenceRows.ts'
import type { Id } from '../types.ts'
import { parseInput } from './input.ts'
import { ontologyOf } from './ontologyCache.ts'
import { loadProjectContext } from './projectContext.ts'

/** The largest label file one import reads (it is held whole: COCO may list annotations before their images). */
export const IMPORT_LABELS_BYTES = 256 * 1024 * 1024
/** Rejected rows named in one answer; the count says how many more there were. */
const LISTED_PROBLEMS = 500

export const importLabelsSchema = z
  .object({
    project: documentIdSchema,
    kind: z.enum(REFERENCE_KINDS, { message: `is one of ${REFERENCE_KINDS.join(', ')}` }).default('pre-label'),
    format: z.enum(LABEL_FILE_FORMATS, { message: `is one of ${LABEL_FILE_FORMATS.join(', ')}` }).optional(),
    source: z.string().trim().min(1).max(500).optional(),
    /** the file: its bytes (REST streams them) or the parsed document (GraphQL) */
    body: z.unknown(),
  })
  .strict()

/**
 * Imports a label file (LabelOps JSON or COCO) into a project as pre-labels (an annotator with no label of
 * their own starts from them) or as gold labels (a benchmark's answer key): for whoever runs the project.
 * Each record is matched to one of the project's tasks and validated against the project's ontology like
 * any label (gold labels must be complete); if any row is rejected nothing is written and every rejected row
 * is listed by its place in the file. Otherwise all are written in one transaction, replacing a task's earlier
 * reference label of the same kind.
 */
export async function importLabels({ req, input }: { req: PayloadRequest; input: unknown }) {
  const user = requireUser(req, 'import labels')
  const { project: projectId, kind, format: declared, source, body } = parseInput(importLabelsSchema, input)
  // who may, before the file is read; again inside the transaction, where the rows are written
  await importTarget(req, projectId)
  const doc = await documentOf(body)
  const format = declared ?? detectFormat(doc)
  if (!format)
    throw new FieldRuleError(
      'format',
      'the file is neither LabelOps JSON (format: "labelops") nor COCO (images and annotations): say which with format',
    )
  return inTransaction(req, async () => {
    const { project, ontology } = await importTarget(req, projectId)
    const read = format === 'coco' ? cocoRecords(doc, ontology) : labelOpsRecords(doc)
    const candidates = await importCandidates(
      req,
      project.id,
      read.records.map((record) => record.match),
    )
    const { matched, problems: unmatched } = matchRecords(read.records, candidates)
    const problems: RowProblem[] = [...read.problems, ...unmatched]
    const rows: ReferenceRow[] = []
    for (const record of matched) {
      const checked = labelProblems(
        record.label,
        ontology,
        { frames: record.candidate.frames, textLength: record.candidate.textLength },
        { complete: kind === 'gold' },
      )
      if (checked.problems.length > 0) {
        problems.push(...checked.problems.map((problem) => ({ path: `${record.at}.label.${problem.path}`, message: problem.message })))
        continue
      }
      rows.push({ task: record.candidate.task, objects: checked.label!.objects, classifications: checked.label!.classifications })
    }
    if (problems.length > 0) throw rejected(problems)
    if (rows.length === 0) throw new FieldRuleError('body', 'the file holds no labels to import')
    const { replaced } = await upsertReferenceLabels(
      req,
      {
        workspace: project.workspace,
        project: project.id,
        kind,
        source: source ?? `${format === 'coco' ? 'COCO' : 'LabelOps JSON'} import, ${new Date().toISOString()}`,
        importedBy: user.id,
      },
      rows,
    )
    return { kind, format, imported: rows.length, created: rows.length - replaced, replaced }
  })
}

/** The project and its ontology, once the caller is known to run the project and the project to take writes. */
async function importTarget(req: PayloadRequest, projectId: Id) {
  const { project, projectActor } = await loadProjectContext(req, projectId)
  assertCan(projectActor, 'project.labels.import')
  const gate = projectWriteProblem(projectActor, project.status)
  if (gate) throw new ProjectNotActiveError(gate)
  const ontology = await ontologyOf(req, project.ontology)
  if (!ontology) throw new ConflictError('ontology: the project has no ontology to check labels against; set one first')
  return { project, ontology }
}

/** Every rejected row, the first LISTED_PROBLEMS by name and the rest counted. */
function rejected(problems: RowProblem[]): FieldRuleError {
  const listed = problems.slice(0, LISTED_PROBLEMS)
  if (problems.length > LISTED_PROBLEMS)
    listed.push({ path: 'body', message: `and ${problems.length - LISTED_PROBLEMS} more problems (fix these and import again)` })
  return FieldRuleError.of(listed)
}

/** The file as a parsed document: GraphQL hands one over; REST's bytes are read (up to the limit) and parsed. */
async function documentOf(body: unknown): Promise<unknown> {
  if (!body || typeof body !== 'object' || !(Symbol.asyncIterator in body)) return body
  const parts: Buffer[] = []
  let size = 0
  for await (const part of body as AsyncIterable<Uint8Array>) {
    size += part.byteLength
    if (size > IMPORT_LABELS_BYTES)
      throw new TooLargeError(
        `body: a label file is at most ${IMPORT_LABELS_BYTES / 1024 / 1024} MB; split it by images and import each part`,
      )
    parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part))
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'))
  } catch (error) {
    throw new FieldRuleError('body', `is not JSON: ${(error as Error).message}`)
  }
}
