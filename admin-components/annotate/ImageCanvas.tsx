'use client'
// The image and its shapes on a Konva canvas. Client-only: loaded through next/dynamic with ssr: false, so
// the server never imports konva. Pointer handling is ours (one handler on the stage, the pure rules of
// src/domain/labels/geometry.ts deciding); Konva only draws.
import type Konva from 'konva'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Circle, Group, Image as KonvaImage, Layer, Line, Rect, Stage } from 'react-konva'

import {
  boxCorners,
  boxFromCorners,
  closesPolygon,
  type Corner,
  type DrawnGeometry,
  finishPoints,
  fitView,
  isAccidentalBox,
  moveVertex,
  panBy,
  pickShape,
  type PointList,
  resizeBox,
  screenToImage,
  screenToUnit,
  translateGeometry,
  unitToScreen,
  type Vec,
  type View,
  wheelFactor,
  zoomAt,
  clampPoint,
  type Box,
} from '../../src/domain/labels/geometry.ts'
import type { DrawableShape } from '../../src/domain/labels/editing.ts'
import { isTyping } from './keys.ts'
import { type CanvasVideo, useCanvasSource } from './useCanvasSource.ts'

/** How a shape is marked beyond its class colour: a reviewer's verdict, an open issue, a change since review, or not picked (muted). */
export type ShapeMark = 'approved' | 'rejected' | 'issue' | 'fixed' | 'changed' | 'muted'
export type CanvasShape = DrawnGeometry & { id: string; colour: string; name: string; mark?: ShapeMark }
export type DrawingClass = { id: string; shape: DrawableShape; colour: string; name: string }

export type ImageCanvasProps = {
  src: string
  shapes: CanvasShape[]
  /** the class being drawn; null: select and edit */
  drawing: DrawingClass | null
  selectedId: string | null
  onSelect: (id: string | null) => void
  onCreate: (featureId: string, geometry: unknown) => void
  onChange: (id: string, geometry: unknown) => void
  /** the image could not be loaded */
  onError?: (message: string) => void
  /** shapes are chosen, never moved or reshaped (review) */
  readOnly?: boolean
  /** a video item: `src` is a video, held on the frame at this time */
  video?: CanvasVideo
}

type Drag =
  | { kind: 'pan'; from: Vec; view: View }
  | { kind: 'box'; from: Vec; to: Vec }
  | { kind: 'move'; id: string; from: Vec; original: CanvasShape; moved: unknown }
  | { kind: 'corner'; id: string; corner: Corner; original: Box & { theta?: number }; moved: unknown }
  | { kind: 'vertex'; id: string; index: number; original: PointList; moved: unknown }

// rejected and open issues dashed red-outlined; approved drawn faint; a change since review glows
const markStyle = (mark: ShapeMark | undefined, scale: number): Record<string, unknown> => {
  const dash = [8 / scale, 5 / scale]
  switch (mark) {
    case 'approved':
      return { opacity: 0.55 }
    case 'muted':
      return { opacity: 0.3, dash }
    case 'rejected':
    case 'issue':
      return { dash, shadowColor: '#e5484d', shadowBlur: 8, shadowOpacity: 1 }
    case 'fixed':
      return { shadowColor: '#30a46c', shadowBlur: 8, shadowOpacity: 1 }
    case 'changed':
      return { shadowColor: '#ffb224', shadowBlur: 10, shadowOpacity: 1 }
    default:
      return {}
  }
}
const MARK_RED = '#e5484d'

const HANDLE_PX = 7
const CLICK_TOLERANCE_PX = 6

