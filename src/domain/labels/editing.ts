import type { Classification, OntologyObject, OntologyStructure } from '../ontology/schema.ts'

/**
 * The label editor's document rules, pure: the label is the shape `labelSchema` (validate.ts) accepts —
 * `{ objects: [{ id, featureId, geometry, frame?, attributes? }], classifications: [answers] }` — and every
 * edit returns a new document.
 */
export type Answer = { featureId: string; optionIds?: string[]; text?: string; answers?: Answer[] }
export type LabelObject = { id: string; featureId: string; geometry: unknown; frame?: number; attributes?: Answer[] }
export type LabelDocument = { objects: LabelObject[]; classifications: Answer[] }

/** Shapes the editor draws on an image (rotated boxes start axis-aligned); bitmasks and text spans are not drawn here. */
export const DRAWABLE_SHAPES = ['bounding-box', 'rotated-box', 'polygon', 'polyline', 'point'] as const
export type DrawableShape = (typeof DRAWABLE_SHAPES)[number]
export const isDrawable = (shape: OntologyObject['shape']): shape is DrawableShape => (DRAWABLE_SHAPES as readonly string[]).includes(shape)

/** A colour per object class: the ontology's own, else one from a fixed palette by position. */
const PALETTE = ['#e4572e', '#17bebb', '#ffc914', '#76b041', '#2e86ab', '#a23b72', '#f18f01', '#6a4c93', '#c73e1d', '#3bb273']
export const colourOf = (object: Pick<OntologyObject, 'colour'>, index: number) => object.colour ?? PALETTE[index % PALETTE.length]!

/** Whether objects of `shape` are labelled in the browser on an item of `type`: shapes on images, spans on text. */
export function canLabel(type: string | null | undefined, shape: OntologyObject['shape']): boolean {
  if (type === 'text') return shape === 'text-span'
  // a video is labelled frame by frame, with the image shapes (src/domain/labels/videoFrames.ts)
  return ((type ?? 'image') === 'image' || type === 'video') && isDrawable(shape)
}

/** The object class a number key (1–9) chooses: the n-th class of the ontology labelled on this item type. */
export function classForKey(
  ontology: OntologyStructure,
  key: string,
  type: string | null | undefined = 'image',
): OntologyObject | undefined {
  if (!/^[1-9]$/.test(key)) return undefined
  return ontology.objects.filter((object) => canLabel(type, object.shape))[Number(key) - 1]
}

/** A label as the server gave it (or nothing yet): only the fields the label schema takes. */
export function toLabelDocument(label: unknown): LabelDocument {
  const source = (label ?? {}) as { objects?: unknown; classifications?: unknown }
  const objects = Array.isArray(source.objects) ? (source.objects as Array<Record<string, unknown>>) : []
  return {
    objects: objects.map((object) => {
      const out: LabelObject = { id: String(object.id), featureId: String(object.featureId), geometry: object.geometry }
      if (typeof object.frame === 'number') out.frame = object.frame
      if (Array.isArray(object.attributes) && object.attributes.length) out.attributes = cleanAnswers(object.attributes as Answer[])
      return out
    }),
    classifications: Array.isArray(source.classifications) ? cleanAnswers(source.classifications as Answer[]) : [],
  }
}

/** Answers with nulls dropped (stored answers carry `null` for what was not given). */
function cleanAnswers(answers: Answer[]): Answer[] {
  return answers.map((answer) => {
    const out: Answer = { featureId: answer.featureId }
    if (answer.optionIds?.length) out.optionIds = [...answer.optionIds]
    if (typeof answer.text === 'string') out.text = answer.text
    if (answer.answers?.length) out.answers = cleanAnswers(answer.answers)
    return out
  })
}

/** An object id unused in the label, from `random` (a source of [A-Za-z0-9] text, e.g. a UUID's hex). */
export function newObjectId(label: LabelDocument, random: () => string): string {
  const taken = new Set(label.objects.map((object) => object.id))
  for (;;) {
    const id = `o-${random()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 12)}`
    if (id.length > 2 && !taken.has(id)) return id
  }
}

export const addObject = (label: LabelDocument, object: LabelObject): LabelDocument => ({
  ...label,
  objects: [...label.objects, object],
})

export const removeObject = (label: LabelDocument, id: string): LabelDocument => ({
  ...label,
  objects: label.objects.filter((object) => object.id !== id),
})

/** What an object is called in the workspace: its class and its number within that class, `Car #2`. */
export function objectTitle(label: LabelDocument, objectId: string, classes: ReadonlyArray<{ id: string; name: string }>): string {
  const object = label.objects.find((candidate) => candidate.id === objectId)
  if (!object) return 'a removed object'
  const name = classes.find((candidate) => candidate.id === object.featureId)?.name ?? object.featureId
  return `${name} #${label.objects.filter((candidate) => candidate.featureId === object.featureId).indexOf(object) + 1}`
}

/** The object's attribute answers replaced (none left: the key goes, as a stored label has it). */
export const setObjectAttributes = (label: LabelDocument, id: string, attributes: Answer[]): LabelDocument => ({
  ...label,
  objects: label.objects.map((object) => {
    if (object.id !== id) return object
    const { attributes: _old, ...rest } = object
    return attributes.length ? { ...rest, attributes } : rest
  }),
})

