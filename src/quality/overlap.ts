/**
 * How alike two drawn objects of one shape are, from 0 (nothing in common) to 1 (the same): intersection over
 * union for areas (boxes, rotated boxes, polygons, bitmasks) and text spans, a distance score for points and
 * polylines. Geometry is in the label's own units (0..1 of the image; characters for text); rotated boxes turn
 * about their top-left corner in pixels, as the editor draws them, so their corners need the image's aspect
 * ratio (width / height; 1 when unknown). Pure.
 */
import { intersection, union } from 'polyclip-ts'

export type Box = { x: number; y: number; w: number; h: number }
export type RotatedBox = Box & { theta: number }
export type Point = { x: number; y: number }
export type PointList = ReadonlyArray<readonly [number, number]>
export type Rle = { size: readonly [number, number]; counts: readonly number[] }
export type Span = { start: number; end: number }

/** Points and polylines this far apart (0..1 of the image) score 0; closer ones score linearly up to 1. */
export const DISTANCE_SCALE = 0.05

const iou = (inter: number, a: number, b: number) => {
  const unionArea = a + b - inter
  return unionArea <= 0 ? 0 : Math.min(1, Math.max(0, inter / unionArea))
}

export function boxIoU(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  return iou(Math.max(0, w) * Math.max(0, h), a.w * a.h, b.w * b.h)
}

/** A rotated box's corners, in units of the image's height (x scaled by the aspect ratio): a true rectangle. */
export function rotatedCorners({ x, y, w, h, theta }: RotatedBox, aspect = 1): Array<[number, number]> {
  const rad = (theta * Math.PI) / 180
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)]
  const origin: [number, number] = [x * aspect, y]
  const corner = (dx: number, dy: number): [number, number] => [origin[0] + dx * cos - dy * sin, origin[1] + dx * sin + dy * cos]
  return [corner(0, 0), corner(w * aspect, 0), corner(w * aspect, h), corner(0, h)]
}

export function rotatedBoxIoU(a: RotatedBox, b: RotatedBox, aspect = 1): number {
  return polygonIoU(rotatedCorners(a, aspect), rotatedCorners(b, aspect))
}

/** Outlines enclosing less area than this (of the unit image) count as enclosing none. */
const MIN_AREA = 1e-12

/** Polygons by a maintained clipping library (self-intersecting outlines are taken as the area they enclose). */
export function polygonIoU(a: PointList, b: PointList): number {
  const ringA = closed(a)
  const ringB = closed(b)
  // an outline that encloses no area (collinear or coincident corners) overlaps nothing
  if (!ringA || !ringB || Math.abs(shoelace(ringA)) < MIN_AREA || Math.abs(shoelace(ringB)) < MIN_AREA) return 0
  try {
    const inter = areaOfMulti(intersection([ringA], [ringB]))
    if (inter === 0) return 0
    return Math.min(1, inter / areaOfMulti(union([ringA], [ringB])))
  } catch {
    // the clipping library gives up on some near-degenerate outlines; a score never fails a review: no overlap
    return 0
  }
}

/**
 * Bitmasks as run-length encoding (COCO's: runs alternate background and foreground, the first is background;
 * masks of different sizes do not overlap). The runs are walked together: no mask is ever expanded.
 */
export function bitmaskIoU(a: Rle, b: Rle): number {
  if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1]) return 0
  const runsA = foreground(a.counts)
  const runsB = foreground(b.counts)
  let inter = 0
  let i = 0
  let j = 0
  while (i < runsA.length && j < runsB.length) {
    const [startA, endA] = runsA[i]!
    const [startB, endB] = runsB[j]!
    inter += Math.max(0, Math.min(endA, endB) - Math.max(startA, startB))
    if (endA < endB) i++
    else j++
  }
  const area = (runs: Array<[number, number]>) => runs.reduce((sum, [start, end]) => sum + end - start, 0)
  return iou(inter, area(runsA), area(runsB))
}

/** Text spans (end exclusive): shared characters over covered characters. */
export function spanIoU(a: Span, b: Span): number {
  return iou(Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)), a.end - a.start, b.end - b.start)
}

/** 1 for the same point, falling linearly to 0 at `scale` apart. */
export function pointScore(a: Point, b: Point, scale = DISTANCE_SCALE): number {
  return Math.max(0, 1 - Math.hypot(a.x - b.x, a.y - b.y) / scale)
}

/**
 * Polylines: the mean distance from each line's vertices to the other line (both ways, so it is symmetric),
 * scored like points.
 */
export function polylineScore(a: PointList, b: PointList, scale = DISTANCE_SCALE): number {
  if (a.length === 0 || b.length === 0) return 0
  const mean = (from: PointList, to: PointList) => from.reduce((sum, point) => sum + distanceToLine(point, to), 0) / from.length
  return Math.max(0, 1 - (mean(a, b) + mean(b, a)) / 2 / scale)
}

function distanceToLine([px, py]: readonly [number, number], line: PointList): number {
  if (line.length === 1) return Math.hypot(px - line[0]![0], py - line[0]![1])
  let best = Infinity
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!
    const [bx, by] = line[i]!
    const [dx, dy] = [bx - ax, by - ay]
    const length = dx * dx + dy * dy
    const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length))
    best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
  }
  return best
}

/** A ring for the clipping library: closed, with at least three distinct corners. */
function closed(points: PointList): Array<[number, number]> | null {
  const ring = points.map(([x, y]) => [x, y] as [number, number])
  if (new Set(ring.map(([x, y]) => `${x},${y}`)).size < 3) return null
  const [first, last] = [ring[0]!, ring[ring.length - 1]!]
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]])
  return ring
}

/** The area of a clipping result: its polygons' outer rings less their holes. */
function areaOfMulti(multi: ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [number, number] | readonly number[]>>>): number {
  let total = 0
  for (const polygon of multi) polygon.forEach((ring, index) => (total += (index === 0 ? 1 : -1) * Math.abs(shoelace(ring))))
  return total
}

function shoelace(ring: ReadonlyArray<readonly number[]>): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!)
  return sum / 2
}

/** Foreground runs as [start, end) offsets. */
function foreground(counts: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  let at = 0
  counts.forEach((count, index) => {
    if (index % 2 === 1 && count > 0) runs.push([at, at + count])
    at += count
  })
  return runs
}
