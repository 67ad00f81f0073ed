import type { Payload } from 'payload'

const INSTALLED = Symbol.for('labelops.processGuard')

/**
 * A client that went away mid-request: node's `aborted` error of an incoming request whose body was cut, or
 * a stream closed early. (A bare ECONNRESET could as well be the database's socket: not a client's doing.)
 */
export function isClientDisconnect(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code
  return (error as Error)?.message === 'aborted' || code === 'ERR_STREAM_PREMATURE_CLOSE'
}

/** Errors that belong to one request (a client that went away, a refusal) and say nothing about the process. */
export function isRequestScoped(error: unknown): boolean {
  const status = (error as { status?: unknown })?.status
  return (typeof status === 'number' && status < 500) || isClientDisconnect(error)
}

/**
 * One request must never take the process down. A promise rejection nobody awaited (Payload leaves some in
 * its query validation) is logged and the process carries on; an uncaught exception that belongs to one
 * request (a client that hung up, a refusal) likewise. Any other uncaught exception leaves the process in an
 * unknown state: it is logged as fatal and the process exits with code 1, for the process manager to restart
 * (README, "Running in production").
 */
export function installProcessGuard(payload: Payload): void {
  const host = process as unknown as Record<symbol, boolean>
  if (host[INSTALLED]) return
  host[INSTALLED] = true
  process.on('unhandledRejection', (reason) => {
    if (isRequestScoped(reason))
      payload.logger.warn({ msg: `unhandled rejection of a request (kept running): ${(reason as Error)?.message}` })
    else payload.logger.error({ err: reason, msg: 'unhandled rejection (kept running)' })
  })
  process.on('uncaughtException', (error) => {
    if (isRequestScoped(error)) {
      payload.logger.warn({ msg: `uncaught error of a request (kept running): ${error.message}` })
      return
    }
    payload.logger.fatal({ err: error, msg: 'uncaught exception: exiting for the process manager to restart' })
    process.exit(1)
  })
}
