import { describe, expect, it } from 'vitest'

import {
  addHistogram,
  DURATION_BUCKETS,
  DURATION_EDGES_MS,
  DURATION_FIELDS,
  durationBucket,
  emptyHistogram,
  histogramQuantile,
} from '../../src/domain/analytics/durations.ts'

const histogramOf = (durations: number[]) => {
  const counts = emptyHistogram()
  for (const ms of durations) counts[durationBucket(ms)]! += 1
  return counts
}

describe('duration histograms', () => {
  it('puts a duration in the bucket whose lower edge it reaches, edges included', () => {
    expect(durationBucket(0)).toBe(0)
    expect(durationBucket(1_999)).toBe(0)
    expect(durationBucket(2_000)).toBe(1)
    expect(durationBucket(59_999)).toBe(DURATION_EDGES_MS.indexOf(45_000))
    expect(durationBucket(60_000)).toBe(DURATION_EDGES_MS.indexOf(60_000))
    expect(durationBucket(10 * 86_400_000)).toBe(DURATION_BUCKETS - 1)
    expect(DURATION_FIELDS).toHaveLength(DURATION_BUCKETS)
    expect(DURATION_FIELDS[0]).toBe('d00')
    expect(DURATION_FIELDS.at(-1)).toBe(`d${DURATION_BUCKETS - 1}`)
  })

  it('reads quantiles from the counts, interpolated inside the bucket', () => {
    // ten durations in 30–45 s: the k-th sits at 30 s + (k − ½)/10 of 15 s
    const counts = histogramOf(Array.from({ length: 10 }, (_, i) => 30_000 + i * 1_000))
    expect(histogramQuantile(counts, 0.5)).toBe(30_000 + 4.5 * 1_500) // the 5th of 10
    expect(histogramQuantile(counts, 0.9)).toBe(30_000 + 8.5 * 1_500) // the 9th
    expect(histogramQuantile(counts, 1)).toBe(30_000 + 9.5 * 1_500)
    // two buckets: 3 short ones (2–5 s) and 1 long one (10–15 min): p50 is the 2nd short, p90 the long one
    const mixed = histogramOf([2_500, 3_000, 4_000, 700_000])
    expect(histogramQuantile(mixed, 0.5)).toBe(2_000 + 1.5 * 1_000)
    expect(histogramQuantile(mixed, 0.9)).toBe(600_000 + 0.5 * 300_000)
    // the open-ended last bucket answers its lower edge; nothing counted answers null
    expect(histogramQuantile(histogramOf([9 * 3_600_000]), 0.5)).toBe(DURATION_EDGES_MS.at(-1))
    expect(histogramQuantile(emptyHistogram(), 0.5)).toBeNull()
  })

  it('adds histograms bucket by bucket', () => {
    const a = histogramOf([1_000, 40_000])
    const b = histogramOf([1_500, 700_000])
    addHistogram(a, b)
    expect(a).toEqual(histogramOf([1_000, 40_000, 1_500, 700_000]))
    expect(b).toEqual(histogramOf([1_500, 700_000])) // the one added is left as it was
  })
})
