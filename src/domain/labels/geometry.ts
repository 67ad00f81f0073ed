/**
 * The label editor's geometry, pure: label geometry is normalised to 0..1 of the data unit (what
 * validate.ts accepts); the screen shows the image scaled and panned. Everything here works in one of three
 * spaces — screen pixels, image pixels, normalised units — and says which.
 */

export type Vec = { x: number; y: number }
export type Size = { width: number; height: number }
/** screen = image pixel × scale + offset */
export type View = { scale: number; x: number; y: number }
export type Box = { x: number; y: number; w: number; h: number }
export type PointList = Array<[number, number]>

export const MIN_SCALE = 0.05
export const MAX_SCALE = 40
/** geometry is stored with this many decimals (a 100,000 px image still lands on a pixel) */
const DECIMALS = 6

export const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
export const clampUnit = (value: number) => clamp(value, 0, 1)
export const round = (value: number) => Number(value.toFixed(DECIMALS))

/** A screen position (relative to the canvas) in image pixels. */
export function screenToImage(point: Vec, view: View): Vec {
  return { x: (point.x - view.x) / view.scale, y: (point.y - view.y) / view.scale }
}

export function imageToScreen(point: Vec, view: View): Vec {
  return { x: point.x * view.scale + view.x, y: point.y * view.scale + view.y }
}

/** Image pixels to normalised units (not clamped: a drag may leave the image; clamp when storing). */
export function imageToUnit(point: Vec, size: Size): Vec {
  return { x: point.x / size.width, y: point.y / size.height }
}

export function unitToImage(point: Vec, size: Size): Vec {
  return { x: point.x * size.width, y: point.y * size.height }
}

export const screenToUnit = (point: Vec, view: View, size: Size) => imageToUnit(screenToImage(point, view), size)
export const unitToScreen = (point: Vec, view: View, size: Size) => imageToScreen(unitToImage(point, size), view)

/** The view that shows the whole image centred in the container, with `padding` screen pixels around it. */
export function fitView(image: Size, container: Size, padding = 16): View {
  const scale = clamp(
    Math.min((container.width - 2 * padding) / image.width, (container.height - 2 * padding) / image.height),
    MIN_SCALE,
    MAX_SCALE,
  )
  return { scale, x: (container.width - image.width * scale) / 2, y: (container.height - image.height * scale) / 2 }
}

/** Zooms by `factor` around a screen point, which stays over the same image pixel. */
export function zoomAt(view: View, anchor: Vec, factor: number): View {
  const scale = clamp(view.scale * factor, MIN_SCALE, MAX_SCALE)
  const under = screenToImage(anchor, view)
  return { scale, x: anchor.x - under.x * scale, y: anchor.y - under.y * scale }
}

/** The zoom factor of one wheel event: smooth for trackpads, one 10 % step per mouse notch. */
export function wheelFactor(deltaY: number): number {
  return Math.exp(-clamp(deltaY, -100, 100) / 500)
}

export const panBy = (view: View, dx: number, dy: number): View => ({ ...view, x: view.x + dx, y: view.y + dy })

/** A box from two corners dragged in any direction, clipped to the image, rounded. */
export function boxFromCorners(a: Vec, b: Vec): Box {
  const x1 = clampUnit(Math.min(a.x, b.x))
  const y1 = clampUnit(Math.min(a.y, b.y))
  const x2 = clampUnit(Math.max(a.x, b.x))
  const y2 = clampUnit(Math.max(a.y, b.y))
  const x = round(x1)
  const y = round(y1)
  // rounding must not push the far edge past 1
  return { x, y, w: round(Math.min(x2 - x1, 1 - x)), h: round(Math.min(y2 - y1, 1 - y)) }
}

/** Any box (negative width or height, outside the image) made valid: corners ordered, inside 0..1. */
export function normaliseBox(box: Box): Box {
  return boxFromCorners({ x: box.x, y: box.y }, { x: box.x + box.w, y: box.y + box.h })
}

/** Whether a drawn box is too small to be meant (a click, not a drag): under `minPx` screen pixels either way. */
export function isAccidentalBox(box: Box, size: Size, view: View, minPx = 4): boolean {
  return box.w * size.width * view.scale < minPx || box.h * size.height * view.scale < minPx
}

export type Corner = 'nw' | 'ne' | 'sw' | 'se'

