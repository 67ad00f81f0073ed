'use client'
// A training project's answer to a submit: the score against the gold label and what differed — each gold object
// missed, each object drawn where gold has none, each right place with the wrong class, each answer that differs —
// then another attempt at the same task or the next one. (Benchmarks answer no score: their gold stays unseen.)
import { Button } from '@payloadcms/ui'

import type { GoldScore } from '../../src/quality/goldScore.ts'

export type TrainingScore = { score: number; attempts: number; detail: GoldScore }

type Named = { id: string; name: string }

const percent = (value: number) => `${Math.round(value * 100)}%`

export function TrainingScoreCard({
  result,
  classes,
  classifications,
  onRetry,
  onNext,
}: {
  result: TrainingScore
  classes: readonly Named[]
  classifications: readonly Named[]
  onRetry: () => void
  onNext: () => void
}) {
  const { detail } = result
  const objectName = (id: string) => classes.find((feature) => feature.id === id)?.name ?? id
  const question = (id: string) => classifications.find((feature) => feature.id === id)?.name ?? id
  const findings = [
    ...detail.missed.map((row) => `Missed a ${objectName(row.featureId)} the gold label has.`),
    ...detail.wrongClass.map((row) => `Drew a ${objectName(row.featureId)} where the gold label has a ${objectName(row.goldFeatureId)}.`),
    ...detail.extra.map((row) => `Drew a ${objectName(row.featureId)} the gold label does not have.`),
    ...detail.classificationsDiffering.map((row) => `Answered “${question(row.featureId)}” differently from the gold label.`),
  ]
  return (
    <div className="labelops-state labelops-state--scored" data-state="scored" role="status">
      <h2>
        Your score: <span data-score={result.score.toFixed(4)}>{percent(result.score)}</span>
      </h2>
      <p>
        Attempt {result.attempts} against the gold label: {detail.matched.length} of{' '}
        {detail.matched.length + detail.missed.length + detail.wrongClass.length} gold objects found ({percent(detail.recall)} recall,{' '}
        {percent(detail.precision)} precision).
      </p>
      {findings.length > 0 ? (
        <ul className="labelops-score__findings">
          {findings.map((finding, index) => (
            <li key={index}>{finding}</li>
          ))}
        </ul>
      ) : (
        <p>Everything matches the gold label.</p>
      )}
      <div className="labelops-actions__row">
        <Button buttonStyle="primary" size="medium" onClick={onNext}>
          Next task
        </Button>
        <Button buttonStyle="secondary" size="medium" onClick={onRetry}>
          Try this task again
        </Button>
      </div>
    </div>
  )
}
