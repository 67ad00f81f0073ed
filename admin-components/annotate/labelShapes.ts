// A label's objects as the workspace draws them: shapes on the image canvas (on a video, those of the frame
// shown), spans on a text — each with its class's colour and name, and the mark the caller gives it (verdict,
// issue, change); and the marks along a video's frame slider.
import { isDrawable, type LabelDocument } from '../../src/domain/labels/editing.ts'
import { isOnFrame } from '../../src/domain/labels/videoFrames.ts'
import type { FrameMark } from './FrameSlider.tsx'
import type { CanvasShape, ShapeMark } from './ImageCanvas.tsx'
import type { TextSpanShape } from './TextSpans.tsx'

type Class = { id: string; name: string; shape: string; colour: string }

export function labelShapes(
  label: LabelDocument,
  classes: readonly Class[],
  markOf: (objectId: string) => ShapeMark | undefined,
  /** a video's frame being shown: only its objects are drawn */
  frame: number | null = null,
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
    } else if (isDrawable(feature.shape as never) && (frame === null || isOnFrame(object, frame))) {
      shapes.push({ ...common, shape: feature.shape, geometry: object.geometry } as CanvasShape)
    }
  }
  return { shapes, spans }
}

const ISSUE_RED = '#e5484d'

/** The frame slider's marks: each object's frame in its class's colour, and each issue's frame in red. */
export function frameMarks(
  label: LabelDocument,
  classes: readonly Class[],
  issues: ReadonlyArray<{ title?: string | null; anchor?: { frame?: number | null } | null }> = [],
): FrameMark[] {
  const marks: FrameMark[] = []
  for (const object of label.objects) {
    if (typeof object.frame !== 'number') continue
    const feature = classes.find((candidate) => candidate.id === object.featureId)
    marks.push({ frame: object.frame, colour: feature?.colour ?? '#888', title: `${feature?.name ?? 'Object'} on frame ${object.frame}` })
  }
  for (const issue of issues) {
    const frame = issue.anchor?.frame
    if (typeof frame === 'number') marks.push({ frame, colour: ISSUE_RED, title: `Issue on frame ${frame}: ${issue.title ?? ''}` })
  }
  return marks
}
