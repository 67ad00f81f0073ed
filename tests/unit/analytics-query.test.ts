import { describe, expect, it } from 'vitest'

import { toCsv } from '../../src/domain/analytics/csv.ts'
import { coverDays, joinTouching, ROLLUP_GRAINS } from '../../src/domain/analytics/grains.ts'
import {
  analyticsQuerySchema,
  analyticsWindow,
  daysAlignIn,
  hoursAlignIn,
  needsRawJournal,
  readPlan,
  rejectionRate,
  splitWindow,
  workspaceAnalyticsQuerySchema,
  zoneOffsetMinutes,
} from '../../src/domain/analytics/query.ts'

const at = (iso: string) => new Date(iso)

describe('the analytics window', () => {
  it('defaults to the last 30 days, and bounds the window by bucket', () => {
    const now = at('2026-12-01T12:00:00Z')
    expect(analyticsWindow({ bucket: 'day' }, now)).toEqual({ from: at('2026-11-01T12:00:00Z'), to: now })
    expect(analyticsWindow({ bucket: 'hour', from: '2026-10-01T00:00:00Z', to: '2026-11-15T00:00:00Z' }, now)).toEqual({
      path: 'to',
      message: 'the window is at most 31 days with hour buckets (ask for a shorter one or a wider bucket)',
    })
    expect(analyticsWindow({ bucket: 'day', from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, now)).toEqual({
      path: 'from',
      message: 'must come before to',
    })
  })

  it('parses the query string strictly, naming each rule', () => {
    expect(analyticsQuerySchema.parse({})).toMatchObject({ bucket: 'day', timeZone: 'UTC', format: 'json' })
    expect(analyticsQuerySchema.safeParse({ timeZone: 'Asia/Kolkata' }).success).toBe(true)
    expect(analyticsQuerySchema.safeParse({ timeZone: 'Nowhere/City' }).error?.issues[0]?.message).toMatch(/IANA time zone/)
    expect(analyticsQuerySchema.safeParse({ from: '2026-11-01' }).error?.issues[0]?.message).toMatch(/ISO 8601/)
    expect(analyticsQuerySchema.safeParse({ limit: '5' }).success).toBe(false)
  })

  it('asks a CSV download to name its table, in the project and the workspace report alike', () => {
    expect(analyticsQuerySchema.safeParse({ format: 'csv' }).error?.issues[0]).toMatchObject({
      path: ['table'],
      message: 'is required with format=csv: annotators, reviewers, stages, throughput',
    })
    expect(analyticsQuerySchema.safeParse({ format: 'csv', table: 'stages' }).success).toBe(true)
    expect(workspaceAnalyticsQuerySchema.safeParse({ format: 'csv' }).error?.issues[0]).toMatchObject({
      path: ['table'],
      message: 'is required with format=csv: projects, people, throughput',
    })
    expect(workspaceAnalyticsQuerySchema.safeParse({ format: 'csv', table: 'stages' }).success).toBe(false)
    expect(workspaceAnalyticsQuerySchema.safeParse({ table: 'people' }).success).toBe(true)
  })

  it('cuts the window at whole UTC hours: rollups inside, raw edges outside', () => {
    expect(splitWindow({ from: at('2026-11-20T09:15:00Z'), to: at('2026-11-20T11:40:00Z') })).toEqual({
      whole: { from: at('2026-11-20T10:00:00Z'), to: at('2026-11-20T11:00:00Z') },
      edges: [
        { from: at('2026-11-20T09:15:00Z'), to: at('2026-11-20T10:00:00Z') },
        { from: at('2026-11-20T11:00:00Z'), to: at('2026-11-20T11:40:00Z') },
      ],
    })
    expect(splitWindow({ from: at('2026-11-20T00:00:00Z'), to: at('2026-11-21T00:00:00Z') })).toEqual({
      whole: { from: at('2026-11-20T00:00:00Z'), to: at('2026-11-21T00:00:00Z') },
      edges: [],
    })
    // no whole hour inside: all raw
    const inside = { from: at('2026-11-20T09:15:00Z'), to: at('2026-11-20T09:45:00Z') }
    expect(splitWindow(inside)).toEqual({ whole: null, edges: [inside] })
  })

  it('knows which zones keep days on whole UTC hours', () => {
    const november = { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') }
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-11-20T12:00:00Z'))).toBe(60)
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-07-20T12:00:00Z'))).toBe(120)
    expect(zoneOffsetMinutes('Asia/Kolkata', at('2026-11-20T12:00:00Z'))).toBe(330)
    expect(zoneOffsetMinutes('America/St_Johns', at('2026-11-20T12:00:00Z'))).toBe(-210)
    expect(hoursAlignIn('Europe/Berlin', november)).toBe(true)
    expect(hoursAlignIn('America/New_York', november)).toBe(true) // across the DST change
    expect(hoursAlignIn('Asia/Kolkata', november)).toBe(false)
    expect(hoursAlignIn('Asia/Kathmandu', november)).toBe(false)
  })

  it('knows which zones keep days on whole UTC days, and reads their day and week buckets from the daily rollups', () => {
    const november = { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') }
    const july = { from: at('2026-07-01T00:00:00Z'), to: at('2026-08-01T00:00:00Z') }
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Zulu', 'utc']) expect(daysAlignIn(zone, july), zone).toBe(true)
    expect(daysAlignIn('Europe/London', november)).toBe(true) // GMT in winter
    expect(daysAlignIn('Europe/London', july)).toBe(false) // BST, UTC+1
    // across London's change back to GMT (25 October 2026): part of the window is an hour off
    expect(daysAlignIn('Europe/London', { from: at('2026-10-20T00:00:00Z'), to: at('2026-10-30T00:00:00Z') })).toBe(false)
    expect(daysAlignIn('Europe/Berlin', november)).toBe(false)
    expect(daysAlignIn('Atlantic/Azores', november)).toBe(false) // UTC-1
    // from the Azores' change to UTC+0 (01:00 UTC on 29 March 2026): the window is all UTC+0, but its first UTC day
    // (read whole, less its first hour) starts at 23:00 on the 28th there
    expect(daysAlignIn('Atlantic/Azores', { from: at('2026-03-29T01:00:00Z'), to: at('2026-04-10T00:00:00Z') })).toBe(false)
    expect(daysAlignIn('Atlantic/Azores', { from: at('2026-04-01T00:00:00Z'), to: at('2026-04-10T00:00:00Z') })).toBe(true)
    const plan = (query: Partial<Parameters<typeof readPlan>[0]>) => readPlan({ bucket: 'day', timeZone: 'UTC', ...query }, november)
    expect(plan({}).utcDayBuckets).toBe(true)
    expect(plan({ bucket: 'week' }).utcDayBuckets).toBe(true)
    expect(plan({ bucket: 'hour' }).utcDayBuckets).toBe(false)
    expect(plan({ timeZone: 'Europe/Berlin' }).utcDayBuckets).toBe(false)
    // a filter below the rollups' key: everything raw, nothing from the daily rollups
    expect(plan({ dataset: 3 })).toMatchObject({ raw: true, utcDayBuckets: false })
  })

  it('keeps each zone apart when asked in turns and in any spelling (its formatters are cached per zone)', () => {
    const noon = at('2026-11-20T12:00:00Z')
    for (let turn = 0; turn < 3; turn++) {
      expect(zoneOffsetMinutes('Asia/Kolkata', noon)).toBe(330)
      expect(zoneOffsetMinutes('europe/berlin', noon)).toBe(60)
      expect(zoneOffsetMinutes('UTC', noon)).toBe(0)
      expect(zoneOffsetMinutes('America/St_Johns', noon)).toBe(-210)
    }
  })

  it('says when filters reach below the rollups, and what a rejection rate is', () => {
    expect(needsRawJournal({})).toBe(false)
    expect(needsRawJournal({ dataset: 3 })).toBe(true)
    expect(needsRawJournal({ ontologyClass: 'car' })).toBe(true)
    expect(rejectionRate(3, 1)).toBe(0.25)
    expect(rejectionRate(0, 0)).toBeNull()
  })
})

describe('CSV', () => {
  it('writes a header row, quotes what needs quoting and never lets a cell run as a formula', () => {
    const csv = toCsv<{ name: string; rate: number | null; n: number }>(
      [
        { header: 'name', value: (row) => row.name },
        { header: 'rate', value: (row) => row.rate },
        { header: 'n', value: (row) => row.n },
      ],
      [
        { name: 'Ann, "the fast"', rate: 1 / 3, n: 2 },
        { name: '=HYPERLINK("x")', rate: null, n: 0 },
      ],
    )
    expect(csv).toBe('name,rate,n\r\n"Ann, ""the fast""",0.3333,2\r\n"\'=HYPERLINK(""x"")",,0\r\n')
  })
})

describe('the rollup grains', () => {
  it('reads whole UTC days from the day grain and each part day raw, or as its day less the shorter rest', () => {
    const w = (from: string, to: string) => ({ from: at(from), to: at(to) })
    // the first part day is mostly outside the window (raw); the last mostly inside it (its day less the rest)
    expect(coverDays(w('2026-11-02T13:00:00Z', '2026-12-02T12:00:01Z'))).toEqual({
      days: w('2026-11-03T00:00:00Z', '2026-12-03T00:00:00Z'),
      add: [w('2026-11-02T13:00:00Z', '2026-11-03T00:00:00Z')],
      subtract: [w('2026-12-02T12:00:01Z', '2026-12-03T00:00:00Z')],
    })
    // a window of the last 30 days at 01:19: the first day less its first 79 minutes, today less the rest of it
    expect(coverDays(w('2026-11-06T01:19:00Z', '2026-12-06T01:19:00Z'))).toEqual({
      days: w('2026-11-06T00:00:00Z', '2026-12-06T00:00:00Z'),
      add: [w('2026-12-06T00:00:00Z', '2026-12-06T01:19:00Z')],
      subtract: [w('2026-11-06T00:00:00Z', '2026-11-06T01:19:00Z')],
    })
    // whole days only; half a day each way is read raw (the tie goes to the read without rollups)
    expect(coverDays(w('2026-11-02T00:00:00Z', '2026-11-04T00:00:00Z'))).toEqual({
      days: w('2026-11-02T00:00:00Z', '2026-11-04T00:00:00Z'),
      add: [],
      subtract: [],
    })
    expect(coverDays(w('2026-11-02T12:00:00Z', '2026-11-03T12:00:00Z'))).toEqual({
      days: null,
      add: [w('2026-11-02T12:00:00Z', '2026-11-03T00:00:00Z'), w('2026-11-03T00:00:00Z', '2026-11-03T12:00:00Z')],
      subtract: [],
    })
    // inside one day: raw when short, else the day less both sides
    const short = w('2026-11-02T13:00:00Z', '2026-11-02T20:00:00Z')
    expect(coverDays(short)).toEqual({ days: null, add: [short], subtract: [] })
    expect(coverDays(w('2026-11-02T01:00:00Z', '2026-11-02T23:00:00Z'))).toEqual({
      days: w('2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'),
      add: [],
      subtract: [w('2026-11-02T00:00:00Z', '2026-11-02T01:00:00Z'), w('2026-11-02T23:00:00Z', '2026-11-03T00:00:00Z')],
    })
    expect(coverDays(w('2026-11-02T00:00:00Z', '2026-11-02T23:00:00Z'))).toEqual({
      days: w('2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'),
      add: [],
      subtract: [w('2026-11-02T23:00:00Z', '2026-11-03T00:00:00Z')],
    })
    // the same window asked at 05:30 today, ending now: today less the rest of it (which holds no events yet)
    const now = at('2026-12-06T05:30:00Z')
    expect(coverDays(w('2026-11-06T05:30:00Z', '2026-12-06T05:30:00Z'), now)).toEqual({
      days: w('2026-11-06T00:00:00Z', '2026-12-07T00:00:00Z'),
      add: [],
      subtract: [w('2026-11-06T00:00:00Z', '2026-11-06T05:30:00Z'), w('2026-12-06T05:30:00Z', '2026-12-07T00:00:00Z')],
    })
    // without the clock, today's 5.5 hours are the shorter read
    expect(coverDays(w('2026-11-06T05:30:00Z', '2026-12-06T05:30:00Z')).add).toEqual([w('2026-12-06T00:00:00Z', '2026-12-06T05:30:00Z')])
    // inside today: the day less its first hour, rather than four hours raw
    expect(coverDays(w('2026-12-06T01:00:00Z', '2026-12-06T05:00:00Z'), now)).toEqual({
      days: w('2026-12-06T00:00:00Z', '2026-12-07T00:00:00Z'),
      add: [],
      subtract: [w('2026-12-06T00:00:00Z', '2026-12-06T01:00:00Z'), w('2026-12-06T05:00:00Z', '2026-12-07T00:00:00Z')],
    })
    expect(ROLLUP_GRAINS.map((grain) => grain.grain)).toEqual(['day', 'all-hour'])
  })

  it('covers every instant of a window once, net, whatever its ends', () => {
    // a window's instants (minutes) counted: +1 in days and add, -1 in subtract; inside the window 1, outside 0
    const base = at('2026-11-01T00:00:00Z').getTime()
    let seed = 7
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n
    for (let round = 0; round < 300; round++) {
      const from = base + random(5 * 1440) * 60_000
      const to = from + (1 + random(4 * 1440)) * 60_000
      // a clock somewhere around the window, or none
      const now = round % 3 === 0 ? undefined : from + (random(6 * 1440) - 1440) * 60_000
      const cover = coverDays({ from: new Date(from), to: new Date(to) }, now === undefined ? undefined : new Date(now))
      const inside = (window: { from: Date; to: Date } | null, t: number) =>
        window && window.from.getTime() <= t && t < window.to.getTime() ? 1 : 0
      for (let t = base - 1440 * 60_000; t < base + 10 * 1440 * 60_000; t += 30 * 60_000 + 17_000) {
        const net =
          inside(cover.days, t) +
          cover.add.reduce((sum, part) => sum + inside(part, t), 0) -
          cover.subtract.reduce((sum, part) => sum + inside(part, t), 0)
        expect(net).toBe(from <= t && t < to ? 1 : 0)
      }
      // at most half a day at each end, of the time before the clock (after it, the journal holds nothing)
      const before = (t: number) => Math.min(t, now ?? Infinity)
      const raw = [...cover.add, ...cover.subtract].reduce(
        (sum, part) => sum + Math.max(0, before(part.to.getTime()) - part.from.getTime()),
        0,
      )
      expect(raw).toBeLessThanOrEqual(86_400_000)
    }
  })

  it('joins the windows whose ends touch, in time order, and keeps apart those that do not', () => {
    const w = (from: string, to: string) => ({ from: at(`2026-11-${from}Z`), to: at(`2026-11-${to}Z`) })
    // a part day and the raw edge before it; the edge after the last part day; one apart from both
    expect(joinTouching([w('03T00:00:00', '03T04:00:00'), w('02T13:00:00', '03T00:00:00'), w('02T12:41:07', '02T13:00:00')])).toEqual([
      w('02T12:41:07', '03T04:00:00'),
    ])
    expect(joinTouching([w('02T13:00:00', '03T00:00:00'), w('05T00:00:00', '05T04:00:00'), w('05T04:00:00', '05T04:10:26')])).toEqual([
      w('02T13:00:00', '03T00:00:00'),
      w('05T00:00:00', '05T04:10:26'),
    ])
    expect(joinTouching([])).toEqual([])
  })
})
