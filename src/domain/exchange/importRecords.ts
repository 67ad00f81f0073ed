/**
 * A label file (LabelOps JSON or COCO) read into one record per data item: which task it is for and the label
 * it carries, or the rows that cannot be read, each named by its place in the file. Which task a record lands
 * on is decided later, against the project (matching.ts). Pure.
 */
import type { OntologyStructure } from '../ontology/schema.ts'
import { cocoSize, fromCocoAnnotation, type LabelObject } from './coco.ts'

export const REFERENCE_KINDS = ['pre-label', 'gold'] as const
export type ReferenceKind = (typeof REFERENCE_KINDS)[number]
export const LABEL_FILE_FORMATS = ['labelops', 'coco'] as const
export type LabelFileFormat = (typeof LABEL_FILE_FORMATS)[number]

/** How a record names its data item: a task of the project, the item's external id, or its name (COCO's file_name). */
export type ItemMatch = { task?: string; externalId?: string; name?: string }
export type ImportRecord = { at: string; match: ItemMatch; label: { objects: LabelObject[]; classifications: unknown[] } }
export type RowProblem = { path: string; message: string }

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const idText = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined)
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined)

/** The format a parsed document is in: LabelOps JSON has `format: "labelops"`, COCO has images and annotations. */
export function detectFormat(doc: unknown): LabelFileFormat | null {
  if (!isObject(doc)) return null
  if (doc.format === 'labelops') return 'labelops'
  if (Array.isArray(doc.images) && Array.isArray(doc.annotations)) return 'coco'
  return null
}

/** A LabelOps JSON export (`tasks[]` with `dataItem` and `label`) as records. */
export function labelOpsRecords(doc: unknown): { records: ImportRecord[]; problems: RowProblem[] } {
  const records: ImportRecord[] = []
  const problems: RowProblem[] = []
  const tasks = isObject(doc) ? doc.tasks : undefined
  if (!Array.isArray(tasks)) return { records, problems: [{ path: 'tasks', message: 'a LabelOps JSON file holds a tasks array' }] }
  tasks.forEach((row, i) => {
    const at = `tasks[${i}]`
    if (!isObject(row)) return problems.push({ path: at, message: 'is an object with dataItem and label' })
    const item = isObject(row.dataItem) ? row.dataItem : {}
    const match: ItemMatch = { task: idText(row.task), externalId: text(item.externalId), name: text(item.name) }
    if (!match.task && !match.externalId && !match.name)
      return problems.push({ path: at, message: 'names no task: give task, dataItem.externalId or dataItem.name' })
    if (row.label == null) return // an unlabelled task in the export: nothing to import
    if (!isObject(row.label)) return problems.push({ path: `${at}.label`, message: 'is an object with objects and classifications' })
    records.push({
      at,
      match,
      label: {
        objects: (row.label.objects ?? []) as LabelObject[],
        classifications: (row.label.classifications ?? []) as unknown[],
      },
    })
  })
  return { records, problems }
}

/**
 * A COCO file as records, one per image with annotations (or with LabelOps classifications). Categories
 * map to the ontology's objects by `labelops_feature_id`, else by name (case and spacing ignored).
 */
export function cocoRecords(
  doc: unknown,
  ontology: Pick<OntologyStructure, 'objects'>,
): { records: ImportRecord[]; problems: RowProblem[] } {
  const problems: RowProblem[] = []
  if (!isObject(doc) || !Array.isArray(doc.images) || !Array.isArray(doc.annotations))
    return { records: [], problems: [{ path: 'images', message: 'a COCO file holds images, annotations and categories arrays' }] }
  const byFeature = new Map(ontology.objects.map((object) => [object.id, object]))
  const byName = new Map(ontology.objects.map((object) => [squash(object.name), object]))
  const categories = new Map<string, (typeof ontology.objects)[number]>()
  if (doc.categories !== undefined && !Array.isArray(doc.categories))
    return { records: [], problems: [{ path: 'categories', message: 'is an array of { id, name }' }] }
  ;((doc.categories ?? []) as unknown[]).forEach((category, i) => {
    if (!isObject(category) || idText(category.id) === undefined)
      return problems.push({ path: `categories[${i}]`, message: 'is an object with an id and a name' })
    const feature =
      (typeof category.labelops_feature_id === 'string' ? byFeature.get(category.labelops_feature_id) : undefined) ??
      (typeof category.name === 'string' ? byName.get(squash(category.name)) : undefined)
    if (!feature)
      return problems.push({
        path: `categories[${i}]`,
        message: `"${String(category.name)}" is not an object of this project's ontology (objects: ${ontology.objects.map((o) => o.name).join(', ') || 'none'})`,
      })
    categories.set(idText(category.id)!, feature)
  })
  const images = new Map<string, { at: string; match: ItemMatch; width: unknown; height: unknown; classifications: unknown[] }>()
  doc.images.forEach((image, i) => {
    const at = `images[${i}]`
    if (!isObject(image) || idText(image.id) === undefined) return problems.push({ path: at, message: 'is an object with an id' })
    const match: ItemMatch = {
      task: idText(image.labelops_task),
      externalId: text(image.labelops_external_id),
      name: text(image.file_name),
    }
    if (!match.task && !match.externalId && !match.name)
      return problems.push({ path: at, message: "needs a file_name (the data item's name)" })
    const classifications = Array.isArray(image.labelops_classifications) ? image.labelops_classifications : []
    images.set(idText(image.id)!, { at, match, width: image.width, height: image.height, classifications })
  })
  const objects = new Map<string, LabelObject[]>()
  doc.annotations.forEach((annotation, i) => {
    const at = `annotations[${i}]`
    if (!isObject(annotation)) return problems.push({ path: at, message: 'is an object' })
    const image = images.get(idText(annotation.image_id) ?? '')
    if (!image) return problems.push({ path: `${at}.image_id`, message: `"${String(annotation.image_id)}" is not an image of this file` })
    const feature = categories.get(idText(annotation.category_id) ?? '')
    if (!feature)
      return problems.push({ path: `${at}.category_id`, message: `"${String(annotation.category_id)}" is not a category of this file` })
    const size = cocoSize(Number(image.width) || null, Number(image.height) || null)
    const made = fromCocoAnnotation(annotation, feature.shape, feature.id, size, `coco-${idText(annotation.id) ?? i}`)
    if ('problem' in made) return problems.push({ path: at, message: made.problem })
    const list = objects.get(idText(annotation.image_id)!) ?? []
    list.push(made.object)
    objects.set(idText(annotation.image_id)!, list)
  })
  const records: ImportRecord[] = []
  for (const [id, image] of images) {
    const found = objects.get(id) ?? []
    if (found.length === 0 && image.classifications.length === 0) continue
    records.push({ at: image.at, match: image.match, label: { objects: found, classifications: image.classifications } })
  }
  return { records, problems }
}

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '')
