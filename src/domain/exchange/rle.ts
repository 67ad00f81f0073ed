/**
 * COCO's compressed RLE strings (pycocotools' `rleToString`): each run length is written in 5-bit groups,
 * six bits per character from '0' (48), the sixth bit meaning "more follows", the last group sign-extended;
 * from the third run on, a run is stored as the difference from the run two before. Pure.
 */
export function decodeCompressedRle(text: string): number[] | null {
  const counts: number[] = []
  let at = 0
  while (at < text.length) {
    let value = 0
    let shift = 0
    let more = true
    let group = 0
    while (more) {
      if (at >= text.length) return null
      group = text.charCodeAt(at++) - 48
      if (group < 0 || group > 63) return null
      value |= (group & 0x1f) << shift
      more = (group & 0x20) !== 0
      shift += 5
    }
    if (group & 0x10) value |= -1 << shift
    if (counts.length > 2) value += counts[counts.length - 2]!
    counts.push(value)
  }
  return counts
}

/** The inverse of decodeCompressedRle (for tests and for hosts that want the compact form). */
export function encodeCompressedRle(counts: readonly number[]): string {
  let text = ''
  counts.forEach((count, i) => {
    let value = i > 2 ? count - counts[i - 2]! : count
    let more = true
    while (more) {
      let group = value & 0x1f
      value >>= 5
      more = group & 0x10 ? value !== -1 : value !== 0
      if (more) group |= 0x20
      text += String.fromCharCode(group + 48)
    }
  })
  return text
}
