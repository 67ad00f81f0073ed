import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  boxFromCorners,
  cleanPoints,
  closesPolygon,
  finishPoints,
  fitView,
  imageToScreen,
  isAccidentalBox,
  moveVertex,
  normaliseBox,
  pickShape,
  pointInPolygon,
  removeVertex,
  resizeBox,
  screenToImage,
  screenToUnit,
  translateGeometry,
  unitToScreen,
  zoomAt,
  type DrawnGeometry,
} from '../../src/domain/labels/geometry.ts'
import { GEOMETRY } from '../../src/domain/labels/validate.ts'

const size = { width: 800, height: 600 }
const unit = fc.double({ min: -0.5, max: 1.5, noNaN: true })

describe('boxes', () => {
  it('normalises a box dragged in any direction and keeps it inside the image', () => {
    expect(boxFromCorners({ x: 0.6, y: 0.5 }, { x: 0.2, y: 0.1 })).toEqual({ x: 0.2, y: 0.1, w: 0.4, h: 0.4 })
    expect(boxFromCorners({ x: -0.2, y: 0.5 }, { x: 1.3, y: 1.1 })).toEqual({ x: 0, y: 0.5, w: 1, h: 0.5 })
    expect(normaliseBox({ x: 0.5, y: 0.5, w: -0.25, h: -0.5 })).toEqual({ x: 0.25, y: 0, w: 0.25, h: 0.5 })
  })

  it('every box from any two corners is one the label validator accepts (or has no area)', () => {
    fc.assert(
      fc.property(unit, unit, unit, unit, (x1, y1, x2, y2) => {
        const box = boxFromCorners({ x: x1, y: y1 }, { x: x2, y: y2 })
        const ok = GEOMETRY['bounding-box'].safeParse(box).success
        expect(ok || box.w === 0 || box.h === 0).toBe(true)
      }),
    )
  })

  it('resizes from a corner with the opposite corner fixed, flipping when dragged past it', () => {
    const box = { x: 0.2, y: 0.2, w: 0.4, h: 0.4 }
    expect(resizeBox(box, 'se', { x: 0.8, y: 0.9 })).toEqual({ x: 0.2, y: 0.2, w: 0.6, h: 0.7 })
    expect(resizeBox(box, 'nw', { x: 0.1, y: 0.1 })).toEqual({ x: 0.1, y: 0.1, w: 0.5, h: 0.5 })
    expect(resizeBox(box, 'ne', { x: 0.1, y: 0.7 })).toEqual({ x: 0.1, y: 0.6, w: 0.1, h: 0.1 })
  })

  it('tells a click from a drag by its size on screen', () => {
    const view = { scale: 1, x: 0, y: 0 }
    expect(isAccidentalBox({ x: 0.1, y: 0.1, w: 2 / 800, h: 0.2 }, size, view)).toBe(true)
    expect(isAccidentalBox({ x: 0.1, y: 0.1, w: 10 / 800, h: 10 / 600 }, size, view)).toBe(false)
    // the same box is big enough when zoomed in
    expect(isAccidentalBox({ x: 0.1, y: 0.1, w: 2 / 800, h: 2 / 600 }, size, { scale: 4, x: 0, y: 0 })).toBe(false)
  })
})

describe('screen and image coordinates under zoom and pan', () => {
  it('round-trips screen -> image -> screen', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 40, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (scale, x, y, sx, sy) => {
          const view = { scale, x, y }
          const back = imageToScreen(screenToImage({ x: sx, y: sy }, view), view)
          expect(back.x).toBeCloseTo(sx, 6)
          expect(back.y).toBeCloseTo(sy, 6)
          const unitBack = unitToScreen(screenToUnit({ x: sx, y: sy }, view, size), view, size)
          expect(unitBack.x).toBeCloseTo(sx, 6)
        },
      ),
    )
  })

  it('fits the image centred in the container', () => {
    const view = fitView(size, { width: 1000, height: 1000 }, 0)
    expect(view.scale).toBeCloseTo(1.25)
    expect(view.x).toBeCloseTo(0)
    expect(view.y).toBeCloseTo((1000 - 600 * 1.25) / 2)
  })

  it('zooms around the cursor: the image pixel under it stays under it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (scale, factor, ax, ay) => {
          const view = { scale, x: 40, y: -30 }
          const anchor = { x: ax, y: ay }
          const before = screenToImage(anchor, view)
          const after = screenToImage(anchor, zoomAt(view, anchor, factor))
          expect(after.x).toBeCloseTo(before.x, 6)
          expect(after.y).toBeCloseTo(before.y, 6)
        },
      ),
    )
  })

  it('keeps the zoom within its limits', () => {
    expect(zoomAt({ scale: 30, x: 0, y: 0 }, { x: 0, y: 0 }, 10).scale).toBe(40)
    expect(zoomAt({ scale: 0.1, x: 0, y: 0 }, { x: 0, y: 0 }, 0.01).scale).toBe(0.05)
  })
})

