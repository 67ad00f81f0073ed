import { describe, expect, it } from 'vitest'

import { addressAllowed, webhookUrlProblem } from '../../src/domain/webhooks/addresses.ts'
import { attemptOutcome, nextAttemptDelayMs, RETRY_SCHEDULE_MS, retryAfterMs } from '../../src/domain/webhooks/events.ts'

describe('where a webhook may be sent', () => {
  it('allows public unicast addresses only, by default', () => {
    for (const address of ['8.8.8.8', '2606:4700::1']) expect(addressAllowed(address), address).toBe(true)
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
      '224.0.0.1',
      'not-an-ip',
    ])
      expect(addressAllowed(address), address).toBe(false)
  })

  it('allows what the allow-list names: an address or a CIDR range', () => {
    expect(addressAllowed('127.0.0.1', ['127.0.0.1'])).toBe(true)
    expect(addressAllowed('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true)
    expect(addressAllowed('10.4.5.6', ['10.0.0.0/8'])).toBe(true)
    expect(addressAllowed('10.4.5.6', ['10.0.0.0/16'])).toBe(false)
    expect(addressAllowed('fd00::1', ['10.0.0.0/8'])).toBe(false)
  })

  it('names what is wrong with a URL', () => {
    expect(webhookUrlProblem('https://hooks.example.com/labelops')).toBeNull()
    expect(webhookUrlProblem('ftp://hooks.example.com/')).toBe('only http and https URLs are allowed')
    expect(webhookUrlProblem('not a url')).toBe('not a URL')
    expect(webhookUrlProblem('https://user:secret@hooks.example.com/')).toMatch(/^no credentials/)
    expect(webhookUrlProblem('http://10.0.0.7/hook')).toMatch(/^10\.0\.0\.7 is not a public address .*webhooks\.allowHosts/)
    expect(webhookUrlProblem('http://[::1]:8080/hook')).toMatch(/^::1 is not a public address/)
    expect(webhookUrlProblem('http://localhost:3000/hook')).toMatch(/^localhost is not a public address/)
    expect(webhookUrlProblem('http://localhost./hook')).toMatch(/^localhost\. is not a public address/)
    expect(webhookUrlProblem('http://[::127.0.0.1]/hook')).toMatch(/is not a public address/)
    expect(webhookUrlProblem('http://localhost:3000/hook', ['localhost'])).toBeNull()
    expect(webhookUrlProblem('http://127.0.0.1:3000/hook', ['127.0.0.0/8'])).toBeNull()
    expect(webhookUrlProblem(`https://e.com/${'a'.repeat(2100)}`)).toBe('at most 2,048 characters')
  })
})

describe('a delivery attempt', () => {
  it('is delivered on 2xx, disables the subscription on 410, and is retried otherwise', () => {
    expect(attemptOutcome(200, null)).toEqual({ kind: 'delivered' })
    expect(attemptOutcome(204, null)).toEqual({ kind: 'delivered' })
    expect(attemptOutcome(410, null)).toEqual({ kind: 'gone' })
    expect(attemptOutcome(500, null)).toEqual({ kind: 'retry', retryAfterMs: null })
    expect(attemptOutcome(null, null)).toEqual({ kind: 'retry', retryAfterMs: null })
    expect(attemptOutcome(429, '120')).toEqual({ kind: 'retry', retryAfterMs: 120_000 })
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-03T10:00:00Z')
    expect(retryAfterMs('30', now)).toBe(30_000)
    expect(retryAfterMs('Thu, 03 Dec 2026 10:01:00 GMT', now)).toBe(60_000)
    expect(retryAfterMs('Thu, 03 Dec 2026 09:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs(null, now)).toBeNull()
    // never longer than a day, never out of range
    expect(retryAfterMs('9000000000', now)).toBe(86_400_000)
    expect(retryAfterMs('9'.repeat(400), now)).toBeNull()
  })

  it("waits the schedule's next delay with ±20 % jitter, at least Retry-After, and gives up after the last", () => {
    expect(nextAttemptDelayMs(1, { random: () => 0.5 })).toBe(5_000)
    expect(nextAttemptDelayMs(1, { random: () => 0 })).toBe(4_000)
    expect(nextAttemptDelayMs(1, { random: () => 0.999999 })).toBe(6_000)
    expect(nextAttemptDelayMs(2, { random: () => 0.5 })).toBe(300_000)
    expect(nextAttemptDelayMs(1, { random: () => 0.5, retryAfterMs: 60_000 })).toBe(60_000)
    expect(nextAttemptDelayMs(RETRY_SCHEDULE_MS.length, { random: () => 0.5 })).toBe(36_000_000)
    expect(nextAttemptDelayMs(RETRY_SCHEDULE_MS.length + 1)).toBeNull()
    expect(nextAttemptDelayMs(2, { schedule: [10, 20], random: () => 0.5 })).toBe(20)
    expect(nextAttemptDelayMs(3, { schedule: [10, 20] })).toBeNull()
  })
})
