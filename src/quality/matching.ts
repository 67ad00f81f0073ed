/**
 * One-to-one matching of two labels' objects by optimal assignment (a maintained linear-sum-assignment
 * library): first within each class — the pairs that maximise the summed similarity, each at least the
 * threshold —, then what is left across classes, which flags the same thing drawn as different classes. Objects
 * of different shapes, or on different frames of a video, never match. Pure.
 */
import { linearSumAssignment } from 'linear-sum-assignment'

import { bitmaskIoU, boxIoU, pointScore, polygonIoU, polylineScore, rotatedBoxIoU, spanIoU } from './overlap.ts'
import type { Box, Point, PointList, Rle, RotatedBox, Span } from './overlap.ts'

export type Drawn = { id: string; featureId: string; shape: string; geometry: unknown; frame?: number | null }
export type Pair = { a: string; b: string; score: number }
export type Matching = {
  /** same class, similarity at least the threshold */
  matches: Pair[]
  /** the same object (by similarity) labelled with different classes */
  classMismatches: Pair[]
  unmatchedA: string[]
  unmatchedB: string[]
}
export type MatchOptions = {
  /** the least similarity (IoU for areas) that counts as the same object @default 0.5 */
  threshold?: number
  /** the image's width / height, for rotated boxes @default 1 */
  aspect?: number
}

/** IoU for areas and spans, a distance score for points and lines; 0 across shapes or frames. */
export function similarity(a: Drawn, b: Drawn, aspect = 1): number {
  if (a.shape !== b.shape || (a.frame ?? null) !== (b.frame ?? null)) return 0
  switch (a.shape) {
    case 'bounding-box':
      return boxIoU(a.geometry as Box, b.geometry as Box)
    case 'rotated-box':
      return rotatedBoxIoU(a.geometry as RotatedBox, b.geometry as RotatedBox, aspect)
    case 'polygon':
      return polygonIoU((a.geometry as { points: PointList }).points, (b.geometry as { points: PointList }).points)
    case 'polyline':
      return polylineScore((a.geometry as { points: PointList }).points, (b.geometry as { points: PointList }).points)
    case 'point':
      return pointScore(a.geometry as Point, b.geometry as Point)
    case 'bitmask':
      return bitmaskIoU((a.geometry as { rle: Rle }).rle, (b.geometry as { rle: Rle }).rle)
    case 'text-span':
      return spanIoU(a.geometry as Span, b.geometry as Span)
    default:
      return 0
  }
}

export function matchObjects(a: readonly Drawn[], b: readonly Drawn[], { threshold = 0.5, aspect = 1 }: MatchOptions = {}): Matching {
  const scores = a.map((left) => b.map((right) => similarity(left, right, aspect)))
  const sameClass = assign(a, b, scores, threshold, (i, j) => a[i]!.featureId === b[j]!.featureId)
  const takenA = new Set(sameClass.map(([i]) => i))
  const takenB = new Set(sameClass.map(([, j]) => j))
  const across = assign(a, b, scores, threshold, (i, j) => !takenA.has(i) && !takenB.has(j) && a[i]!.featureId !== b[j]!.featureId)
  for (const [i, j] of across) {
    takenA.add(i)
    takenB.add(j)
  }
  const pair = ([i, j]: [number, number]): Pair => ({ a: a[i]!.id, b: b[j]!.id, score: scores[i]![j]! })
  return {
    matches: sameClass.map(pair),
    classMismatches: across.map(pair),
    unmatchedA: a.filter((_, i) => !takenA.has(i)).map((item) => item.id),
    unmatchedB: b.filter((_, j) => !takenB.has(j)).map((item) => item.id),
  }
}

/** The optimal pairs among the allowed ones scoring at least the threshold (disallowed pairs cost more than any match). */
function assign(
  a: readonly Drawn[],
  b: readonly Drawn[],
  scores: number[][],
  threshold: number,
  allowed: (i: number, j: number) => boolean,
): Array<[number, number]> {
  if (a.length === 0 || b.length === 0) return []
  const usable = (i: number, j: number) => allowed(i, j) && scores[i]![j]! >= threshold && scores[i]![j]! > 0
  const cost = scores.map((row, i) => row.map((score, j) => (usable(i, j) ? 1 - score : 2)))
  if (!cost.some((row) => row.some((value) => value <= 1))) return []
  const { rowAssignments } = linearSumAssignment(cost, { maximaze: false })
  const pairs: Array<[number, number]> = []
  rowAssignments.forEach((column, i) => {
    if (column >= 0 && usable(i, column)) pairs.push([i, column])
  })
  return pairs
}
