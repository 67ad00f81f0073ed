// The ontology editor's rules (admin-components/ontology): list edits that never touch an existing feature's id,
// blank features, and which validation problems belong to which place. Pure, so the browser and the tests share
// them with the server's validation (validateOntologyStructure).
import { assignMissingFeatureIds } from './featureIds.ts'
import { type Classification, type OntologyObject, type StructureProblem, validateOntologyStructure } from './schema.ts'

/** Colours offered to new objects, in turn: distinct on the canvas and on both themes. */
export const OBJECT_COLOURS = ['#e4572e', '#2e86ab', '#76b041', '#f1c40f', '#9b59b6', '#17becf', '#ff7f0e', '#8c564b'] as const

export type Draft<T> = Omit<T, 'id'> & { id?: string }

export const moveItem = <T>(list: readonly T[], index: number, by: -1 | 1): T[] => {
  const to = index + by
  if (to < 0 || to >= list.length) return [...list]
  const next = [...list]
  ;[next[index], next[to]] = [next[to]!, next[index]!]
  return next
}

export const replaceItem = <T>(list: readonly T[], index: number, item: T): T[] => list.map((one, i) => (i === index ? item : one))

export const removeItem = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index)

/** A new object: no id (the server gives it one from its name on save), the next unused colour. */
export function blankObject(existing: readonly Partial<OntologyObject>[]): Draft<OntologyObject> {
  const used = new Set(existing.map((object) => object.colour?.toLowerCase()))
  const colour = OBJECT_COLOURS.find((candidate) => !used.has(candidate)) ?? OBJECT_COLOURS[existing.length % OBJECT_COLOURS.length]!
  return { name: '', shape: 'bounding-box', colour }
}

export const blankClassification = (): Draft<Classification> => ({ name: '', type: 'radio', options: [{ label: '' } as never] })

export const blankOption = () => ({ label: '' }) as { id: string; label: string }

/** A classification's type changed: options appear for radio / checklist and go for text. */
export function withType(classification: Classification, type: Classification['type']): Classification {
  if (type === 'text') {
    const { options: _options, ...rest } = classification
    return { ...rest, type }
  }
  return { ...classification, type, options: classification.options?.length ? classification.options : [blankOption()] }
}

/**
 * Every problem of the structure the editor shows, by path (`objects[0].name`), from the server's own validation;
 * features not saved yet are given stand-in ids first, as the server gives them real ones.
 */
export function editorProblems(objects: unknown, classifications: unknown): StructureProblem[] {
  const structure = {
    objects: Array.isArray(objects) ? objects : [],
    classifications: Array.isArray(classifications) ? classifications : [],
  }
  const result = validateOntologyStructure(assignMissingFeatureIds(structure as never))
  return result.ok ? [] : result.problems
}

/** The problems at exactly `path` (one input's). */
export const problemsAt = (problems: readonly StructureProblem[], path: string) =>
  problems.filter((problem) => problem.path === path).map((problem) => problem.message)

/** The path a server message starts with (`objects[1]: feature "person" is removed …`), if any. */
export function messagePath(message: string | undefined): string | null {
  return message ? (/^((?:objects|classifications)(?:\[\d+\]|\.[A-Za-z]+)*):/.exec(message)?.[1] ?? null) : null
}

/**
 * The item a refusal is about, to mark it: a retyped feature is still in the list at the message's path; a
 * removed one is not (its old place now holds another), so only the field is marked.
 */
export function refusedItem(message: string | undefined): string | null {
  const path = messagePath(message)
  if (!path || !/ is retyped /.test(message ?? '')) return null
  return path.replace(/\.(name|label|shape|type)$/, '')
}

/**
 * React keys for an edited list that follow each item through moves, removals and edits, so an input keeps its
 * focus and state: a saved item by its id; an unsaved one by the key it had — found by identity (moves and
 * removals keep the objects), or by place when it was edited there (an edit replaces the object). Pure.
 */
export function nextItemKeys<T extends { id?: string }>(
  previous: readonly T[],
  previousKeys: readonly string[],
  items: readonly T[],
  fresh: () => string,
): string[] {
  const byIdentity = new Map(previous.map((item, i) => [item, previousKeys[i]] as const))
  const used = new Set<string>()
  return items.map((item, i) => {
    let key = item.id ? `id:${item.id}` : byIdentity.get(item)
    const before = previous[i]
    if (!key && !item.id && before && !before.id && !items.includes(before)) key = previousKeys[i]
    if (!key || used.has(key)) key = fresh()
    used.add(key)
    return key
  })
}
