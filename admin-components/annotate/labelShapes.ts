// A label's objects as the workspace draws them: shapes on the image canvas, spans on a text — each with its
// class's colour and name, and the mark the caller gives it (verdict, issue, change).
import { isDrawable, type LabelDocument } from '../../src/domain/labels/editing.ts'
import type { CanvasShape, ShapeMark } from './ImageCanvas.tsx'
import type { TextSpanShape } from './TextSpans.tsx'

type Class = { id: string; name: string; shape: string; colour: string }

export function labelShapes(
  label: LabelDocument,
  classes: readonly Class[],
  markOf: (objectId: string) => ShapeMark | undefined,
): { shapes: CanvasShape[]; spans: TextSpanShape[] } {
  const shapes: CanvasShape[] = []
  const spans: TextSpanShape[] = []
  for (const object of label.objects) {
    const feature = classes.find((candidate) => candidate.id === object.featureId)
    if (!feature) continue
    const common = { id: object.id, colour: feature.colour, name: feature.name, mark: markOf(object.id) }
    if (feature.shape === 'text-span') {
      const { start, end } = (object.geometry ?? {}) as { start?: number; end?: number }
      if (typeof start === 'number' && typeof end === 'number') spans.push({ ...common, start, end })
    } else if (isDrawable(feature.shape as never)) {
      shapes.push({ ...common, shape: feature.shape, geometry: object.geometry } as CanvasShape)
    }
  }
  return { shapes, spans }
}