/** The canvas: wheel zooms at the cursor, space + drag or the middle button pans, 0 fits the image again. */
export default function ImageCanvas({
  src,
  shapes,
  drawing,
  selectedId,
  onSelect,
  onCreate,
  onChange,
  onError,
  readOnly = false,
  video,
}: ImageCanvasProps) {
  const container = useRef<HTMLDivElement>(null)
  const [box, setBox] = useState({ width: 0, height: 0 })
  const { loaded: image, shownAt } = useCanvasSource(src, video, onError)
  const [view, setView] = useState<View | null>(null)
  const [drag, setDrag] = useState<Drag | null>(null)
  const [points, setPoints] = useState<PointList>([])
  const [cursor, setCursor] = useState<Vec | null>(null)
  const [space, setSpace] = useState(false)

  const size = useMemo(() => (image ? { width: image.width, height: image.height } : null), [image])
  // a new image (or video) is fitted afresh
  useEffect(() => setView(null), [src])

  // the container's size follows the layout
  useEffect(() => {
    const element = container.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect
      setBox({ width: Math.floor(width), height: Math.floor(height) })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // the first view (and after a new image) fits the image
  useEffect(() => {
    if (size && box.width > 0 && box.height > 0 && !view) setView(fitView(size, box))
  }, [size, box, view])

  // a new drawing class (or none) starts afresh
  useEffect(() => setPoints([]), [drawing?.id])

  const finishPoly = useCallback(
    (list: PointList) => {
      if (!drawing || (drawing.shape !== 'polygon' && drawing.shape !== 'polyline')) return
      const done = finishPoints(list, drawing.shape)
      if ('points' in done) onCreate(drawing.id, { points: done.points })
      setPoints([])
    },
    [drawing, onCreate],
  )

  // keys the canvas owns: space (pan), Enter / Escape / Backspace while a polygon or polyline is being drawn, 0 (fit)
  useEffect(() => {
    const typing = (event: KeyboardEvent) => isTyping(event.target)
    const down = (event: KeyboardEvent) => {
      if (typing(event)) return
      if (event.code === 'Space') {
        setSpace(true)
        event.preventDefault()
      } else if (points.length > 0 && event.key === 'Enter') {
        event.preventDefault()
        event.stopImmediatePropagation()
        finishPoly(points)
      } else if (points.length > 0 && event.key === 'Escape') {
        event.stopImmediatePropagation()
        setPoints([])
      } else if (points.length > 0 && event.key === 'Backspace') {
        event.preventDefault()
        event.stopImmediatePropagation()
        setPoints((list) => list.slice(0, -1))
      } else if (event.key === '0' && size) {
        setView(fitView(size, box))
      }
    }
    const up = (event: KeyboardEvent) => event.code === 'Space' && setSpace(false)
    // capture: the canvas sees Enter and Escape before the workspace's own shortcuts
    window.addEventListener('keydown', down, true)
    window.addEventListener('keyup', up)
    return () => {
      window.removeEventListener('keydown', down, true)
      window.removeEventListener('keyup', up)
    }
  }, [points, finishPoly, size, box])

  const pointer = (event: Konva.KonvaEventObject<MouseEvent | WheelEvent>): Vec | null => {
    const position = event.target.getStage()?.getPointerPosition()
    return position ? { x: position.x, y: position.y } : null
  }

  const selected = shapes.find((shape) => shape.id === selectedId) ?? null

  /** The edit handle of the selected shape under a screen point: a box corner or a vertex. */
  const handleAt = (at: Vec): Drag | null => {
    if (!selected || !view || !size) return null
    const near = (unit: Vec) => {
      const screen = unitToScreen(unit, view, size)
      return Math.hypot(screen.x - at.x, screen.y - at.y) <= HANDLE_PX
    }
    if (selected.shape === 'bounding-box' || (selected.shape === 'rotated-box' && selected.geometry.theta === 0)) {
      const corners = boxCorners(selected.geometry)
      const corner = (Object.keys(corners) as Corner[]).find((key) => near(corners[key]))
      return corner ? { kind: 'corner', id: selected.id, corner, original: selected.geometry, moved: selected.geometry } : null
    }
    if (selected.shape === 'polygon' || selected.shape === 'polyline') {
      const index = selected.geometry.points.findIndex(([x, y]) => near({ x, y }))
      return index >= 0 ? { kind: 'vertex', id: selected.id, index, original: selected.geometry.points, moved: selected.geometry } : null
    }
    return null
  }

  const onMouseDown = (event: Konva.KonvaEventObject<MouseEvent>) => {
    const at = pointer(event)
    if (!at || !view || !size) return
    const button = event.evt.button
    if (button === 1 || (button === 0 && space)) {
      event.evt.preventDefault()
      setDrag({ kind: 'pan', from: at, view })
      return
    }
    if (button !== 0) return
    const unit = screenToUnit(at, view, size)
    if (drawing) {
      if (drawing.shape === 'bounding-box' || drawing.shape === 'rotated-box') setDrag({ kind: 'box', from: unit, to: unit })
      else if (drawing.shape === 'point') {
        if (unit.x >= 0 && unit.x <= 1 && unit.y >= 0 && unit.y <= 1) onCreate(drawing.id, clampPoint(unit))
      } else if (closesPolygon(points, at, view, size) && drawing.shape === 'polygon') finishPoly(points)
      else {
        const p = clampPoint(unit)
        setPoints((list) => [...list, [p.x, p.y]])
      }
      return
    }
    const handle = readOnly ? null : handleAt(at)
    if (handle) {
      setDrag(handle)
      return
    }
    const hit = pickShape(shapes, screenToImage(at, view), size, CLICK_TOLERANCE_PX / view.scale)
    onSelect(hit ?? null)
    const shape = hit ? shapes.find((candidate) => candidate.id === hit) : undefined
    if (shape && !readOnly) setDrag({ kind: 'move', id: shape.id, from: unit, original: shape, moved: shape.geometry })
  }

  const onMouseMove = (event: Konva.KonvaEventObject<MouseEvent>) => {
    const at = pointer(event)
    if (!at || !view || !size) return
    const unit = screenToUnit(at, view, size)
    setCursor(unit)
    if (!drag) return
    switch (drag.kind) {
      case 'pan':
        setView(panBy(drag.view, at.x - drag.from.x, at.y - drag.from.y))
        break
      case 'box':
        setDrag({ ...drag, to: unit })
        break
      case 'move':
        setDrag({ ...drag, moved: translateGeometry(drag.original, unit.x - drag.from.x, unit.y - drag.from.y) })
        break
      case 'corner': {
        const resized = resizeBox(drag.original, drag.corner, unit)
        setDrag({ ...drag, moved: drag.original.theta === undefined ? resized : { ...resized, theta: drag.original.theta } })
        break
      }
      case 'vertex':
        setDrag({ ...drag, moved: { points: moveVertex(drag.original, drag.index, unit) } })
        break
    }
  }

  const onMouseUp = () => {
    if (!drag || !view || !size) return setDrag(null)
    if (drag.kind === 'box' && drawing) {
      const made = boxFromCorners(drag.from, drag.to)
      if (!isAccidentalBox(made, size, view)) onCreate(drawing.id, drawing.shape === 'rotated-box' ? { ...made, theta: 0 } : made)
    } else if (drag.kind === 'move' && drag.moved !== drag.original.geometry) onChange(drag.id, drag.moved)
    else if (drag.kind === 'corner') {
      const moved = drag.moved as Box
      if (moved.w > 0 && moved.h > 0) onChange(drag.id, drag.moved)
    } else if (drag.kind === 'vertex') onChange(drag.id, drag.moved)
    setDrag(null)
  }

  const onDoubleClick = () => {
    if (drawing?.shape === 'polyline' || drawing?.shape === 'polygon') finishPoly(points)
  }

  const onWheel = (event: Konva.KonvaEventObject<WheelEvent>) => {
    event.evt.preventDefault()
    const at = pointer(event)
    if (at && view) setView(zoomAt(view, at, wheelFactor(event.evt.deltaY)))
  }

  // the shape as it is drawn now: a drag in progress shows its result before it is stored
  const live = (shape: CanvasShape): CanvasShape =>
    drag && 'id' in drag && drag.id === shape.id ? ({ ...shape, geometry: drag.moved } as CanvasShape) : shape

  const cursorStyle = drag?.kind === 'pan' ? 'grabbing' : space ? 'grab' : drawing ? 'crosshair' : 'default'
  const scale = view?.scale ?? 1
  const px = (unit: Vec) => (size ? { x: unit.x * size.width, y: unit.y * size.height } : unit)
  const flat = (list: PointList) => list.flatMap(([x, y]) => [x * (size?.width ?? 1), y * (size?.height ?? 1)])

  return (
    <div
      ref={container}
      className="labelops-canvas"
      style={{ cursor: cursorStyle }}
      data-testid="label-canvas"
      data-scale={scale.toFixed(3)}
      // the image is drawn and fitted: ready for input (browser tests and the ui benchmark wait for it)
      data-ready={image && view && (!video || shownAt !== null) ? 'true' : 'false'}
      // a video: the time of the frame on the canvas (the frame slider's browser test reads it)
      data-shown-at={shownAt ?? undefined}
      onContextMenu={(event) => event.preventDefault()}
      // the browser's own double click (Konva's counts two quick clicks anywhere as one)
      onDoubleClick={onDoubleClick}
    >
      {!image ? <div className="labelops-canvas__loading">Loading the {video ? 'video' : 'image'}…</div> : null}
      {box.width > 0 && box.height > 0 ? (
        <Stage
          width={box.width}
          height={box.height}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseUp={onMouseUp}
          onMouseLeave={() => {
            setCursor(null)
            if (drag?.kind === 'pan') setDrag(null)
          }}
          onWheel={onWheel}
        >
          <Layer listening={false}>
            {image && view && size ? (
              <Group x={view.x} y={view.y} scaleX={view.scale} scaleY={view.scale}>
                {/* shownAt: a new frame of a video redraws the layer */}
                <KonvaImage image={image.element} width={size.width} height={size.height} shownAt={shownAt} />
                {shapes.map((original) => {
                  const shape = live(original)
                  const isSelected = shape.id === selectedId
                  const common = {
                    stroke: shape.colour,
                    strokeWidth: isSelected ? 3 : 2,
                    strokeScaleEnabled: false,
                    shadowColor: 'black',
                    shadowBlur: isSelected ? 6 : 0,
                    shadowOpacity: 0.6,
                    ...markStyle(shape.mark, scale),
                  }
                  switch (shape.shape) {
                    case 'bounding-box':
                    case 'rotated-box': {
                      const g = shape.geometry
                      const origin = px(g)
                      return (
                        <Rect
                          key={shape.id}
                          {...common}
                          x={origin.x}
                          y={origin.y}
                          width={g.w * size.width}
                          height={g.h * size.height}
                          rotation={shape.shape === 'rotated-box' ? shape.geometry.theta : 0}
                          fill={`${shape.colour}${isSelected ? '40' : '22'}`}
                        />
                      )
                    }
                    case 'polygon':
                      return (
                        <Line
                          key={shape.id}
                          {...common}
                          points={flat(shape.geometry.points)}
                          closed
                          fill={`${shape.colour}${isSelected ? '40' : '22'}`}
                        />
                      )
                    case 'polyline':
                      return <Line key={shape.id} {...common} points={flat(shape.geometry.points)} lineCap="round" lineJoin="round" />
                    case 'point': {
                      const p = px(shape.geometry)
                      return (
                        <Circle
                          key={shape.id}
                          x={p.x}
                          y={p.y}
                          radius={(isSelected ? 7 : 5) / scale}
                          fill={shape.colour}
                          stroke={shape.mark === 'rejected' || shape.mark === 'issue' ? MARK_RED : 'white'}
                          strokeWidth={shape.mark === 'rejected' || shape.mark === 'issue' ? 3 : 2}
                          opacity={shape.mark === 'approved' ? 0.55 : shape.mark === 'muted' ? 0.3 : 1}
                          strokeScaleEnabled={false}
                        />
                      )
                    }
                  }
                })}
                {selected && !readOnly ? <Handles shape={live(selected)} size={size} scale={scale} /> : null}
                {drag?.kind === 'box' && drawing ? (
                  <DraftBox box={boxFromCorners(drag.from, drag.to)} size={size} colour={drawing.colour} />
                ) : null}
                {points.length > 0 && drawing ? (
                  <>
                    <Line
                      points={flat(cursor ? [...points, [cursor.x, cursor.y]] : points)}
                      stroke={drawing.colour}
                      strokeWidth={2}
                      strokeScaleEnabled={false}
                      dash={[6 / scale, 4 / scale]}
                      closed={false}
                    />
                    {points.map(([x, y], index) => (
                      <Circle
                        key={index}
                        x={x * size.width}
                        y={y * size.height}
                        radius={(index === 0 && drawing.shape === 'polygon' && points.length >= 3 ? 7 : 4) / scale}
                        fill={index === 0 ? 'white' : drawing.colour}
                        stroke={drawing.colour}
                        strokeWidth={2}
                        strokeScaleEnabled={false}
                      />
                    ))}
                  </>
                ) : null}
              </Group>
            ) : null}
          </Layer>
        </Stage>
      ) : null}
      {drawing && (drawing.shape === 'polygon' || drawing.shape === 'polyline') ? (
        <div className="labelops-canvas__hint">
          {drawing.shape === 'polygon'
            ? 'Click to add points; click the first point, double-click or press Enter to close. Backspace removes the last point, Esc cancels.'
            : 'Click to add points; double-click or press Enter to finish. Backspace removes the last point, Esc cancels.'}
        </div>
      ) : null}
      {view ? (
        <div className="labelops-canvas__zoom">
          <button type="button" onClick={() => setView(zoomAt(view, { x: box.width / 2, y: box.height / 2 }, 1.25))} aria-label="Zoom in">
            +
          </button>
          <span>{Math.round(scale * 100)}%</span>
          <button type="button" onClick={() => setView(zoomAt(view, { x: box.width / 2, y: box.height / 2 }, 0.8))} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={() => size && setView(fitView(size, box))} title="Fit the image (0)">
            Fit
          </button>
        </div>
      ) : null}
    </div>
  )
}

function DraftBox({ box, size, colour }: { box: Box; size: { width: number; height: number }; colour: string }) {
  return (
    <Rect
      x={box.x * size.width}
      y={box.y * size.height}
      width={box.w * size.width}
      height={box.h * size.height}
      stroke={colour}
      strokeWidth={2}
      strokeScaleEnabled={false}
      dash={[6, 4]}
      fill={`${colour}22`}
    />
  )
}

/** Corner or vertex handles of the selected shape, drawn the same size at every zoom. */
function Handles({ shape, size, scale }: { shape: CanvasShape; size: { width: number; height: number }; scale: number }) {
  let handles: Vec[] = []
  if (shape.shape === 'bounding-box' || (shape.shape === 'rotated-box' && shape.geometry.theta === 0))
    handles = Object.values(boxCorners(shape.geometry))
  else if (shape.shape === 'polygon' || shape.shape === 'polyline') handles = shape.geometry.points.map(([x, y]) => ({ x, y }))
  return (
    <>
      {handles.map((handle, index) => (
        <Rect
          key={index}
          x={handle.x * size.width - 4 / scale}
          y={handle.y * size.height - 4 / scale}
          width={8 / scale}
          height={8 / scale}
          fill="white"
          stroke={shape.colour}
          strokeWidth={1.5}
          strokeScaleEnabled={false}
        />
      ))}
    </>
  )
}