/** Required attributes still unanswered, per object: `Car #2: Occluded`, with `titleOf` naming the object. */
export function missingAttributes(label: LabelDocument, ontology: OntologyStructure, titleOf: (objectId: string) => string): string[] {
  return label.objects.flatMap((object) => {
    const feature = ontology.objects.find((candidate) => candidate.id === object.featureId)
    return missingRequired(object.attributes ?? [], feature?.attributes ?? []).map((name) => `${titleOf(object.id)}: ${name}`)
  })
}

export const updateGeometry = (label: LabelDocument, id: string, geometry: unknown): LabelDocument => ({
  ...label,
  objects: label.objects.map((object) => (object.id === id ? { ...object, geometry } : object)),
})

/** Changes the class of an object, only to a class of the same shape (its geometry must still fit). */
export function changeClass(label: LabelDocument, id: string, to: OntologyObject, ontology: OntologyStructure): LabelDocument {
  return {
    ...label,
    objects: label.objects.map((object) => {
      if (object.id !== id) return object
      const from = ontology.objects.find((feature) => feature.id === object.featureId)
      // attributes belong to the class: a new class starts with none
      return from?.shape === to.shape ? { id: object.id, featureId: to.id, geometry: object.geometry } : object
    }),
  }
}

// --------------------------------------------------------------------------------------- classifications

/** The answer to one classification in a list of answers. */
export const answerOf = (answers: readonly Answer[] | undefined, featureId: string) =>
  answers?.find((answer) => answer.featureId === featureId)

/**
 * Answers with `answer` put in for its classification (replacing the old one); an empty answer (no option,
 * blank text) is removed. Answers nested under options no longer chosen are dropped.
 */
export function setAnswer(answers: readonly Answer[], classification: Classification, answer: Answer): Answer[] {
  const pruned = pruneAnswer(answer, classification)
  const others = answers.filter((existing) => existing.featureId !== classification.id)
  if (!pruned) return others
  const index = answers.findIndex((existing) => existing.featureId === classification.id)
  if (index < 0) return [...others, pruned]
  const out = [...answers]
  out[index] = pruned
  return out
}

/** A radio choice: that option alone (choosing it again keeps it; clearing is `clearAnswer`). */
export function chooseOption(answers: readonly Answer[], classification: Classification, optionId: string): Answer[] {
  const current = answerOf(answers, classification.id)
  return setAnswer(answers, classification, { featureId: classification.id, optionIds: [optionId], answers: current?.answers })
}

/** A checklist toggle: the option in or out, in the ontology's order. */
export function toggleOption(answers: readonly Answer[], classification: Classification, optionId: string): Answer[] {
  const current = answerOf(answers, classification.id)
  const chosen = new Set(current?.optionIds ?? [])
  if (chosen.has(optionId)) chosen.delete(optionId)
  else chosen.add(optionId)
  const ordered = (classification.options ?? []).map((option) => option.id).filter((id) => chosen.has(id))
  return setAnswer(answers, classification, { featureId: classification.id, optionIds: ordered, answers: current?.answers })
}

export function setText(answers: readonly Answer[], classification: Classification, text: string): Answer[] {
  return setAnswer(answers, classification, { featureId: classification.id, text })
}

export const clearAnswer = (answers: readonly Answer[], classification: Classification) =>
  answers.filter((answer) => answer.featureId !== classification.id)

/** Nested answers under an option of `parent` (the classifications that option asks). */
export function setNestedAnswers(answers: readonly Answer[], parent: Classification, nested: Answer[]): Answer[] {
  const current = answerOf(answers, parent.id)
  if (!current) return [...answers]
  return setAnswer(answers, parent, { ...current, answers: nested })
}

/** An answer without what its options no longer ask (nested answers of unchosen options), or null if empty. */
function pruneAnswer(answer: Answer, classification: Classification): Answer | null {
  if (classification.type === 'text')
    return answer.text && answer.text.length > 0 ? { featureId: answer.featureId, text: answer.text } : null
  const optionIds = answer.optionIds ?? []
  if (optionIds.length === 0) return null
  const asked = optionIds.flatMap((id) => classification.options?.find((option) => option.id === id)?.classifications ?? [])
  const nested = (answer.answers ?? []).flatMap((inner) => {
    const nestedClassification = asked.find((candidate) => candidate.id === inner.featureId)
    const kept = nestedClassification ? pruneAnswer(inner, nestedClassification) : null
    return kept ? [kept] : []
  })
  return nested.length ? { featureId: answer.featureId, optionIds, answers: nested } : { featureId: answer.featureId, optionIds }
}

/** The required classifications (nested ones under chosen options included) still unanswered, by name. */
export function missingRequired(answers: readonly Answer[], classifications: readonly Classification[]): string[] {
  return classifications.flatMap((classification) => {
    const answer = answerOf(answers, classification.id)
    const answered = classification.type === 'text' ? Boolean(answer?.text?.trim()) : Boolean(answer?.optionIds?.length)
    if (!answered) return classification.required ? [classification.name] : []
    const nested = (answer!.optionIds ?? []).flatMap(
      (id) => classification.options?.find((option) => option.id === id)?.classifications ?? [],
    )
    return missingRequired(answer!.answers ?? [], nested)
  })
}
