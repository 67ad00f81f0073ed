import { describe, expect, it } from 'vitest'

import { activeAt, IDLE_AFTER_MS, onInput, pause, startClock } from '../../src/domain/analytics/activeTime.ts'
import { activeWithinHold } from '../../src/domain/analytics/eventSums.ts'

describe('active time', () => {
  it('counts steady work in full', () => {
    let clock = startClock(0)
    for (let at = 5_000; at <= 30_000; at += 5_000) clock = onInput(clock, at)
    expect(activeAt(clock, 30_000)).toBe(30_000)
  })

  it('counts at most the idle limit after the last input', () => {
    // opened at 0, one input at 10 s, then nothing for five minutes
    const clock = onInput(startClock(0), 10_000)
    expect(activeAt(clock, 10_000 + 5 * 60_000)).toBe(10_000 + IDLE_AFTER_MS)
  })

  it('leaves out a long pause between inputs', () => {
    let clock = onInput(startClock(0), 20_000)
    clock = onInput(clock, 20_000 + 10 * 60_000) // back after ten minutes: one idle limit counts
    clock = onInput(clock, 20_000 + 10 * 60_000 + 15_000)
    expect(activeAt(clock, 20_000 + 10 * 60_000 + 15_000)).toBe(20_000 + IDLE_AFTER_MS + 15_000)
  })

  it('does not count while the page is hidden', () => {
    let clock = onInput(startClock(0), 10_000)
    clock = pause(clock, 12_000)
    expect(activeAt(clock, 500_000)).toBe(12_000)
    clock = onInput(clock, 500_000) // the first input after coming back only restarts the clock
    expect(activeAt(clock, 503_000)).toBe(15_000)
  })

  it('honours another idle limit', () => {
    expect(activeAt(startClock(0), 100_000, 30_000)).toBe(30_000)
  })
})

describe('the active time an event records', () => {
  it('is what the client reported, never more than the hold the server measured', () => {
    expect(activeWithinHold(40_000, 90_000)).toBe(40_000)
    expect(activeWithinHold(400_000, 90_000)).toBe(90_000)
    expect(activeWithinHold(40_000, null)).toBe(40_000)
    expect(activeWithinHold(undefined, 90_000)).toBeNull()
    expect(activeWithinHold(null, null)).toBeNull()
  })
})
