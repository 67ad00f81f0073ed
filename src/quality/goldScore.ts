/**
 * A submission scored against the gold label (benchmark, training and honeypot tasks). Pure.
 *
 * Objects are matched one to one with the gold objects (src/quality/matching.ts, same class first, at the IoU
 * threshold). With w(c) the weight of class c (1 unless the project says otherwise):
 *
 *   O = Σ over matched pairs of w(gold class) × similarity / (Σ over gold objects of w + Σ over unmatched submitted objects of w)
 *
 * so a missed gold object and an invented one each cost their weight, a class mismatch costs both, and with all
 * weights 1 O is exactly the labelAgreement object score (src/quality/agreement.ts) with gold as one side.
 * Classifications: C = the classification agreement with gold (src/quality/classifications.ts). The score is the
 * mean of O and C over the parts the submission or gold has; both empty: 1 (nothing to find, nothing invented).
 *
 * The detail says what went wrong, for the annotator in a training project: each missed gold object, each
 * invented object, each class mismatch, and each classification answered differently.
 */
import { type LabelSet } from './agreement.ts'
import { answerAgreement, classificationAgreement } from './classifications.ts'
import { type Drawn, matchObjects } from './matching.ts'

export type GoldScoreOptions = {
  /** the least similarity that counts as the gold object @default 0.5 */
  threshold?: number
  /** weight per ontology feature id; 1 when not listed */
  classWeights?: Readonly<Record<string, number>>
  aspect?: number
}

export type GoldScore = {
  score: number
  objects: number | null
  classifications: number | null
  precision: number
  recall: number
  /** gold objects matched: submitted id → gold id, with the similarity */
  matched: Array<{ submitted: string; gold: string; similarity: number }>
  /** gold objects nobody drew (their ids and classes) */
  missed: Array<{ gold: string; featureId: string }>
  /** submitted objects that match no gold object */
  extra: Array<{ submitted: string; featureId: string }>
  /** the right place, the wrong class */
  wrongClass: Array<{ submitted: string; gold: string; featureId: string; goldFeatureId: string }>
  /** classifications whose answer differs from gold (agreement below 1) */
  classificationsDiffering: Array<{ featureId: string; agreement: number }>
}

export function goldScore(
  submitted: LabelSet,
  gold: LabelSet,
  { threshold = 0.5, classWeights = {}, aspect = 1 }: GoldScoreOptions = {},
): GoldScore {
  const weight = (featureId: string) => classWeights[featureId] ?? 1
  const matching = matchObjects(submitted.objects, gold.objects, { threshold, aspect })
  const byId = (objects: readonly Drawn[]) => new Map(objects.map((object) => [object.id, object]))
  const mine = byId(submitted.objects)
  const golden = byId(gold.objects)
  const goldWeight = gold.objects.reduce((sum, object) => sum + weight(object.featureId), 0)
  const inventedWeight = matching.unmatchedA.reduce((sum, id) => sum + weight(mine.get(id)!.featureId), 0)
  const mismatchedWeight = matching.classMismatches.reduce((sum, pair) => sum + weight(mine.get(pair.a)!.featureId), 0)
  const denominator = goldWeight + inventedWeight + mismatchedWeight
  const objects =
    submitted.objects.length + gold.objects.length === 0
      ? null
      : denominator === 0
        ? 1 // every object weighs nothing: nothing counts against the submission
        : matching.matches.reduce((sum, pair) => sum + weight(golden.get(pair.b)!.featureId) * pair.score, 0) / denominator
  const classifications = classificationAgreement(submitted.classifications, gold.classifications)
  const parts = [objects, classifications].filter((part): part is number => part !== null)
  const score = parts.length === 0 ? 1 : parts.reduce((sum, part) => sum + part, 0) / parts.length

  const truePositives = matching.matches.length
  const precision = submitted.objects.length === 0 ? (gold.objects.length === 0 ? 1 : 0) : truePositives / submitted.objects.length
  const recall = gold.objects.length === 0 ? (submitted.objects.length === 0 ? 1 : 0) : truePositives / gold.objects.length
  return {
    score,
    objects,
    classifications,
    precision,
    recall,
    matched: matching.matches.map((pair) => ({ submitted: pair.a, gold: pair.b, similarity: pair.score })),
    missed: matching.unmatchedB.map((id) => ({ gold: id, featureId: golden.get(id)!.featureId })),
    extra: matching.unmatchedA.map((id) => ({ submitted: id, featureId: mine.get(id)!.featureId })),
    wrongClass: matching.classMismatches.map((pair) => ({
      submitted: pair.a,
      gold: pair.b,
      featureId: mine.get(pair.a)!.featureId,
      goldFeatureId: golden.get(pair.b)!.featureId,
    })),
    classificationsDiffering: differingAnswers(submitted, gold),
  }
}

function differingAnswers(submitted: LabelSet, gold: LabelSet): GoldScore['classificationsDiffering'] {
  const mine = new Map(submitted.classifications.map((answer) => [answer.featureId, answer]))
  const golden = new Map(gold.classifications.map((answer) => [answer.featureId, answer]))
  const features = [...new Set([...golden.keys(), ...mine.keys()])]
  return features.flatMap((featureId) => {
    const a = mine.get(featureId)
    const b = golden.get(featureId)
    const agreement = a && b ? answerAgreement(a, b) : 0
    return agreement < 1 ? [{ featureId, agreement }] : []
  })
}
