/**
 * Durations (time spent on a task action) are kept in rollups as a histogram over fixed buckets, so the
 * p50 / p90 of any window is read from summed counts, never from the raw rows. The buckets are finer where
 * annotation work usually falls (seconds to a few minutes) and coarse beyond an hour. Pure.
 */

/** The lower edge of each bucket, in milliseconds; the last bucket is open-ended. */
export const DURATION_EDGES_MS = [
  0, 2_000, 5_000, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 240_000, 300_000, 450_000, 600_000, 900_000,
  1_200_000, 1_800_000, 2_700_000, 3_600_000, 5_400_000, 7_200_000, 14_400_000,
] as const

export const DURATION_BUCKETS = DURATION_EDGES_MS.length

/** The names of the histogram's counts where rollups keep them, one per bucket: d00, d01, … */
export const DURATION_FIELDS = DURATION_EDGES_MS.map((_, bucket) => `d${String(bucket).padStart(2, '0')}`)

/** The bucket a duration falls in (negative durations are not recorded: bucket 0). */
export function durationBucket(ms: number): number {
  let bucket = 0
  for (let index = 1; index < DURATION_EDGES_MS.length; index++) if (ms >= DURATION_EDGES_MS[index]!) bucket = index
  return bucket
}

/** An empty histogram, one count per bucket. */
export const emptyHistogram = (): number[] => Array.from({ length: DURATION_BUCKETS }, () => 0)

/**
 * The q-quantile (0 < q ≤ 1) of the durations a histogram counts: the bucket holding the ⌈q·n⌉-th smallest
 * duration, interpolated linearly inside it (the k-th of the bucket's c durations sits at lower + (k − ½)/c of
 * its width). The open-ended last bucket answers its lower edge. Null when the histogram is empty.
 */
export function histogramQuantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0)
  if (total === 0) return null
  const rank = Math.max(1, Math.ceil(q * total))
  let seen = 0
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const count = counts[bucket] ?? 0
    if (seen + count >= rank) {
      const lower = DURATION_EDGES_MS[bucket]!
      const upper = DURATION_EDGES_MS[bucket + 1]
      if (upper === undefined) return lower
      return Math.round(lower + ((rank - seen - 0.5) / count) * (upper - lower))
    }
    seen += count
  }
  return DURATION_EDGES_MS[DURATION_EDGES_MS.length - 1]!
}

/** Adds a histogram into another, bucket by bucket. */
export function addHistogram(into: number[], histogram: readonly number[]): void {
  for (let bucket = 0; bucket < histogram.length; bucket++) into[bucket] = (into[bucket] ?? 0) + histogram[bucket]!
}
