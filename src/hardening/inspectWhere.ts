import { REQUEST_LIMITS } from './limits.ts'
import { type ValueKind, valueProblem } from './values.ts'

/** The part of Payload's flattened field config a filter path walks through. */
export type SchemaField = {
  name: string
  type: string
  hasMany?: boolean
  relationTo?: string | string[]
  collection?: string | string[]
  flattenedFields?: SchemaField[]
}

export type Schema = {
  /** the flattened fields of a collection, undefined for an unknown slug */
  fieldsOf: (collection: string) => SchemaField[] | undefined
  idType: 'serial' | 'uuid'
}

export type Problem = { path: string; message: string }

/** Where a filter path leads, as far as the rules below need to know. */
export type Leaf =
  | { kind: 'unknown'; hops: number } // Payload refuses unknown paths itself (400)
  | { kind: 'id' | 'relationship'; hops: number; hasMany?: boolean }
  | { kind: 'polymorphic'; hops: number } // a relationship to several collections, named without .value / .relationTo
  | { kind: 'join-across'; hops: number } // a join field of a related document (Payload cannot build that query)
  | { kind: 'json'; hops: number; subPath: boolean }
  | { kind: 'field'; hops: number; type: string; hasMany?: boolean }

const TEXTUAL = new Set(['text', 'textarea', 'email', 'code'])
const COMPARISONS = new Set(['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'])
const GEO = new Set(['near', 'within', 'intersects'])
const LIST_OPERATORS = new Set(['in', 'not_in'])
const SCALAR_OPERATORS = new Set([
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
])

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value])

/** Follows a filter path through groups, arrays and relationships, counting the relationships it crosses. */
export function resolvePath(schema: Schema, collection: string, path: string): Leaf {
  const segments = path.replace(/__/g, '.').split('.')
  let fields = schema.fieldsOf(collection)
  let hops = 0
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const last = i === segments.length - 1
    if (segment === 'id') return last ? { kind: 'id', hops } : { kind: 'unknown', hops }
    const field = fields?.find((candidate) => candidate.name === segment)
    if (!field) return { kind: 'unknown', hops }
    const target =
      field.type === 'join' ? field.collection : field.type === 'relationship' || field.type === 'upload' ? field.relationTo : undefined
    if (target !== undefined) {
      if (field.type === 'join' && hops > 0) return { kind: 'join-across', hops }
      if (typeof target !== 'string') {
        const next = segments[i + 1]
        if (next === 'value' && i + 2 === segments.length) return { kind: 'id', hops }
        if (next === 'relationTo' && i + 2 === segments.length) return { kind: 'field', hops, type: 'text' }
        return { kind: 'polymorphic', hops }
      }
      if (last) return { kind: 'relationship', hops, hasMany: field.hasMany || field.type === 'join' }
      hops++
      fields = schema.fieldsOf(target)
      continue
    }
    if (field.flattenedFields && (field.type === 'group' || field.type === 'array' || field.type === 'tab')) {
      if (last) return { kind: 'unknown', hops }
      fields = field.flattenedFields
      continue
    }
    if (field.type === 'json' || field.type === 'richText') return { kind: 'json', hops, subPath: !last }
    return last ? { kind: 'field', hops, type: field.type, hasMany: field.hasMany } : { kind: 'unknown', hops }
  }
  return { kind: 'unknown', hops }
}

/** Why `operator` cannot run on this leaf in Postgres (where Payload would answer a 500), or undefined. */
export function operatorProblem(leaf: Leaf, operator: string, value: unknown): string | undefined {
  if (leaf.kind === 'unknown') return undefined
  if (operator === 'all') return 'the all operator is not available on Postgres; use in'
  if (leaf.kind === 'join-across') return 'a filter may not use a join field of a related document'
  if (leaf.kind === 'polymorphic') return 'filter a relationship to several collections by <field>.value and <field>.relationTo'
  if ((leaf.kind === 'field' || leaf.kind === 'relationship') && leaf.hasMany && leaf.hops > 0)
    return 'a filter may not use a list field of a related document'
  if (GEO.has(operator)) return leaf.kind === 'field' && leaf.type === 'point' ? undefined : `${operator} works on point fields only`
  if (
    LIST_OPERATORS.has(operator) &&
    listOf(value).every((item) => item === null || item === undefined || item === 'null' || item === '')
  ) {
    return `${operator} takes a list of values`
  }
  if (operator === 'exists') return ['true', 'false'].includes(String(value)) ? undefined : 'exists takes true or false'
  if (leaf.kind === 'json') {
    if (leaf.hops > 0) return 'a filter may not look inside a JSON field of a related document'
    if (!leaf.subPath)
      return ['equals', 'not_equals', 'in', 'not_in'].includes(operator)
        ? undefined
        : `${operator} does not work on a whole JSON field; filter on a path inside it`
    if (COMPARISONS.has(operator) || operator === 'contains')
      return `${operator} does not work inside JSON; use equals, not_equals, like, not_like, in or exists`
    if (LIST_OPERATORS.has(operator) && !Array.isArray(value)) return `${operator} inside JSON takes a list`
    const values = Array.isArray(value) ? value : [value]
    const oddNumber = (item: unknown) =>
      (typeof item === 'number' || typeof item === 'string') &&
      item !== '' &&
      Number.isFinite(Number(item)) &&
      !/^-?\d+(\.\d+)?$/.test(String(item).trim())
    if (values.some(oddNumber)) return 'numbers inside JSON are written plainly (digits and one point, no exponent)'
    return undefined
  }
  const textual = leaf.kind === 'field' && TEXTUAL.has(leaf.type)
  if (operator === 'like' || operator === 'not_like') {
    return textual ? undefined : `${operator} works on text fields only`
  }
  if (operator === 'contains') {
    const nestedWhere = leaf.kind === 'relationship' && leaf.hasMany && value !== null && typeof value === 'object'
    return textual || nestedWhere || (leaf.kind === 'field' && leaf.hasMany)
      ? undefined
      : 'contains works on text fields, lists and (with a filter) lists of related documents only'
  }
  if (
    COMPARISONS.has(operator) &&
    (leaf.hasMany || (leaf.kind === 'field' && !['number', 'date', 'select', 'radio', ...TEXTUAL].includes(leaf.type)))
  ) {
    return `${operator} works on numbers, dates and text only`
  }
  return undefined
}

