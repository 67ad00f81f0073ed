import type { Payload } from 'payload'

type LogMethod = (...args: unknown[]) => void

/** The HTTP status an error carries, directly or (GraphQL) on the error it wraps. */
function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined
  const own = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode
  if (typeof own === 'number') return own
  return statusOf((error as { originalError?: unknown }).originalError)
}

/** A refusal of the caller's request (4xx), as opposed to a fault of the server. Pure. */
export function isClientError(error: unknown): boolean {
  const status = statusOf(error)
  return status !== undefined && status >= 400 && status < 500
}

/**
 * Refusals are the caller's business: an error logged at ERROR whose status is 4xx goes to INFO instead,
 * whatever its class (Payload's own, ours, or one GraphQL wraps — `loggingLevels` can only match class
 * names, and every GraphQL error is named GraphQLError). Real faults stay at ERROR with their stack.
 */
export function logClientErrorsAsInfo(payload: Payload): void {
  const logger = payload.logger as unknown as Record<'error' | 'info', LogMethod> & { __labelOpsClientErrors?: true }
  if (logger.__labelOpsClientErrors || typeof logger.error !== 'function' || typeof logger.info !== 'function') return
  const error = logger.error.bind(logger)
  const info = logger.info.bind(logger)
  logger.error = (first?: unknown, ...rest: unknown[]) => {
    const err = first && typeof first === 'object' && 'err' in first ? (first as { err: unknown }).err : first
    if (!isClientError(err)) return error(first, ...rest)
    const message = (err as { message?: unknown }).message
    return info({ msg: typeof message === 'string' ? message : 'client error', status: statusOf(err) })
  }
  logger.__labelOpsClientErrors = true
}
