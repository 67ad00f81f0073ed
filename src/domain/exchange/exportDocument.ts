/**
 * The pieces of an export file, written as text one task (or one page) at a time so that a file of any size
 * streams in constant memory: LabelOps JSON (`{ format, project, ontology, tasks: [...] }`, which the label
 * import reads back) and COCO (`{ info, images, annotations, categories }`). Pure.
 */
import type { OntologyStructure } from '../ontology/schema.ts'
import { type CocoAnnotation, type CocoCategory, cocoSize, type LabelObject, toCocoAnnotation } from './coco.ts'
import type { ExportFilter } from './exportQuery.ts'

export type ExportTask = {
  task: string
  stage: string
  status: string
  item: string
  name: string
  externalId: string | null
  type: string
  url: string | null
  width: number | null
  height: number | null
  frames: number | null
  author: string | null
  submittedAt: string | Date | null
  objects: unknown[] | null
  classifications: unknown[] | null
}
export type ExportHead = { project: { id: string; name: string }; ontology: OntologyStructure; filter: ExportFilter; exportedAt: string }

const iso = (value: string | Date | null) => (value == null ? null : typeof value === 'string' ? value : value.toISOString())

export const labelOpsHead = (head: ExportHead) =>
  `{"format":"labelops","version":1,"exportedAt":${JSON.stringify(head.exportedAt)},"project":${JSON.stringify(head.project)},` +
  `"filter":${JSON.stringify(head.filter)},"ontology":${JSON.stringify(head.ontology)},"tasks":[`
export const labelOpsTail = ']}\n'

/** One task of a LabelOps JSON file. */
export function labelOpsTask(row: ExportTask): string {
  return JSON.stringify({
    task: row.task,
    stage: row.stage,
    status: row.status,
    dataItem: {
      id: row.item,
      name: row.name,
      externalId: row.externalId,
      type: row.type,
      url: row.url,
      width: row.width,
      height: row.height,
      frames: row.frames,
    },
    label:
      row.author === null
        ? null
        : { author: row.author, submittedAt: iso(row.submittedAt), objects: row.objects ?? [], classifications: row.classifications ?? [] },
  })
}

export const cocoHead = (head: ExportHead) =>
  `{"info":${JSON.stringify({
    description: `LabelOps export of ${head.project.name}`,
    version: '1.0',
    date_created: head.exportedAt,
    labelops_project: head.project.id,
    labelops_filter: head.filter,
  })},"licenses":[],"images":[`
export const cocoBetween = '],"annotations":['
export const cocoTail = (categories: CocoCategory[]) => `],"categories":${JSON.stringify(categories)}}\n`

/** One task as a COCO image (its id a running number; the task and item named in `labelops_*` fields). */
export function cocoImage(row: ExportTask, id: number): string {
  const size = cocoSize(row.width, row.height)
  // absent fields are left undefined, which JSON leaves out (cheaper than spreading optional parts)
  return JSON.stringify({
    id,
    file_name: row.name,
    width: size.width,
    height: size.height,
    coco_url: row.url || undefined,
    labelops_task: row.task,
    labelops_data_item: row.item,
    labelops_external_id: row.externalId || undefined,
    labelops_normalised: row.width && row.height ? undefined : true,
    labelops_classifications: row.classifications?.length ? row.classifications : undefined,
  })
}

/**
 * One task's objects as COCO annotations, as the text of their list's items (no brackets; empty when none —
 * text spans have no COCO form and are left out); `next` numbers them and answers the next free id.
 */
export function cocoAnnotations(
  row: ExportTask,
  imageId: number,
  categories: ReadonlyMap<string, CocoCategory>,
  next: number,
): { text: string; next: number } {
  const size = cocoSize(row.width, row.height)
  const annotations: CocoAnnotation[] = []
  for (const object of (row.objects ?? []) as LabelObject[]) {
    const category = categories.get(object.featureId)
    if (!category) continue // a feature no longer in the ontology
    const annotation = toCocoAnnotation(
      object,
      category.labelops_shape as never,
      { annotation: next, image: imageId, category: category.id },
      size,
    )
    if (!annotation) continue
    annotations.push(annotation)
    next++
  }
  // one stringify per task, its brackets cut: the file's list is joined from these
  return { text: annotations.length === 0 ? '' : JSON.stringify(annotations).slice(1, -1), next }
}
