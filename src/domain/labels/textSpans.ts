/**
 * Text spans: objects on a text item whose geometry is `{ start, end }`, offsets into the text (end exclusive,
 * in the text's UTF-16 code units — what the browser's selection and `String.length` count, and what the
 * label validation checks against). Pure.
 */
export type Span = { id: string; start: number; end: number }
export type Segment = { start: number; end: number; text: string; spanIds: string[] }

/** The text cut at every span edge: each piece with the spans that cover it (later spans on top). */
export function spanSegments(text: string, spans: readonly Span[]): Segment[] {
  const inside = spans.filter((span) => span.end > span.start && span.start < text.length)
  const edges = new Set<number>([0, text.length])
  for (const span of inside) {
    edges.add(Math.max(0, span.start))
    edges.add(Math.min(text.length, span.end))
  }
  const cuts = [...edges].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!
    const end = cuts[i + 1]!
    if (end <= start) continue
    const spanIds = inside.filter((span) => span.start <= start && span.end >= end).map((span) => span.id)
    segments.push({ start, end, text: text.slice(start, end), spanIds })
  }
  return segments
}

/**
 * A selection made into a span: clamped to the text, in order, and without the white space at its ends (a
 * double click on a word often takes the space after it). Undefined when nothing but white space is left.
 */
export function spanFromSelection(text: string, anchor: number, focus: number): { start: number; end: number } | undefined {
  let start = Math.max(0, Math.min(anchor, focus, text.length))
  let end = Math.min(text.length, Math.max(anchor, focus, 0))
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  return end > start ? { start, end } : undefined
}
