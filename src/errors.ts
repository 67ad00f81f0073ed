import { APIError } from 'payload'

/**
 * The HTTP status of every LabelOps error class, in one place: operations throw a class and never pick a
 * status; REST and GraphQL both answer with this one (Payload formats an APIError's status for either).
 */
export const ERROR_STATUS = {
  FieldRuleError: 400,
  IncompleteBodyError: 400,
  SignInRequiredError: 401,
  ForbiddenChangeError: 403,
  ConflictError: 409,
  StaleVersionError: 409,
  InvalidTransitionError: 409,
  LeaseError: 409,
  ExpiredError: 410,
  TooLargeError: 413,
  UnsupportedMediaTypeError: 415,
  IdempotencyKeyReuseError: 422,
  TooManyRequestsError: 429,
  ProjectNotActiveError: 423,
} as const

/** 403 with a message that says which rule refused, and the field it concerns. */
export class ForbiddenChangeError extends APIError {
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, ERROR_STATUS.ForbiddenChangeError, { field }, true)
    this.name = 'ForbiddenChangeError'
  }
}

/** 409: the change would break an invariant of the current state (e.g. a workspace with no Admin left). */
export class ConflictError extends APIError {
  constructor(message: string, data?: Record<string, unknown>) {
    super(message, ERROR_STATUS.ConflictError, data ?? null, true)
    this.name = 'ConflictError'
  }
}

/** 400 naming the field and the rule; `data.errors` lists every problem when there are several. */
export class FieldRuleError extends APIError {
  constructor(path: string, message: string, more: Array<{ path: string; message: string }> = []) {
    const errors = [{ path, message }, ...more]
    super(errors.map((error) => `${error.path}: ${error.message}`).join('; '), ERROR_STATUS.FieldRuleError, { errors }, true)
    this.name = 'FieldRuleError'
  }

  static of(problems: Array<{ path: string; message: string }>): FieldRuleError {
    const [first, ...rest] = problems
    return new FieldRuleError(first!.path, first!.message, rest)
  }
}

/** 423: the project's status keeps this person from its tasks (Paused, Completed, Cancelled...). */
export class ProjectNotActiveError extends APIError {
  constructor(message: string) {
    super(message, ERROR_STATUS.ProjectNotActiveError, null, true)
    this.name = 'ProjectNotActiveError'
  }
}

/** 409: the task changed since the client read it; `data.currentVersion` says what it is now. */
export class StaleVersionError extends APIError {
  constructor(currentVersion: number) {
    super(
      `expectedVersion: the task is at version ${currentVersion}; reload it and try again`,
      ERROR_STATUS.StaleVersionError,
      { currentVersion },
      true,
    )
    this.name = 'StaleVersionError'
  }
}

/** 409: the workflow does not allow this action from the task's current stage. */
export class InvalidTransitionError extends APIError {
  constructor(message: string, data?: Record<string, unknown>) {
    super(message, ERROR_STATUS.InvalidTransitionError, data ?? null, true)
    this.name = 'InvalidTransitionError'
  }
}

/** 409: the caller does not hold the task's lease (never claimed it, or it lapsed and someone took it over). */
export class LeaseError extends APIError {
  constructor(message: string, data?: Record<string, unknown>) {
    super(`lease: ${message}`, ERROR_STATUS.LeaseError, data ?? null, true)
    this.name = 'LeaseError'
  }
}

/** 400: the client stopped sending before the body was complete (nothing of it was written). */
export class IncompleteBodyError extends APIError {
  constructor(message = 'body: the request ended before its body did; nothing was written') {
    super(message, ERROR_STATUS.IncompleteBodyError, null, true)
    this.name = 'IncompleteBodyError'
  }
}

/** 422: an Idempotency-Key already answered a different request (another task, action or body). */
export class IdempotencyKeyReuseError extends APIError {
  constructor() {
    super(
      'Idempotency-Key: this key was already used for a different request; use a new key for each distinct request',
      ERROR_STATUS.IdempotencyKeyReuseError,
      null,
      true,
    )
    this.name = 'IdempotencyKeyReuseError'
  }
}

/** 401: the operation needs a signed-in person. */
export class SignInRequiredError extends APIError {
  constructor(message: string) {
    super(message, ERROR_STATUS.SignInRequiredError, null, true)
    this.name = 'SignInRequiredError'
  }
}

/** 410: what the request answers no longer exists in a usable form (an invitation past its expiry). */
export class ExpiredError extends APIError {
  constructor(message: string) {
    super(message, ERROR_STATUS.ExpiredError, null, true)
    this.name = 'ExpiredError'
  }
}

/** 413: the request or the answer is larger than this route takes; the message names the route that does. */
export class TooLargeError extends APIError {
  constructor(message: string) {
    super(message, ERROR_STATUS.TooLargeError, null, true)
    this.name = 'TooLargeError'
  }
}

/** 429: too many of this kind of request are running; the message says when to try again. */
export class TooManyRequestsError extends APIError {
  constructor(message: string) {
    super(message, ERROR_STATUS.TooManyRequestsError, null, true)
    this.name = 'TooManyRequestsError'
  }
}

/** 415: the body comes in a format the operation does not read; the message names the ones it does. */
export class UnsupportedMediaTypeError extends APIError {
  constructor(message: string) {
    super(message, ERROR_STATUS.UnsupportedMediaTypeError, null, true)
    this.name = 'UnsupportedMediaTypeError'
  }
}
