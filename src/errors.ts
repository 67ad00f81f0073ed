import { APIError } from 'payload'

/** 403 with a message that says which rule refused, and the field it concerns. */
export class ForbiddenChangeError extends APIError {
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, 403, { field }, true)
    this.name = 'ForbiddenChangeError'
  }
}

/** 409: the change would break an invariant of the current state (e.g. a workspace with no Admin left). */
export class ConflictError extends APIError {
  constructor(message: string, data?: Record<string, unknown>) {
    super(message, 409, data ?? null, true)
    this.name = 'ConflictError'
  }
}

/** 400 naming the field and the rule, in Payload's ValidationError-like shape. */
export class FieldRuleError extends APIError {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`, 400, { errors: [{ path, message }] }, true)
    this.name = 'FieldRuleError'
  }
}
