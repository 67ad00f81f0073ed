import type { Payload } from 'payload'

export type PollingWorker = {
  /** one pass now (or the pass already running); answers how much it did */
  runOnce: () => Promise<number>
  /** no pass after this one; waits for a pass in flight */
  stop: () => Promise<void>
}

/** The database pool was closed (drizzle wraps the driver's error: the words are in its cause). */
const poolEnded = (error: unknown): boolean =>
  [error, (error as { cause?: unknown } | null)?.cause].some((each) => /pool after calling end/i.test(String(each ?? '')))

/**
 * A background loop of one process: `pass` every `pollMs`, at once again while a pass did a full batch
 * (`batch`). A failed pass is logged and tried again at the next poll; the loop ends with the database pool
 * (a host that closed it without destroy()). Timers are unref'd: the loop never keeps a process alive.
 */
export function startPollingWorker(
  payload: Payload,
  { what, pollMs, batch, pass }: { what: string; pollMs: number; batch: number; pass: () => Promise<number> },
): PollingWorker {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  const runOnce = () => (running ??= pass().finally(() => (running = undefined)))

  const schedule = (ms: number) => {
    timer = setTimeout(() => void tick(), ms)
    timer.unref()
  }
  const tick = async () => {
    if (stopped) return
    let done = 0
    try {
      done = await runOnce()
    } catch (error) {
      if (poolEnded(error)) stopped = true
      if (!stopped) payload.logger.error({ err: error, msg: `LabelOps: ${what} failed a pass; it tries again` })
    }
    if (!stopped) schedule(done >= batch ? 0 : pollMs)
  }
  schedule(pollMs)

  return {
    runOnce,
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await running?.catch(() => undefined)
    },
  }
}

/**
 * Runs `worker` for as long as `payload` lives: Payload has no shutdown hook, so its `destroy()` is wrapped to
 * stop the worker (and let a pass in flight finish) before the database pool closes.
 */
export function stopWithPayload<W extends PollingWorker>(payload: Payload, worker: W): W {
  const destroy = payload.destroy.bind(payload)
  payload.destroy = async () => {
    await worker.stop()
    return destroy()
  }
  return worker
}
