/**
 * Agreement between two labels' classification answers, 0..1: options compared as sets (Jaccard: a radio
 * answer agrees when it is the same option; a checklist by the share of options in common), free text after
 * trimming, lower-casing and collapsing white space. An answer with nested answers (under the chosen options)
 * agrees by the mean of its own agreement and its nested answers'. A classification only one label answered
 * scores 0; one neither answered is left out. Pure.
 */

export type Answer = { featureId: string; optionIds?: readonly string[]; text?: string; answers?: readonly Answer[] }

const normalised = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ')

export function answerAgreement(a: Answer, b: Answer): number {
  let own: number
  if (a.text !== undefined || b.text !== undefined)
    own = a.text !== undefined && b.text !== undefined && normalised(a.text) === normalised(b.text) ? 1 : 0
  else own = jaccard(a.optionIds ?? [], b.optionIds ?? [])
  const nested = classificationAgreement(a.answers ?? [], b.answers ?? [])
  return nested === null ? own : (own + nested) / 2
}

/** The mean agreement over the classifications either label answered; null when neither answered any. */
export function classificationAgreement(a: readonly Answer[], b: readonly Answer[]): number | null {
  const byFeature = (answers: readonly Answer[]) => new Map(answers.map((answer) => [answer.featureId, answer]))
  const left = byFeature(a)
  const right = byFeature(b)
  const features = new Set([...left.keys(), ...right.keys()])
  if (features.size === 0) return null
  let sum = 0
  for (const feature of features) {
    const x = left.get(feature)
    const y = right.get(feature)
    sum += x && y ? answerAgreement(x, y) : 0
  }
  return sum / features.size
}

/** |A ∩ B| / |A ∪ B|; 1 for two empty sets (both chose nothing). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a)
  const right = new Set(b)
  const union = new Set([...left, ...right]).size
  if (union === 0) return 1
  let shared = 0
  for (const option of left) if (right.has(option)) shared++
  return shared / union
}
