/**
 * COCO, both ways. Out: a label's objects as COCO annotations in the image's pixels — boxes as `bbox`,
 * polygons (and rotated boxes' corners) as `segmentation` polygons, bitmasks as uncompressed RLE, points as
 * one keypoint — each carrying its classification answers as `attributes` and LabelOps' own geometry
 * (`labelops_geometry`) where COCO has no exact form. In: the same annotations back to label objects, reading
 * `labelops_geometry` when present and COCO's own fields otherwise. An image of unknown size is written in
 * normalised units (width = height = 1). Pure.
 */
import type { OntologyObject, OntologyStructure } from '../ontology/schema.ts'
import { rotatedCorners } from '../../quality/overlap.ts'
import { decodeCompressedRle } from './rle.ts'

export type Size = { width: number; height: number }
export type CocoCategory = { id: number; name: string; supercategory: string; labelops_feature_id: string; labelops_shape: string }
export type CocoAnnotation = {
  id: number
  image_id: number
  category_id: number
  bbox: [number, number, number, number]
  area: number
  iscrowd: 0
  segmentation: number[][] | { size: [number, number]; counts: number[] | string }
  keypoints?: number[]
  num_keypoints?: number
  attributes: unknown[]
  labelops_object_id: string
  labelops_frame?: number
  labelops_geometry?: unknown
}
export type LabelObject = { id: string; featureId: string; frame?: number; geometry: unknown; attributes?: unknown[] }

/** Stored geometry has 6 decimals; pixels keep as many, so a re-import lands on the same units. */
const fixed = (value: number) => Math.round(value * 1e6) / 1e6

/** The ontology's objects as COCO categories (ids from 1, in the ontology's order). */
export function cocoCategories(ontology: Pick<OntologyStructure, 'objects'>): CocoCategory[] {
  return ontology.objects.map((object, index) => ({
    id: index + 1,
    name: object.name,
    supercategory: object.shape,
    labelops_feature_id: object.id,
    labelops_shape: object.shape,
  }))
}

/** The size COCO coordinates are written in: the item's pixels, or 1 × 1 (normalised) when unknown. */
export const cocoSize = (width: number | null | undefined, height: number | null | undefined): Size =>
  width && height ? { width, height } : { width: 1, height: 1 }

type Pixels = Array<[number, number]>
const boundsOf = (points: Pixels): [number, number, number, number] => {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of points) {
    if (x < minX) minX = x
    if (x > maxX) maxX = x
    if (y < minY) minY = y
    if (y > maxY) maxY = y
  }
  return [fixed(minX), fixed(minY), fixed(maxX - minX), fixed(maxY - minY)]
}
const shoelace = (points: Pixels) => {
  let sum = 0
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i]!
    const [nx, ny] = points[(i + 1) % points.length]!
    sum += x * ny - nx * y
  }
  return Math.abs(sum) / 2
}
const flat = (points: Pixels) => {
  const out: number[] = new Array(points.length * 2)
  for (let i = 0; i < points.length; i++) {
    out[2 * i] = fixed(points[i]![0])
    out[2 * i + 1] = fixed(points[i]![1])
  }
  return out
}
const inPixels = (points: ReadonlyArray<readonly [number, number]>, W: number, H: number): Pixels => {
  const out: Pixels = new Array(points.length)
  for (let i = 0; i < points.length; i++) out[i] = [points[i]![0] * W, points[i]![1] * H]
  return out
}

/** A bitmask's bounding box and foreground pixel count, walked run by run (COCO's column-major order). */
function rleExtent(rle: { size: [number, number]; counts: number[] }) {
  const [h] = rle.size
  let at = 0
  let area = 0
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  rle.counts.forEach((count, index) => {
    if (index % 2 === 1 && count > 0) {
      area += count
      const [first, last] = [at, at + count - 1]
      const [x1, x2] = [Math.floor(first / h), Math.floor(last / h)]
      minX = Math.min(minX, x1)
      maxX = Math.max(maxX, x2)
      // a run spanning columns covers every row between
      minY = Math.min(minY, x1 === x2 ? first % h : 0)
      maxY = Math.max(maxY, x1 === x2 ? last % h : h - 1)
    }
    at += count
  })
  return area === 0 ? { area, box: [0, 0, 0, 0] as const } : { area, box: [minX, minY, maxX - minX + 1, maxY - minY + 1] as const }
}

/**
 * One object as a COCO annotation, or null for a shape COCO cannot place on an image (text spans).
 */
