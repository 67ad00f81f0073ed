/**
 * Which pairs of two labels' objects could be alike at all, without comparing every pair: objects are bucketed
 * by the grid cells their bounds touch (on the image, 0..1), and only objects that share a cell are compared.
 * Points and polylines are widened by the distance at which they still score. Objects without bounds on the
 * image (text spans, bitmasks) are compared with every object of their shape. Pure.
 */
import { DISTANCE_SCALE } from './overlap.ts'

type Bounds = [number, number, number, number]
type Placed = { shape: string; geometry: unknown }

/** Cells per side: 32 × 32 over the image. */
const CELLS = 32
const cellOf = (value: number) => Math.max(0, Math.min(CELLS - 1, Math.floor(value * CELLS)))

/** An object's bounds on the image; `aspect` (width / height) for rotated boxes, which turn in pixels. */
export function boundsOf({ shape, geometry }: Placed, aspect = 1): Bounds | null {
  const g = geometry as Record<string, unknown>
  switch (shape) {
    case 'bounding-box': {
      const { x, y, w, h } = g as { x: number; y: number; w: number; h: number }
      return [x, y, x + w, y + h]
    }
    case 'rotated-box': {
      // turned about its corner, it stays within its diagonal's reach (in pixels) of that corner
      const { x, y, w, h } = g as { x: number; y: number; w: number; h: number }
      const diagonal = Math.hypot(w * aspect, h)
      return [x - diagonal / aspect, y - diagonal, x + diagonal / aspect, y + diagonal]
    }
    case 'polygon':
    case 'polyline': {
      const points = (g as { points: ReadonlyArray<readonly [number, number]> }).points
      if (points.length === 0) return null
      const xs = points.map(([x]) => x)
      const ys = points.map(([, y]) => y)
      const pad = shape === 'polyline' ? DISTANCE_SCALE : 0
      return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad]
    }
    case 'point': {
      const { x, y } = g as { x: number; y: number }
      return [x - DISTANCE_SCALE, y - DISTANCE_SCALE, x + DISTANCE_SCALE, y + DISTANCE_SCALE]
    }
    default:
      return null
  }
}

/** Pairs [i, j] of `a` and `b` worth comparing: same shape, and bounds that share a grid cell (or no bounds). */
export function candidatePairs(a: readonly Placed[], b: readonly Placed[], aspect = 1): Array<[number, number]> {
  const grid = new Map<number, number[]>()
  const unbounded: number[] = []
  b.forEach((item, j) => {
    const bounds = boundsOf(item, aspect)
    if (!bounds) return void unbounded.push(j)
    for (let cx = cellOf(bounds[0]); cx <= cellOf(bounds[2]); cx++)
      for (let cy = cellOf(bounds[1]); cy <= cellOf(bounds[3]); cy++) {
        const key = cx * CELLS + cy
        const cell = grid.get(key)
        if (cell) cell.push(j)
        else grid.set(key, [j])
      }
  })
  const pairs: Array<[number, number]> = []
  const seen = new Int32Array(b.length).fill(-1)
  a.forEach((item, i) => {
    const take = (j: number) => {
      if (seen[j] === i || b[j]!.shape !== item.shape) return
      seen[j] = i
      pairs.push([i, j])
    }
    const bounds = boundsOf(item, aspect)
    if (!bounds) return b.forEach((_, j) => take(j))
    for (let cx = cellOf(bounds[0]); cx <= cellOf(bounds[2]); cx++)
      for (let cy = cellOf(bounds[1]); cy <= cellOf(bounds[3]); cy++) for (const j of grid.get(cx * CELLS + cy) ?? []) take(j)
    for (const j of unbounded) take(j)
  })
  return pairs
}
