/**
 * Active time on a task, as the label editor measures it: time counts while the person is at work — after
 * each input (pointer, key, wheel) for at most IDLE_AFTER_MS, and never while the page is hidden. A lease held
 * by someone who walked away is idle, not work: the server records the whole hold separately (`heldMs`). Pure.
 */

/** Input keeps a person counted as active for this long; a longer pause is idle. */
export const IDLE_AFTER_MS = 60_000

export type ActiveClock = {
  /** active time banked up to `last` */
  banked: number
  /** the last input's instant; null while paused (page hidden, not started) */
  last: number | null
}

export const startClock = (at: number): ActiveClock => ({ banked: 0, last: at })

/** The clock after an input at `at`: the span since the last input counts, up to the idle limit. */
export function onInput(clock: ActiveClock, at: number, idleAfter = IDLE_AFTER_MS): ActiveClock {
  return { banked: activeAt(clock, at, idleAfter), last: at }
}

/** The clock paused at `at` (the page hidden): what was active is banked; nothing counts until the next input. */
export function pause(clock: ActiveClock, at: number, idleAfter = IDLE_AFTER_MS): ActiveClock {
  return { banked: activeAt(clock, at, idleAfter), last: null }
}

/** The active time at `at`. */
export function activeAt(clock: ActiveClock, at: number, idleAfter = IDLE_AFTER_MS): number {
  if (clock.last === null) return clock.banked
  return clock.banked + Math.min(Math.max(0, at - clock.last), idleAfter)
}
