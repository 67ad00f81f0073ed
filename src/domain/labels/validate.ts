import { z } from 'zod'

import type { Classification, OntologyObject, OntologyStructure } from '../ontology/schema.ts'

/**
 * A label: the objects drawn on a data unit and the answers to the ontology's classifications. Every object
 * and answer names an ontology feature; geometry is normalised to 0..1 of the data unit (text spans in
 * characters, bitmasks as run-length encoding). Pure.
 */
const unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')
const pointSchema = z.tuple([unit, unit])
const objectId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, _ or -')

export const GEOMETRY: Record<OntologyObject['shape'], z.ZodType> = {
  'bounding-box': z
    .object({ x: unit, y: unit, w: unit, h: unit })
    .strict()
    .refine(
      (box) => box.x + box.w <= 1 + 1e-9 && box.y + box.h <= 1 + 1e-9,
      'the box must lie inside the data unit (x + w <= 1, y + h <= 1)',
    )
    .refine((box) => box.w > 0 && box.h > 0, 'the box needs a width and a height'),
  'rotated-box': z
    .object({
      x: unit,
      y: unit,
      w: unit,
      h: unit,
      theta: z.number().min(-180, 'is an angle in degrees, -180..180').max(180, 'is an angle in degrees, -180..180'),
    })
    .strict()
    .refine((box) => box.w > 0 && box.h > 0, 'the box needs a width and a height'),
  polygon: z.object({ points: z.array(pointSchema).min(3, 'a polygon needs at least 3 points') }).strict(),
  polyline: z.object({ points: z.array(pointSchema).min(2, 'a polyline needs at least 2 points') }).strict(),
  point: z.object({ x: unit, y: unit }).strict(),
  bitmask: z
    .object({
      rle: z
        .object({
          size: z.tuple([z.number().int().positive(), z.number().int().positive()]),
          counts: z.array(z.number().int().min(0, 'run lengths are not negative')).min(1),
        })
        .strict()
        .refine(
          (rle) => rle.counts.reduce((sum, count) => sum + count, 0) === rle.size[0] * rle.size[1],
          'the run lengths must add up to height x width',
        ),
    })
    .strict(),
  'text-span': z
    .object({ start: z.number().int().min(0), end: z.number().int().min(1) })
    .strict()
    .refine((span) => span.end > span.start, 'end must come after start'),
}

type AnswerInput = { featureId: string; optionIds?: string[]; text?: string; answers?: AnswerInput[] }
const answerSchema: z.ZodType<AnswerInput> = z.lazy(() =>
  z
    .object({
      featureId: z.string().min(1, 'is required'),
      optionIds: z.array(z.string()).optional(),
      text: z.string().max(10_000).optional(),
      /** answers to the classifications nested under the chosen options */
      answers: z.array(answerSchema).optional(),
    })
    .strict(),
)

export const labelSchema = z
  .object({
    objects: z
      .array(
        z
          .object({
            id: objectId,
            featureId: z.string().min(1, 'is required'),
            frame: z.number().int().min(0, 'is a frame number (0 or more)').optional(),
            geometry: z.unknown(),
            attributes: z.array(answerSchema).optional(),
          })
          .strict(),
      )
      .max(10_000, 'at most 10,000 objects per label')
      .default([]),
    classifications: z.array(answerSchema).default([]),
  })
  .strict()

export type LabelInput = z.infer<typeof labelSchema>
export type Problem = { path: string; message: string }
export type LabelContext = { frames?: number | null; textLength?: number | null }

