import { describe, expect, it } from 'vitest'

import {
  activeFilters,
  analyticsQuery,
  bucketLabel,
  defaultFilters,
  formatDuration,
  formatRate,
} from '../../admin-components/analytics/analyticsState.ts'

describe('the Analytics tab state', () => {
  it('starts on the last 30 days by day, in the browser zone', () => {
    expect(defaultFilters(new Date(2026, 11, 1, 15, 30))).toEqual({
      fromDay: '2026-11-02',
      toDay: '2026-12-01',
      bucket: 'day',
      zone: 'local',
    })
  })

  it('asks for whole days: from the first day’s start to the day after the last, in UTC or the browser zone', () => {
    const utc = analyticsQuery(
      { fromDay: '2026-11-20', toDay: '2026-11-21', bucket: 'hour', zone: 'UTC', stage: 'review' },
      'Europe/Berlin',
    )
    expect(Object.fromEntries(utc)).toEqual({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
      bucket: 'hour',
      timeZone: 'UTC',
      stage: 'review',
    })
    const local = analyticsQuery({ fromDay: '2026-11-20', toDay: '2026-11-20', bucket: 'day', zone: 'local' }, 'Europe/Berlin', {
      format: 'csv',
    })
    expect(local.get('timeZone')).toBe('Europe/Berlin')
    expect(new Date(local.get('to')!).getTime() - new Date(local.get('from')!).getTime()).toBe(86_400_000) // no DST change that day
    expect(local.get('format')).toBe('csv')
  })

  it('reads durations, rates and buckets as a person would', () => {
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(950)).toBe('950 ms')
    expect(formatDuration(42_400)).toBe('42 s')
    expect(formatDuration(185_000)).toBe('3 m 05 s')
    expect(formatDuration(7_800_000)).toBe('2 h 10 m')
    expect(formatRate(0.125)).toBe('12.5 %')
    expect(formatRate(0.5)).toBe('50 %')
    expect(formatRate(null)).toBe('—')
    expect(bucketLabel('2026-11-20')).toBe('20 Nov')
    expect(bucketLabel('2026-11-20T14:00')).toBe('20 Nov 14:00')
    expect(activeFilters({ fromDay: '', toDay: '', bucket: 'day', zone: 'UTC', stage: 'x', dataset: '3' })).toBe(2)
  })
})
