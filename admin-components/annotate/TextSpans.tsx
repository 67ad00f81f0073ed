'use client'
// A text item with its spans: select words with the mouse while a text-span class is chosen to label them; click a
// labelled piece to select its span (Delete removes it, as on the canvas). Offsets are counted in the text's
// UTF-16 units, the way the selection API and the label validation count them (src/domain/labels/textSpans.ts).
import { useRef } from 'react'

import { spanFromSelection, spanSegments } from '../../src/domain/labels/textSpans.ts'
import type { ShapeMark } from './ImageCanvas.tsx'

export type TextSpanShape = { id: string; start: number; end: number; colour: string; name: string; mark?: ShapeMark }

export function TextSpans({
  text,
  spans,
  drawing,
  selectedId,
  onSelect,
  onCreate,
  readOnly = false,
}: {
  text: string
  spans: TextSpanShape[]
  /** the text-span class being labelled; null: select */
  drawing: { id: string; colour: string; name: string } | null
  selectedId: string | null
  onSelect: (id: string | null) => void
  onCreate: (featureId: string, geometry: { start: number; end: number }) => void
  readOnly?: boolean
}) {
  const container = useRef<HTMLDivElement>(null)
  const byId = new Map(spans.map((span) => [span.id, span]))

  /** The offset in the text of a point of the DOM inside the container (each piece carries its own start). */
  const offsetOf = (node: Node, offset: number): number | undefined => {
    const element = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>('[data-start]')
    if (!element || !container.current?.contains(element)) return undefined
    return Number(element.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0)
  }

  const onMouseUp = () => {
    if (readOnly || !drawing) return
    const selection = window.getSelection()
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return
    const range = selection.getRangeAt(0)
    const from = offsetOf(range.startContainer, range.startOffset)
    const to = offsetOf(range.endContainer, range.endOffset)
    selection.removeAllRanges()
    if (from === undefined || to === undefined) return
    const span = spanFromSelection(text, from, to)
    if (span) onCreate(drawing.id, span)
  }

  return (
    <div className="labelops-text" data-testid="text-spans" data-drawing={drawing ? 'true' : 'false'}>
      <p className="labelops-muted labelops-text__hint">
        {readOnly
          ? 'Click a labelled piece to select its span.'
          : drawing
            ? `Select words to label them ${drawing.name}.`
            : 'Choose a class (1–9), then select words to label them; click a labelled piece to select it.'}
      </p>
      <div ref={container} className="labelops-text__body" onMouseUp={onMouseUp}>
        {spanSegments(
          text,
          spans.map(({ id, start, end }) => ({ id, start, end })),
        ).map((segment) => {
          const top = segment.spanIds.length ? byId.get(segment.spanIds.at(-1)!) : undefined
          const selected = segment.spanIds.includes(selectedId ?? '')
          return (
            <span
              key={segment.start}
              data-start={segment.start}
              data-span={top?.id}
              className={[
                'labelops-text__piece',
                top ? 'is-labelled' : '',
                selected ? 'is-selected' : '',
                top?.mark ? `is-${top.mark}` : '',
                segment.spanIds.length > 1 ? 'is-nested' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              style={top ? { background: `${top.colour}33`, boxShadow: `inset 0 -2px 0 ${top.colour}` } : undefined}
              title={segment.spanIds.map((id) => byId.get(id)?.name).join(' › ') || undefined}
              onClick={() => {
                if (drawing && !readOnly) return
                if (window.getSelection()?.isCollapsed === false) return
                onSelect(top?.id ?? null)
              }}
            >
              {segment.text}
            </span>
          )
        })}
      </div>
    </div>
  )
}
