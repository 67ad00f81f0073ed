/**
 * Honeypots: a standard project's tasks with a gold label, served to every annotator among their other tasks and
 * scored silently. When one is due, and when an annotator is paused for their accuracy. Pure.
 */
export type HoneypotSettings = { enabled: boolean; firstTasks: number; rate: number; window: number; pauseBelow: number }

export const HONEYPOT_DEFAULTS: HoneypotSettings = { enabled: false, firstTasks: 2, rate: 0.1, window: 5, pauseBelow: 0.6 }

/**
 * Whether the next task served to a person should be a honeypot: their first `firstTasks` are, then one whenever
 * honeypots would otherwise fall below `rate` of everything they were served — a steady share rather than a coin
 * toss, so no run of luck lets anyone go unmeasured.
 */
export function honeypotDue(done: { honeypots: number; others: number }, settings: HoneypotSettings): boolean {
  if (done.honeypots < settings.firstTasks) return true
  if (settings.rate <= 0) return false
  return done.honeypots < settings.rate * (done.honeypots + done.others + 1)
}

export type PauseVerdict = { pause: false } | { pause: true; accuracy: number; reason: string }

/**
 * Whether a person's recent honeypot scores (newest first) pause them: their accuracy is the mean of the last
 * `window`, judged once they have done that many — or all of their first ones, if fewer are asked for.
 */
export function pauseVerdict(recent: readonly number[], settings: HoneypotSettings): PauseVerdict {
  const considered = recent.slice(0, settings.window)
  if (considered.length === 0 || considered.length < Math.min(settings.window, Math.max(settings.firstTasks, 1))) return { pause: false }
  const accuracy = considered.reduce((sum, score) => sum + score, 0) / considered.length
  if (accuracy >= settings.pauseBelow) return { pause: false }
  return {
    pause: true,
    accuracy,
    reason: `honeypot accuracy ${accuracy.toFixed(2)} over the last ${considered.length} gold tasks is below ${settings.pauseBelow.toFixed(2)}`,
  }
}
