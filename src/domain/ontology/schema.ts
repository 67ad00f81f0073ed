import { z } from 'zod'

/** Shapes an ontology object can be drawn as. */
export const OBJECT_SHAPES = ['bounding-box', 'rotated-box', 'polygon', 'polyline', 'point', 'bitmask', 'text-span'] as const
export const CLASSIFICATION_TYPES = ['radio', 'checklist', 'text'] as const

const featureId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, _ or -')
const name = z.string().trim().min(1, 'is required').max(120, 'is at most 120 characters')
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')

export type Classification = {
  id: string
  name: string
  type: (typeof CLASSIFICATION_TYPES)[number]
  required?: boolean
  options?: Array<{ id: string; label: string; classifications?: Classification[] }>
}

/** A classification; radio and checklist need options, and an option may nest further classifications. */
export const classificationSchema: z.ZodType<Classification> = z.lazy(() =>
  z
    .object({
      id: featureId,
      name,
      type: z.enum(CLASSIFICATION_TYPES, { message: `must be one of ${CLASSIFICATION_TYPES.join(', ')}` }),
      required: z.boolean().optional(),
      options: z
        .array(z.object({ id: featureId, label: name, classifications: z.array(classificationSchema).optional() }).strict())
        .optional(),
    })
    .strict()
    .superRefine((value, ctx) => {
      if (value.type !== 'text' && (!value.options || value.options.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'needs at least one option' })
      }
      if (value.type === 'text' && value.options && value.options.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'a text classification has no options' })
      }
    }),
)

export const objectSchema = z
  .object({
    id: featureId,
    name,
    shape: z.enum(OBJECT_SHAPES, { message: `must be one of ${OBJECT_SHAPES.join(', ')}` }),
    colour: colour.optional(),
    /** per-object attributes: classifications asked about each drawn instance */
    attributes: z.array(classificationSchema).optional(),
  })
  .strict()

export type OntologyObject = z.infer<typeof objectSchema>
export type OntologyStructure = { objects: OntologyObject[]; classifications: Classification[] }

export const ontologyStructureSchema = z
  .object({ objects: z.array(objectSchema), classifications: z.array(classificationSchema) })
  .superRefine((value, ctx) => {
    const seen = new Map<string, string>()
    for (const { id, path } of featureIds(value)) {
      const first = seen.get(id)
      if (first)
        ctx.addIssue({
          code: 'custom',
          path: path
            .split(/[.[\]]+/)
            .filter(Boolean)
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          message: `id "${id}" is already used by ${first}`,
        })
      else seen.set(id, path)
    }
  })

/** Every feature of an ontology (objects, classifications, options, nested ones) with its id and path. */
export function featureIds(structure: OntologyStructure): Array<{ id: string; path: string; kind: string }> {
  const found: Array<{ id: string; path: string; kind: string }> = []
  const visitClassification = (classification: Classification, path: string) => {
    found.push({ id: classification.id, path, kind: `classification:${classification.type}` })
    classification.options?.forEach((option, i) => {
      found.push({ id: option.id, path: `${path}.options[${i}]`, kind: 'option' })
      option.classifications?.forEach((nested, j) => visitClassification(nested, `${path}.options[${i}].classifications[${j}]`))
    })
  }
  structure.objects.forEach((object, i) => {
    found.push({ id: object.id, path: `objects[${i}]`, kind: `object:${object.shape}` })
    object.attributes?.forEach((attribute, j) => visitClassification(attribute, `objects[${i}].attributes[${j}]`))
  })
  structure.classifications.forEach((classification, i) => visitClassification(classification, `classifications[${i}]`))
  return found
}

/** `classifications[2].options` from zod's path array. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  )
}

export type StructureProblem = { path: string; message: string }

/** Validates an ontology's objects and classifications; every problem names its path. Pure. */
export function validateOntologyStructure(
  input: unknown,
): { ok: true; value: OntologyStructure } | { ok: false; problems: StructureProblem[] } {
  const result = ontologyStructureSchema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, problems: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) }
}

/**
 * What an edit takes away from labels already made: features removed, or kept under the same id with another
 * kind (an object's shape, a classification's type). Adding features is always free. Pure.
 */
export type BreakingChange = { id: string; path: string; change: 'removed' | 'retyped' }

export function breakingOntologyChanges(before: OntologyStructure, after: OntologyStructure): BreakingChange[] {
  const now = new Map(featureIds(after).map((feature) => [feature.id, feature]))
  return featureIds(before).flatMap((feature): BreakingChange[] => {
    const next = now.get(feature.id)
    if (!next) return [{ id: feature.id, path: feature.path, change: 'removed' }]
    if (next.kind !== feature.kind) return [{ id: feature.id, path: next.path, change: 'retyped' }]
    return []
  })
}