function valueKindOf(leaf: Leaf, schema: Schema, operator: string): ValueKind {
  if (leaf.kind === 'id' || (leaf.kind === 'relationship' && operator !== 'contains'))
    return schema.idType === 'uuid' ? 'uuid-id' : 'serial-id'
  if (leaf.kind === 'field' && (leaf.type === 'number' || leaf.type === 'date')) return leaf.type
  return 'text'
}

/**
 * Every problem of a `where` before it reaches the database: nesting, size, relationship hops, operators a
 * field cannot take, and values that their column cannot hold (a non-numeric id, a NUL character, an
 * impossible date). Empty when it may run. Unknown paths are left to Payload (400).
 */
export function inspectWhere(schema: Schema, collection: string, where: unknown): Problem[] {
  const problems: Problem[] = []
  let conditions = 0
  const visit = (node: unknown, at: string, nesting: number) => {
    if (node === undefined || node === null || node === '') return
    if (typeof node !== 'object' || Array.isArray(node)) {
      problems.push({ path: at, message: 'must be an object of field paths and operators' })
      return
    }
    if (nesting > REQUEST_LIMITS.maxWhereNesting) {
      problems.push({ path: at, message: `and/or may nest at most ${REQUEST_LIMITS.maxWhereNesting} deep` })
      return
    }
    for (const [key, constraint] of Object.entries(node as Record<string, unknown>)) {
      const here = `${at}.${key}`
      if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
        if (!Array.isArray(constraint)) {
          problems.push({ path: here, message: 'must be a list of conditions' })
          continue
        }
        constraint.forEach((item, index) => visit(item, `${here}[${index}]`, nesting + 1))
        continue
      }
      if (key === '_id' || key.endsWith('._id')) {
        problems.push({ path: here, message: 'unknown field: the id is `id`' })
        continue
      }
      if (!constraint || typeof constraint !== 'object' || Array.isArray(constraint)) {
        problems.push({ path: here, message: 'must be an object of operators, e.g. { equals: ... }' })
        continue
      }
      const leaf = resolvePath(schema, collection, key)
      if (leaf.hops > REQUEST_LIMITS.maxRelationshipHops) {
        problems.push({ path: here, message: `a filter may follow at most ${REQUEST_LIMITS.maxRelationshipHops} relationship` })
        continue
      }
      for (const [operator, value] of Object.entries(constraint as Record<string, unknown>)) {
        if (++conditions > REQUEST_LIMITS.maxWhereConditions) {
          problems.push({ path: at, message: `at most ${REQUEST_LIMITS.maxWhereConditions} conditions` })
          return
        }
        const misuse = operatorProblem(leaf, operator, value)
        if (misuse) {
          problems.push({ path: `${here}.${operator}`, message: misuse })
          continue
        }
        // contains on a relationship may carry a nested where (Payload validates it against the related collection)
        if (operator === 'contains' && leaf.kind === 'relationship' && value && typeof value === 'object') continue
        const values = LIST_OPERATORS.has(operator) ? listOf(value) : SCALAR_OPERATORS.has(operator) ? [value] : []
        if (values.length > REQUEST_LIMITS.maxListValues) {
          problems.push({ path: `${here}.${operator}`, message: `at most ${REQUEST_LIMITS.maxListValues} values` })
          continue
        }
        const kind = valueKindOf(leaf, schema, operator)
        const problem = values.map((item) => valueProblem(kind, item)).find(Boolean)
        if (problem) problems.push({ path: `${here}.${operator}`, message: problem })
      }
    }
  }
  visit(where, 'where', 0)
  return problems
}

/** Problems of a `sort` (comma-separated or a list, `-` for descending): fields Payload cannot order by. */
export function inspectSort(schema: Schema, collection: string, sort: unknown): Problem[] {
  if (sort === undefined || sort === null || sort === '') return []
  const entries = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : [sort]
  const problems: Problem[] = []
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      problems.push({ path: 'sort', message: 'must be field names, comma-separated' })
      continue
    }
    const name = entry.trim().replace(/^-/, '')
    if (name === '_id' || name.endsWith('._id')) {
      problems.push({ path: `sort.${name}`, message: 'unknown field: the id is `id`' })
      continue
    }
    const leaf = resolvePath(schema, collection, name)
    const unsortable =
      leaf.hops > REQUEST_LIMITS.maxRelationshipHops ||
      leaf.kind === 'join-across' ||
      leaf.kind === 'polymorphic' ||
      ((leaf.kind === 'field' || leaf.kind === 'relationship') && leaf.hasMany && leaf.hops > 0) ||
      (leaf.kind === 'json' && leaf.hops > 0)
    if (unsortable)
      problems.push({
        path: `sort.${name}`,
        message: 'cannot sort by this field: sort by a field of the document or of one related document',
      })
  }
  return problems
}
