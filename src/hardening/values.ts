import { parseDocumentId } from '../domain/ids.ts'
import { REQUEST_LIMITS } from './limits.ts'

/** What a database column of this kind can hold; `undefined` when the value fits. */
export type ValueKind = 'serial-id' | 'uuid-id' | 'number' | 'date' | 'text'

/** Why `value` cannot be compared with a column of `kind`, or undefined when it can. */
export function valueProblem(kind: ValueKind, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'boolean') return kind === 'text' ? undefined : 'must not be a boolean'
  // Payload's own admin compares dates as Date objects (its document-lock check): a valid one is a plain value
  if (value instanceof Date)
    return kind === 'date' || kind === 'text'
      ? Number.isFinite(value.getTime())
        ? undefined
        : 'must be a valid date'
      : 'must not be a date'
  if (typeof value === 'object') return 'must be a plain value, not an object or a list'
  const text = String(value)
  if (text.length > REQUEST_LIMITS.maxValueLength) return `must be at most ${REQUEST_LIMITS.maxValueLength} characters`
  if (text.includes('\u0000')) return 'must not contain a NUL character'
  switch (kind) {
    case 'serial-id':
      return text === 'null' || text === '' || typeof parseDocumentId(text) === 'number' ? undefined : 'must be a whole-number id'
    case 'uuid-id':
      return text === 'null' || text === '' || typeof parseDocumentId(text) === 'string' ? undefined : 'must be a uuid'
    case 'number': {
      if (text === 'null' || text === '') return undefined
      const number = Number(text)
      return Number.isFinite(number) && Math.abs(number) <= 1e15 ? undefined : 'must be a finite number'
    }
    case 'date': {
      if (text === 'null' || text === '') return undefined
      const time = Date.parse(text)
      return Number.isFinite(time) && Math.abs(time) < 253_402_300_800_000 ? undefined : 'must be a date (ISO 8601)'
    }
    case 'text':
      return undefined
  }
}

/** An id in a path (`/api/tasks/:id`): a problem when it cannot name a row of this id type. */
export function idProblem(idType: 'serial' | 'uuid', id: unknown): string | undefined {
  if (typeof id !== 'string' && typeof id !== 'number') return 'must be an id'
  if (String(id) === '') return 'must be an id'
  return valueProblem(idType === 'uuid' ? 'uuid-id' : 'serial-id', id)
}

/** A whole number within [min, max], or a problem naming the range. */
export function integerProblem(value: unknown, min: number, max: number): string | undefined {
  if (value === undefined || value === null) return undefined
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    return `must be a whole number from ${min} to ${max}`
  }
  return undefined
}
