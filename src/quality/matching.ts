/**
 * One-to-one matching of two labels' objects by optimal assignment (a maintained linear-sum-assignment
 * library) over the pairs that could overlap at all: first within each class — the pairs that maximise the summed similarity, each at least the
 * threshold —, then what is left across classes, which flags the same thing drawn as different classes. Objects
 * of different shapes, or on different frames of a video, never match. Pure.
 */
import { linearSumAssignment } from 'linear-sum-assignment'

import { candidatePairs } from './candidates.ts'
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
  // only pairs that could overlap are scored (src/quality/candidates.ts); only those at the threshold can match
  const edges = candidatePairs(a, b, aspect)
    .map(([i, j]): Edge => ({ i, j, score: similarity(a[i]!, b[j]!, aspect) }))
    .filter((edge) => edge.score > 0 && edge.score >= threshold)
  const sameClass = assign(edges.filter((edge) => a[edge.i]!.featureId === b[edge.j]!.featureId))
  const takenA = new Set(sameClass.map((edge) => edge.i))
  const takenB = new Set(sameClass.map((edge) => edge.j))
  const across = assign(edges.filter((edge) => !takenA.has(edge.i) && !takenB.has(edge.j) && a[edge.i]!.featureId !== b[edge.j]!.featureId))
  for (const edge of across) {
    takenA.add(edge.i)
    takenB.add(edge.j)
  }
  const pair = (edge: Edge): Pair => ({ a: a[edge.i]!.id, b: b[edge.j]!.id, score: edge.score })
  return {
    matches: sameClass.map(pair),
    classMismatches: across.map(pair),
    unmatchedA: a.filter((_, i) => !takenA.has(i)).map((item) => item.id),
    unmatchedB: b.filter((_, j) => !takenB.has(j)).map((item) => item.id),
  }
}

type Edge = { i: number; j: number; score: number }

/**
 * The optimal pairs among the usable edges: the most pairs, then the highest summed score. Solved per connected
 * component (objects linked by usable pairs) — in a busy scene most are a single pair — by linear sum
 * assignment over that component alone, with unusable pairs costing more than any usable one.
 */
function assign(edges: readonly Edge[]): Edge[] {
  const parent = new Map<string, string>()
  const find = (node: string): string => {
    let root = node
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!
    parent.set(node, root)
    return root
  }
  for (const { i, j } of edges) {
    const [left, right] = [find(`a${i}`), find(`b${j}`)]
    if (left !== right) parent.set(left, right)
  }
  const components = new Map<string, Edge[]>()
  for (const edge of edges) {
    const root = find(`a${edge.i}`)
    const component = components.get(root)
    if (component) component.push(edge)
    else components.set(root, [edge])
  }
  const chosen: Edge[] = []
  for (const component of components.values()) {
    if (component.length === 1) {
      chosen.push(component[0]!)
      continue
    }
    const rows = [...new Set(component.map((edge) => edge.i))]
    const columns = [...new Set(component.map((edge) => edge.j))]
    const rowAt = new Map(rows.map((row, at) => [row, at]))
    const columnAt = new Map(columns.map((column, at) => [column, at]))
    const cost = rows.map(() => columns.map(() => 2))
    const byCell = new Map<string, Edge>()
    for (const edge of component) {
      cost[rowAt.get(edge.i)!]![columnAt.get(edge.j)!] = 1 - edge.score
      byCell.set(`${rowAt.get(edge.i)}:${columnAt.get(edge.j)}`, edge)
    }
    const { rowAssignments } = linearSumAssignment(cost, { maximaze: false })
    rowAssignments.forEach((column, row) => {
      const edge = column >= 0 ? byCell.get(`${row}:${column}`) : undefined
      if (edge) chosen.push(edge)
    })
  }
  return chosen
}