/** Resizes a box by dragging one corner to `to`: the opposite corner stays put (dragging past it flips). */
export function resizeBox(box: Box, corner: Corner, to: Vec): Box {
  const fixed = {
    x: corner === 'nw' || corner === 'sw' ? box.x + box.w : box.x,
    y: corner === 'nw' || corner === 'ne' ? box.y + box.h : box.y,
  }
  return boxFromCorners(fixed, to)
}

export function boxCorners(box: Box): Record<Corner, Vec> {
  return {
    nw: { x: box.x, y: box.y },
    ne: { x: box.x + box.w, y: box.y },
    sw: { x: box.x, y: box.y + box.h },
    se: { x: box.x + box.w, y: box.y + box.h },
  }
}

export function boundsOf(points: PointList): Box {
  const xs = points.map(([x]) => x)
  const ys = points.map(([, y]) => y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}

/** The move (dx, dy) cut down so that a shape with these bounds stays inside the image. */
export function clampDelta(bounds: Box, dx: number, dy: number): Vec {
  return { x: clamp(dx, -bounds.x, 1 - bounds.x - bounds.w), y: clamp(dy, -bounds.y, 1 - bounds.y - bounds.h) }
}

export const clampPoint = (point: Vec): Vec => ({ x: round(clampUnit(point.x)), y: round(clampUnit(point.y)) })

/** A new vertex list where vertex `index` sits at `to` (clamped to the image). */
export function moveVertex(points: PointList, index: number, to: Vec): PointList {
  const at = clampPoint(to)
  return points.map((point, i) => (i === index ? [at.x, at.y] : point))
}

/** Inserts a vertex after `index` (on the edge from `index` to the next), clamped. */
export function insertVertex(points: PointList, index: number, at: Vec): PointList {
  const p = clampPoint(at)
  return [...points.slice(0, index + 1), [p.x, p.y], ...points.slice(index + 1)]
}

/** Removes a vertex unless the shape would drop below `min` vertices (3 for polygons, 2 for polylines). */
export function removeVertex(points: PointList, index: number, min: number): PointList {
  return points.length <= min ? points : points.filter((_, i) => i !== index)
}

/** Drops consecutive duplicates (a double click adds the same point twice) and rounds. */
export function cleanPoints(points: PointList, epsilon = 1e-6): PointList {
  const out: PointList = []
  for (const [x, y] of points) {
    const p: [number, number] = [round(clampUnit(x)), round(clampUnit(y))]
    const last = out[out.length - 1]
    if (!last || Math.abs(last[0] - p[0]) > epsilon || Math.abs(last[1] - p[1]) > epsilon) out.push(p)
  }
  return out
}

/**
 * Whether a click at `cursor` (screen pixels) closes the polygon being drawn: it has at least three vertices
 * and the click lands within `radiusPx` of the first one on screen.
 */
export function closesPolygon(points: PointList, cursor: Vec, view: View, size: Size, radiusPx = 8): boolean {
  if (points.length < 3) return false
  const first = unitToScreen({ x: points[0]![0], y: points[0]![1] }, view, size)
  return Math.hypot(first.x - cursor.x, first.y - cursor.y) <= radiusPx
}

/** What finishing a drawn point list gives: the cleaned vertices, or why it is not a shape yet. */
export function finishPoints(points: PointList, shape: 'polygon' | 'polyline'): { points: PointList } | { problem: string } {
  const cleaned = cleanPoints(points)
  // a polygon closed on its first vertex does not repeat it
  if (shape === 'polygon' && cleaned.length > 1) {
    const [fx, fy] = cleaned[0]!
    const [lx, ly] = cleaned[cleaned.length - 1]!
    if (Math.abs(fx - lx) < 1e-6 && Math.abs(fy - ly) < 1e-6) cleaned.pop()
  }
  const min = shape === 'polygon' ? 3 : 2
  if (cleaned.length < min) return { problem: `a ${shape} needs at least ${min} points` }
  return { points: cleaned }
}

// ---------------------------------------------------------------------------------------------- hit tests

/** Ray casting: whether a point lies inside a polygon (points on the edge may go either way). */
export function pointInPolygon(point: Vec, polygon: PointList): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!
    const [xj, yj] = polygon[j]!
    if (yi > point.y !== yj > point.y && point.x < ((xj - xi) * (point.y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

export function pointInBox(point: Vec, box: Box, tolerance = 0): boolean {
  return (
    point.x >= box.x - tolerance &&
    point.x <= box.x + box.w + tolerance &&
    point.y >= box.y - tolerance &&
    point.y <= box.y + box.h + tolerance
  )
}

/** Distance from a point to the segment a–b. */
export function distanceToSegment(p: Vec, a: Vec, b: Vec): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length2 = dx * dx + dy * dy
  const t = length2 === 0 ? 0 : clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0, 1)
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}

export type DrawnGeometry =
  | { shape: 'bounding-box'; geometry: Box }
  | { shape: 'rotated-box'; geometry: Box & { theta: number } }
  | { shape: 'polygon' | 'polyline'; geometry: { points: PointList } }
  | { shape: 'point'; geometry: Vec }

/**
 * Whether a click at `at` hits a shape; everything in image pixels (so a tolerance means the same
 * everywhere on a non-square image). Lines and points are hit within `tolerance`.
 */
export function hitsShape(item: DrawnGeometry, at: Vec, size: Size, tolerance: number): boolean {
  const px = (x: number, y: number): Vec => ({ x: x * size.width, y: y * size.height })
  switch (item.shape) {
    case 'bounding-box':
    case 'rotated-box': {
      const { x, y, w, h } = item.geometry
      const theta = item.shape === 'rotated-box' ? item.geometry.theta : 0
      // a rotated box turns about its top-left corner (as Konva draws it): rotate the click back
      const origin = px(x, y)
      const rad = (-theta * Math.PI) / 180
      const dx = at.x - origin.x
      const dy = at.y - origin.y
      const local = { x: dx * Math.cos(rad) - dy * Math.sin(rad), y: dx * Math.sin(rad) + dy * Math.cos(rad) }
      return pointInBox(local, { x: 0, y: 0, w: w * size.width, h: h * size.height }, tolerance)
    }
    case 'polygon': {
      const points = item.geometry.points.map(([x, y]) => [x * size.width, y * size.height] as [number, number])
      return pointInPolygon(at, points) || nearPolyline(at, [...points, points[0]!], tolerance)
    }
    case 'polyline':
      return nearPolyline(
        at,
        item.geometry.points.map(([x, y]) => [x * size.width, y * size.height] as [number, number]),
        tolerance,
      )
    case 'point': {
      const p = px(item.geometry.x, item.geometry.y)
      return Math.hypot(p.x - at.x, p.y - at.y) <= tolerance
    }
  }
}

function nearPolyline(at: Vec, points: PointList, tolerance: number): boolean {
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!
    const [bx, by] = points[i]!
    if (distanceToSegment(at, { x: ax, y: ay }, { x: bx, y: by }) <= tolerance) return true
  }
  return false
}

/** Area in image pixels² (0 for lines and points): among overlapping hits the smallest shape wins. */
export function areaOf(item: DrawnGeometry, size: Size): number {
  switch (item.shape) {
    case 'bounding-box':
    case 'rotated-box':
      return item.geometry.w * size.width * item.geometry.h * size.height
    case 'polygon': {
      const points = item.geometry.points
      let sum = 0
      for (let i = 0, j = points.length - 1; i < points.length; j = i++)
        sum += (points[j]![0] + points[i]![0]) * (points[j]![1] - points[i]![1])
      return Math.abs(sum / 2) * size.width * size.height
    }
    default:
      return 0
  }
}

/**
 * The shape a click selects: of all shapes hit, the one with the smallest area (points and lines first),
 * the later-drawn on a tie; `at` in image pixels, `tolerance` in image pixels. Undefined when none is hit.
 */
export function pickShape<T extends DrawnGeometry & { id: string }>(items: readonly T[], at: Vec, size: Size, tolerance: number) {
  let best: { id: string; area: number } | undefined
  items.forEach((item) => {
    if (!hitsShape(item, at, size, tolerance)) return
    const area = areaOf(item, size)
    if (!best || area <= best.area) best = { id: item.id, area }
  })
  return best?.id
}

/** Moves a whole shape by (dx, dy) normalised units, cut down so that all of it stays inside the image. */
export function translateGeometry<T extends DrawnGeometry>(item: T, dx: number, dy: number): T['geometry'] {
  switch (item.shape) {
    case 'bounding-box':
    case 'rotated-box': {
      const d = clampDelta(item.geometry, dx, dy)
      return { ...item.geometry, x: round(item.geometry.x + d.x), y: round(item.geometry.y + d.y) }
    }
    case 'polygon':
    case 'polyline': {
      const d = clampDelta(boundsOf(item.geometry.points), dx, dy)
      return { points: item.geometry.points.map(([x, y]) => [round(clampUnit(x + d.x)), round(clampUnit(y + d.y))]) }
    }
    case 'point':
      return clampPoint({ x: item.geometry.x + dx, y: item.geometry.y + dy })
  }
}