export function toCocoAnnotation(
  object: LabelObject,
  shape: OntologyObject['shape'],
  ids: { annotation: number; image: number; category: number },
  size: Size,
): CocoAnnotation | null {
  const { width: W, height: H } = size
  const g = object.geometry as Record<string, number> & {
    points?: Array<[number, number]>
    rle?: { size: [number, number]; counts: number[] }
  }
  let bbox: CocoAnnotation['bbox']
  let area = 0
  let segmentation: CocoAnnotation['segmentation'] = []
  let exact = false
  let keypoint = false
  switch (shape) {
    case 'bounding-box': {
      const [x1, y1, x2, y2] = [g.x! * W, g.y! * H, (g.x! + g.w!) * W, (g.y! + g.h!) * H]
      bbox = [fixed(x1), fixed(y1), fixed(g.w! * W), fixed(g.h! * H)]
      area = fixed(g.w! * W * g.h! * H)
      segmentation = [[fixed(x1), fixed(y1), fixed(x2), fixed(y1), fixed(x2), fixed(y2), fixed(x1), fixed(y2)]]
      break
    }
    case 'rotated-box': {
      const corners = inPixels(rotatedCorners(g as never, W / H), H, H)
      bbox = boundsOf(corners)
      area = fixed(g.w! * W * g.h! * H)
      segmentation = [flat(corners)]
      exact = true
      break
    }
    case 'polygon': {
      const points = inPixels(g.points!, W, H)
      bbox = boundsOf(points)
      area = fixed(shoelace(points))
      segmentation = [flat(points)]
      break
    }
    case 'polyline':
      bbox = boundsOf(inPixels(g.points!, W, H))
      exact = true
      break
    case 'point':
      bbox = [fixed(g.x! * W), fixed(g.y! * H), 0, 0]
      keypoint = true
      break
    case 'bitmask': {
      const rle = g.rle!
      const extent = rleExtent(rle)
      // the mask's own grid scaled onto the image's pixels
      const [sx, sy] = [W / rle.size[1], H / rle.size[0]]
      const box = extent.box
      bbox = [fixed(box[0] * sx), fixed(box[1] * sy), fixed(box[2] * sx), fixed(box[3] * sy)]
      area = fixed(extent.area * sx * sy)
      segmentation = { size: [rle.size[0], rle.size[1]], counts: rle.counts }
      break
    }
    default:
      return null // text spans: nothing to place on an image
  }
  const annotation: CocoAnnotation = {
    id: ids.annotation,
    image_id: ids.image,
    category_id: ids.category,
    bbox,
    area,
    iscrowd: 0,
    segmentation,
    attributes: object.attributes ?? [],
    labelops_object_id: object.id,
  }
  if (keypoint) {
    annotation.keypoints = [bbox[0], bbox[1], 2]
    annotation.num_keypoints = 1
  }
  if (object.frame !== undefined) annotation.labelops_frame = object.frame
  if (exact) annotation.labelops_geometry = object.geometry
  return annotation
}

/**
 * A COCO annotation back as a label object of the given shape, in normalised units; a problem (a sentence)
 * when its fields cannot make that shape. Validation against the ontology follows, as for any label.
 */
export function fromCocoAnnotation(
  annotation: Record<string, unknown>,
  shape: OntologyObject['shape'],
  featureId: string,
  size: Size,
  fallbackId: string,
): { object: LabelObject } | { problem: string } {
  const { width: W, height: H } = size
  const id = typeof annotation.labelops_object_id === 'string' ? annotation.labelops_object_id : fallbackId
  const frame = typeof annotation.labelops_frame === 'number' ? { frame: annotation.labelops_frame } : {}
  const attributes = Array.isArray(annotation.attributes) && annotation.attributes.length > 0 ? { attributes: annotation.attributes } : {}
  const object = (geometry: unknown) => ({ object: { id, featureId, ...frame, geometry, ...attributes } })
  if (annotation.labelops_geometry !== undefined) return object(annotation.labelops_geometry)
  const unit = (value: number, of: number) => Number(Math.min(1, Math.max(0, value / of)).toFixed(6))
  const segmentation = annotation.segmentation
  switch (shape) {
    case 'bounding-box': {
      const bbox = annotation.bbox
      if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number'))
        return { problem: 'bbox must be [x, y, width, height] in pixels' }
      const [x, y, w, h] = bbox as number[]
      return object({ x: unit(x!, W), y: unit(y!, H), w: unit(w!, W), h: unit(h!, H) })
    }
    case 'polygon': {
      const ring = Array.isArray(segmentation) ? segmentation[0] : undefined
      if (!Array.isArray(ring) || ring.length < 6 || ring.length % 2 !== 0 || !ring.every((v) => typeof v === 'number'))
        return { problem: 'segmentation must hold a polygon [[x1, y1, x2, y2, ...]] of at least 3 points' }
      if ((segmentation as unknown[]).length > 1) return { problem: 'segmentation has several polygons; a LabelOps polygon is one outline' }
      const points: Array<[number, number]> = []
      for (let i = 0; i < ring.length; i += 2) points.push([unit(ring[i] as number, W), unit(ring[i + 1] as number, H)])
      return object({ points })
    }
    case 'point': {
      const keypoints = annotation.keypoints
      if (!Array.isArray(keypoints) || keypoints.length < 2) return { problem: 'keypoints must hold [x, y, visibility]' }
      return object({ x: unit(keypoints[0] as number, W), y: unit(keypoints[1] as number, H) })
    }
    case 'bitmask': {
      const rle = segmentation as { size?: unknown; counts?: unknown } | undefined
      if (!rle || Array.isArray(rle) || !Array.isArray(rle.size))
        return { problem: 'segmentation must be RLE: { size: [height, width], counts }' }
      const counts = typeof rle.counts === 'string' ? decodeCompressedRle(rle.counts) : rle.counts
      if (!Array.isArray(counts)) return { problem: 'segmentation.counts must be a list of run lengths or a compressed RLE string' }
      return object({ rle: { size: rle.size, counts } })
    }
    default:
      return { problem: `a ${shape} has no COCO form; export it from LabelOps (it carries labelops_geometry) to import it back` }
  }
}