describe('polygons and polylines', () => {
  const view = { scale: 1, x: 0, y: 0 }
  it('closes a polygon on a click near its first vertex, once it has three', () => {
    const points: Array<[number, number]> = [
      [0.1, 0.1],
      [0.5, 0.1],
      [0.5, 0.5],
    ]
    expect(closesPolygon(points, { x: 0.1 * 800 + 5, y: 0.1 * 600 - 3 }, view, size)).toBe(true)
    expect(closesPolygon(points, { x: 0.1 * 800 + 20, y: 0.1 * 600 }, view, size)).toBe(false)
    expect(closesPolygon(points.slice(0, 2), { x: 80, y: 60 }, view, size)).toBe(false)
  })

  it('finishes drawn points: duplicates dropped, a repeated first vertex removed, too few refused', () => {
    expect(
      finishPoints(
        [
          [0.1, 0.1],
          [0.5, 0.1],
          [0.5, 0.1],
          [0.5, 0.5],
          [0.1, 0.1],
        ],
        'polygon',
      ),
    ).toEqual({
      points: [
        [0.1, 0.1],
        [0.5, 0.1],
        [0.5, 0.5],
      ],
    })
    expect(
      finishPoints(
        [
          [0.1, 0.1],
          [0.1, 0.1],
        ],
        'polyline',
      ),
    ).toEqual({ problem: 'a polyline needs at least 2 points' })
    expect(cleanPoints([[1.2, -0.1]])).toEqual([[1, 0]])
  })

  it('edits vertices inside the image and never below the minimum count', () => {
    const triangle: Array<[number, number]> = [
      [0.1, 0.1],
      [0.5, 0.1],
      [0.5, 0.5],
    ]
    expect(moveVertex(triangle, 1, { x: 1.4, y: 0.2 })[1]).toEqual([1, 0.2])
    expect(removeVertex(triangle, 0, 3)).toBe(triangle)
    expect(removeVertex(triangle, 0, 2)).toHaveLength(2)
  })

  it('tests points against polygons', () => {
    const square: Array<[number, number]> = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ]
    expect(pointInPolygon({ x: 5, y: 5 }, square)).toBe(true)
    expect(pointInPolygon({ x: 15, y: 5 }, square)).toBe(false)
  })
})

describe('selection and moving', () => {
  const shapes: Array<DrawnGeometry & { id: string }> = [
    { id: 'big', shape: 'bounding-box', geometry: { x: 0, y: 0, w: 1, h: 1 } },
    {
      id: 'small',
      shape: 'polygon',
      geometry: {
        points: [
          [0.4, 0.4],
          [0.6, 0.4],
          [0.5, 0.6],
        ],
      },
    },
    {
      id: 'line',
      shape: 'polyline',
      geometry: {
        points: [
          [0.1, 0.9],
          [0.9, 0.9],
        ],
      },
    },
    { id: 'dot', shape: 'point', geometry: { x: 0.2, y: 0.2 } },
  ]
  it('picks the smallest shape under the click; lines and points within the tolerance', () => {
    expect(pickShape(shapes, { x: 400, y: 280 }, size, 4)).toBe('small')
    expect(pickShape(shapes, { x: 100, y: 100 }, size, 4)).toBe('big')
    expect(pickShape(shapes, { x: 300, y: 543 }, size, 4)).toBe('line')
    expect(pickShape(shapes, { x: 162, y: 121 }, size, 4)).toBe('dot')
    expect(pickShape(shapes.slice(1), { x: 700, y: 100 }, size, 4)).toBeUndefined()
  })

  it('picks a rotated box by its rotated outline', () => {
    const rotated: Array<DrawnGeometry & { id: string }> = [
      { id: 'r', shape: 'rotated-box', geometry: { x: 0.5, y: 0.5, w: 0.1, h: 0.1, theta: 90 } },
    ]
    // turned 90° about its top-left corner it lies to the left of x = 400
    expect(pickShape(rotated, { x: 380, y: 320 }, size, 0)).toBe('r')
    expect(pickShape(rotated, { x: 420, y: 320 }, size, 0)).toBeUndefined()
  })

  it('moves shapes by a delta cut down at the image border, so they stay valid', () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (dx, dy) => {
        for (const shape of shapes) {
          const moved = translateGeometry(shape, dx, dy)
          const featureShape = shape.shape
          expect(GEOMETRY[featureShape].safeParse(moved).success).toBe(true)
        }
      }),
    )
    expect(translateGeometry(shapes[1]!, 0.9, 0)).toEqual({
      points: [
        [0.8, 0.4],
        [1, 0.4],
        [0.9, 0.6],
      ],
    })
  })
})