const pathOf = (parts: Array<string | number | symbol>) =>
  parts.reduce<string>(
    (path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${String(part)}` : String(part)),
    '',
  )

/** Answers against classifications: known features, valid options, required ones present; nested under chosen options. */
function answerProblems(
  answers: AnswerInput[],
  classifications: readonly Classification[],
  path: string,
  problems: Problem[],
  requiredCheck = true,
) {
  const byId = new Map(classifications.map((classification) => [classification.id, classification]))
  const seen = new Set<string>()
  answers.forEach((answer, i) => {
    const at = `${path}[${i}]`
    const classification = byId.get(answer.featureId)
    if (!classification)
      return problems.push({
        path: `${at}.featureId`,
        message: `"${answer.featureId}" is not a classification here (known: ${[...byId.keys()].join(', ') || 'none'})`,
      })
    if (seen.has(answer.featureId)) return problems.push({ path: `${at}.featureId`, message: `"${classification.name}" is answered twice` })
    seen.add(answer.featureId)
    if (classification.type === 'text') {
      if (answer.optionIds?.length)
        problems.push({ path: `${at}.optionIds`, message: `"${classification.name}" is a text classification: answer with text` })
      if (classification.required && !answer.text?.trim())
        problems.push({ path: `${at}.text`, message: `"${classification.name}" is required` })
      return
    }
    const options = new Map((classification.options ?? []).map((option) => [option.id, option]))
    const chosen = answer.optionIds ?? []
    chosen.forEach((optionId, j) => {
      if (!options.has(optionId))
        problems.push({
          path: `${at}.optionIds[${j}]`,
          message: `"${optionId}" is not an option of "${classification.name}" (options: ${[...options.keys()].join(', ')})`,
        })
    })
    if (classification.type === 'radio' && chosen.length > 1)
      problems.push({ path: `${at}.optionIds`, message: `"${classification.name}" takes one option` })
    if (classification.required && chosen.length === 0)
      problems.push({ path: `${at}.optionIds`, message: `"${classification.name}" is required: choose an option` })
    const nested = chosen.flatMap((optionId) => options.get(optionId)?.classifications ?? [])
    answerProblems(answer.answers ?? [], nested, `${at}.answers`, problems)
  })
  if (requiredCheck) {
    for (const classification of classifications) {
      if (classification.required && !seen.has(classification.id)) problems.push({ path, message: `"${classification.name}" is required` })
    }
  }
}

/**
 * Validates a label against the project's ontology: unknown features, a geometry that is not the feature's
 * shape or leaves the data unit, duplicate object ids, frames past the video's end, spans past the text,
 * options not in the list, required classifications missing. Every problem names its path. `complete`
 * asks for required answers too (a submitted label); a draft may still miss them.
 */
export function labelProblems(
  input: unknown,
  ontology: OntologyStructure,
  context: LabelContext = {},
  { complete = true } = {},
): { label?: LabelInput; problems: Problem[] } {
  const parsed = labelSchema.safeParse(input ?? {})
  if (!parsed.success)
    return { problems: parsed.error.issues.map((issue) => ({ path: pathOf(issue.path) || 'label', message: issue.message })) }
  const label = parsed.data
  const problems: Problem[] = []
  const objects = new Map(ontology.objects.map((object) => [object.id, object]))
  const ids = new Set<string>()
  label.objects.forEach((object, i) => {
    const at = `objects[${i}]`
    if (ids.has(object.id)) problems.push({ path: `${at}.id`, message: `"${object.id}" is used by another object of this label` })
    ids.add(object.id)
    const feature = objects.get(object.featureId)
    if (!feature)
      return problems.push({
        path: `${at}.featureId`,
        message: `"${object.featureId}" is not an object of this ontology (objects: ${[...objects.keys()].join(', ') || 'none'})`,
      })
    const geometry = GEOMETRY[feature.shape].safeParse(object.geometry)
    if (!geometry.success) {
      for (const issue of geometry.error.issues) {
        const detail =
          issue.code === 'unrecognized_keys' || issue.code === 'invalid_type'
            ? `${issue.message} (a ${feature.shape} is ${describeShape(feature.shape)})`
            : issue.message
        problems.push({ path: pathOf([`${at}.geometry`, ...issue.path]), message: detail })
      }
    }
    if (
      feature.shape === 'text-span' &&
      context.textLength != null &&
      geometry.success &&
      (geometry.data as { end: number }).end > context.textLength
    ) {
      problems.push({ path: `${at}.geometry.end`, message: `is past the end of the text (${context.textLength} characters)` })
    }
    if (object.frame !== undefined && context.frames != null && object.frame >= context.frames) {
      problems.push({ path: `${at}.frame`, message: `is past the last frame (the video has ${context.frames})` })
    }
    answerProblems(object.attributes ?? [], feature.attributes ?? [], `${at}.attributes`, problems, complete)
  })
  answerProblems(label.classifications, ontology.classifications, 'classifications', problems, complete)
  return { label, problems }
}

function describeShape(shape: OntologyObject['shape']): string {
  switch (shape) {
    case 'bounding-box':
      return '{ x, y, w, h } normalised to 0..1'
    case 'rotated-box':
      return '{ x, y, w, h, theta } with theta in degrees'
    case 'polygon':
      return '{ points: [[x, y], ...] }, at least 3'
    case 'polyline':
      return '{ points: [[x, y], ...] }, at least 2'
    case 'point':
      return '{ x, y }'
    case 'bitmask':
      return '{ rle: { size: [height, width], counts: [...] } }'
    case 'text-span':
      return '{ start, end } in characters'
  }
}

/** Every feature id a label uses (objects, their attributes, classifications and nested answers): the ontology's "in use" check reads these. */
export function featureIdsOf(label: LabelInput): string[] {
  const found = new Set<string>()
  const visit = (answers: AnswerInput[] | undefined) =>
    answers?.forEach((answer) => {
      found.add(answer.featureId)
      answer.optionIds?.forEach((option) => found.add(option))
      visit(answer.answers)
    })
  for (const object of label.objects) {
    found.add(object.featureId)
    visit(object.attributes)
  }
  visit(label.classifications)
  return [...found]
}
