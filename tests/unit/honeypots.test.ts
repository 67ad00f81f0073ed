import { describe, expect, it } from 'vitest'

import { HONEYPOT_DEFAULTS, honeypotDue, pauseVerdict } from '../../src/domain/projects/honeypots.ts'

const settings = { ...HONEYPOT_DEFAULTS, enabled: true, firstTasks: 2, rate: 0.1, window: 3, pauseBelow: 0.6 }

describe('honeypots', () => {
  it('serves the first ones, then keeps their share at the rate', () => {
    expect(honeypotDue({ honeypots: 0, others: 0 }, settings)).toBe(true)
    expect(honeypotDue({ honeypots: 1, others: 0 }, settings)).toBe(true)
    expect(honeypotDue({ honeypots: 2, others: 0 }, settings)).toBe(false)
    // one in ten of everything served: the third is the 21st task (2 < 0.1 × 21)
    expect(honeypotDue({ honeypots: 2, others: 17 }, settings)).toBe(false)
    expect(honeypotDue({ honeypots: 2, others: 18 }, settings)).toBe(true)
    expect(honeypotDue({ honeypots: 2, others: 1000 }, { ...settings, rate: 0 })).toBe(false)
    // simulated: over 200 tasks the share stays at the rate
    let done = { honeypots: 0, others: 0 }
    for (let i = 0; i < 200; i++)
      done = honeypotDue(done, settings) ? { ...done, honeypots: done.honeypots + 1 } : { ...done, others: done.others + 1 }
    expect(done.honeypots).toBe(20)
  })

  it('pauses on the mean of the last scores, once enough are in', () => {
    expect(pauseVerdict([0], settings)).toEqual({ pause: false })
    expect(pauseVerdict([0, 0], settings)).toMatchObject({ pause: true, accuracy: 0 })
    expect(pauseVerdict([1, 0.5, 0.2, 0, 0], settings)).toEqual({
      pause: true,
      accuracy: expect.closeTo(0.5667, 3),
      reason: 'honeypot accuracy 0.57 over the last 3 gold tasks is below 0.60',
    })
    expect(pauseVerdict([1, 0.8, 0.2, 0, 0], settings)).toEqual({ pause: false })
    expect(pauseVerdict([], settings)).toEqual({ pause: false })
  })
})
