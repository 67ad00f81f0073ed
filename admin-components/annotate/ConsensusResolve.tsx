'use client'
// The consensus review, before the review proper: the round's branches side by side — drawn over the item in
// each annotator's colour, listed with their objects and answers — with the round's agreement and the annotator
// × annotator matrix. The reviewer takes one branch whole, merges by majority, or picks objects and answers
// across branches (starting from the best-agreeing branch), and sends it as one call (POST
// /api/tasks/:id/resolve). The server checks the caller's rights and the result; the review follows.
import { Button } from '@payloadcms/ui'
import { useMemo, useRef, useState } from 'react'

import { objectTitle, toLabelDocument } from '../../src/domain/labels/editing.ts'
import {
  answerGroups,
  chooseAnswer,
  initialPicks,
  objectKey,
  type Picks,
  picksRequest,
  toggleObject,
} from '../../src/domain/labels/resolving.ts'
import { answerText } from '../../src/domain/labels/reviewing.ts'
import type { Classification } from '../../src/domain/ontology/schema.ts'
import type { ConsensusUnderReview } from '../../src/operations/claimNextTask.ts'
import type { ConsensusAgreement } from '../../src/operations/consensusAgreement.ts'
import { meanAgreement } from '../../src/quality/agreement.ts'
import { ItemStage } from './ItemStage.tsx'
import { ProblemList } from './ProblemList.tsx'
import { labelShapes } from './labelShapes.ts'
import type { ReviewClass } from './ReviewTask.tsx'
import { type Claim, postTaskRequest } from './types.ts'
import type { VideoFrames } from './useVideoFrames.ts'

/** One colour per annotator, apart from the class colours' usual hues; the best-agreeing branch first. */
const BRANCH_COLOURS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#db2777', '#0891b2', '#ca8a04']

export type ResolvedAnswer = {
  version: number
  consensusAgreement: ConsensusAgreement
  label: { objects: unknown[]; classifications: unknown[] }
}

export type ConsensusResolveProps = {
  claim: Claim & { consensus: ConsensusUnderReview }
  classes: ReviewClass[]
  classifications: readonly Classification[]
  imageSrc: string | null
  taskUrl: (id: string | number, action: string) => string
  onResolved: (answer: ResolvedAnswer) => void
  onLost: (message: string) => void
  onPaused: (message: string) => void
  onImageError: (message: string) => void
  video?: VideoFrames | null
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`)

export function ConsensusResolve({
  claim,
  classes,
  classifications,
  imageSrc,
  taskUrl,
  onResolved,
  onLost,
  onPaused,
  onImageError,
  video = null,
}: ConsensusResolveProps) {
  const { agreement, branches, people } = claim.consensus
  const [picks, setPicks] = useState<Picks>(() => initialPicks(branches))
  const [shown, setShown] = useState<Set<string>>(() => new Set(branches.map((branch) => branch.annotator)))
  const [picksOnly, setPicksOnly] = useState(false)
  const [problems, setProblems] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const idempotencyKey = useRef<string>(crypto.randomUUID())

  // a name, or the email's local part (the whole address is the title): the panels are narrow
  const nameOf = (annotator: string) => people[annotator]?.name ?? people[annotator]?.email.split('@')[0] ?? `User ${annotator}`
  const fullNameOf = (annotator: string) => people[annotator]?.email ?? nameOf(annotator)
  const colourOf = (annotator: string) =>
    BRANCH_COLOURS[branches.findIndex((branch) => branch.annotator === annotator) % BRANCH_COLOURS.length]!
  const meanOf = (annotator: string) => meanAgreement(agreement.matrix, agreement.annotators.indexOf(annotator))
  const picked = useMemo(() => new Set<string>(picks.objects), [picks])
  const features = useMemo(
    () => [...new Set(branches.flatMap((branch) => branch.classifications.map((answer) => answer.featureId)))],
    [branches],
  )

  // every shown branch's objects, in its annotator's colour; what is not picked is drawn faint
  const drawn = useMemo(() => {
    // the best-agreeing branch drawn last, on top: where spans or shapes overlap, its copy is the one seen and clicked
    const objects = [...branches]
      .reverse()
      .filter((branch) => shown.has(branch.annotator))
      .flatMap((branch) =>
        branch.objects
          .filter((object) => !picksOnly || picked.has(objectKey(branch.annotator, object.id)))
          .map((object) => ({ ...object, id: objectKey(branch.annotator, object.id), branch: branch.annotator })),
      )
    const document = toLabelDocument({ objects, classifications: [] })
    const byBranch = classes.map((feature) => ({ ...feature }))
    const shapes = labelShapes(document, byBranch, (id) => (picked.has(id) ? undefined : 'muted'), video?.frame ?? null)
    // recolour by branch: the class is in the name, the annotator in the colour
    const colour = new Map<string, string>(objects.map((object) => [object.id, colourOf(object.branch)]))
    return {
      shapes: shapes.shapes.map((shape) => ({ ...shape, colour: colour.get(shape.id) ?? shape.colour })),
      spans: shapes.spans.map((span) => ({ ...span, colour: colour.get(span.id) ?? span.colour })),
    }
  }, [branches, shown, picksOnly, picked, classes, video?.frame])

  const send = async (body: Record<string, unknown>) => {
    if (busy) return
    setBusy(true)
    setProblems([])
    try {
      const outcome = await postTaskRequest(taskUrl(claim.task.id, 'resolve'), body, idempotencyKey.current)
      if (outcome.kind === 'ok') return onResolved((await outcome.response.json()) as ResolvedAnswer)
      // a refused request may be sent again, changed: a new key for it (an unanswered one keeps its key: it may
      // have landed, and its retry must be answered, not redone)
      if (outcome.kind === 'refused') idempotencyKey.current = crypto.randomUUID()
      if (outcome.kind === 'paused') return onPaused(outcome.message)
      if (outcome.kind === 'lost') return onLost(outcome.message)
      setProblems(outcome.message.split('\n').map((line) => readable(line, branches, nameOf)))
    } finally {
      setBusy(false)
    }
  }
  const version = claim.task.version

  return (
    <div className="labelops-annotate__body">
      <aside className="labelops-annotate__tools labelops-consensus__branches" aria-label="Branches">
        <h3>Agreement {percent(agreement.score)}</h3>
        <p className="labelops-muted">
          Round {agreement.round}: {branches.length} annotators labelled this item on their own.
        </p>
        <table className="labelops-consensus__matrix" aria-label="Agreement between annotators">
          <thead>
            <tr>
              <th />
              {branches.map((branch) => (
                <th key={branch.annotator} scope="col" title={fullNameOf(branch.annotator)}>
                  <span className="labelops-swatch" style={{ background: colourOf(branch.annotator) }} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {branches.map((row) => (
              <tr key={row.annotator}>
                <th scope="row" title={fullNameOf(row.annotator)}>
                  <span className="labelops-swatch" style={{ background: colourOf(row.annotator) }} />
                </th>
                {branches.map((column) => {
                  const i = agreement.annotators.indexOf(row.annotator)
                  const j = agreement.annotators.indexOf(column.annotator)
                  const value = agreement.matrix[i]?.[j] ?? null
                  return (
                    <td key={column.annotator} style={{ background: `rgba(22, 163, 74, ${(value ?? 0) * 0.35})` }}>
                      {i === j ? '' : percent(value)}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Show</h3>
        {branches.map((branch, index) => (
          <label key={branch.annotator} className="labelops-consensus__show">
            <input
              type="checkbox"
              checked={shown.has(branch.annotator)}
              onChange={() =>
                setShown((current) => {
                  const next = new Set(current)
                  if (next.has(branch.annotator)) next.delete(branch.annotator)
                  else next.add(branch.annotator)
                  return next
                })
              }
            />
            <span className="labelops-swatch" style={{ background: colourOf(branch.annotator) }} />
            <span className="labelops-consensus__name" title={fullNameOf(branch.annotator)}>
              {nameOf(branch.annotator)}
            </span>
            {index === 0 ? <span className="labelops-pill">best</span> : null}
          </label>
        ))}
        <label className="labelops-consensus__show">
          <input type="checkbox" checked={picksOnly} onChange={() => setPicksOnly((current) => !current)} />
          <span>Only what is picked</span>
        </label>
      </aside>

      <ItemStage
        item={claim.dataItem}
        imageSrc={imageSrc}
        video={video}
        shapes={drawn.shapes}
        spans={drawn.spans}
        spanDrawing={null}
        drawing={null}
        readOnly
        selectedId={null}
        onSelect={(id) => {
          if (!id) return
          const [branch, ...rest] = id.split('|')
          setPicks((current) => toggleObject(current, branch!, rest.join('|')))
        }}
        onCreate={() => {}}
        onChange={() => {}}
        onError={onImageError}
      />

      <aside className="labelops-annotate__side">
        <section className="labelops-panel labelops-consensus" aria-label="Resolve the consensus">
          <h3>Resolve the consensus</h3>
          <p className="labelops-muted">
            Pick the objects and answers the label keeps — click a shape or tick it below — or take a branch whole, or keep what most
            annotators agree on.
          </p>
          {branches.map((branch) => (
            <div key={branch.annotator} className="labelops-consensus__branch" data-branch={branch.annotator}>
              <div className="labelops-consensus__head">
                <span className="labelops-swatch" style={{ background: colourOf(branch.annotator) }} />
                <strong className="labelops-consensus__name" title={fullNameOf(branch.annotator)}>
                  {nameOf(branch.annotator)}
                </strong>
                <span className="labelops-muted labelops-consensus__agrees">agrees {percent(meanOf(branch.annotator))}</span>
              </div>
              {branch.objects.length ? (
                <ul className="labelops-consensus__objects">
                  {branch.objects.map((object) => {
                    const key = objectKey(branch.annotator, object.id)
                    const title = objectTitle(toLabelDocument({ objects: branch.objects, classifications: [] }), object.id, classes)
                    return (
                      <li key={key}>
                        <label>
                          <input
                            type="checkbox"
                            checked={picked.has(key)}
                            data-pick={key}
                            onChange={() => setPicks((current) => toggleObject(current, branch.annotator, object.id))}
                          />
                          {title}
                          {typeof object.frame === 'number' ? <span className="labelops-muted"> · frame {object.frame}</span> : null}
                        </label>
                      </li>
                    )
                  })}
                </ul>
              ) : (
                <p className="labelops-muted">No objects.</p>
              )}
              <button
                type="button"
                className="labelops-link labelops-consensus__use"
                disabled={busy}
                data-action="use-branch"
                onClick={() => void send({ expectedVersion: version, mode: 'branch', branch: branch.annotator })}
              >
                Use this branch as it is
              </button>
            </div>
          ))}
          {features.map((featureId) => {
            const classification = classifications.find((candidate) => candidate.id === featureId)
            return (
              <fieldset key={featureId} className="labelops-consensus__answers" data-feature={featureId}>
                <legend>{classification?.name ?? featureId}</legend>
                {answerGroups(branches, featureId).map((group) => (
                  <label key={group.branches.join(',')}>
                    <input
                      type="radio"
                      name={`answer-${featureId}`}
                      checked={group.branches.includes(picks.answers[featureId] ?? '')}
                      onChange={() => setPicks((current) => chooseAnswer(current, featureId, group.branches[0]!))}
                    />
                    <span>{answerText(group.answer as Parameters<typeof answerText>[0], classification).replace(/^[^:]*: /, '')}</span>
                    <span className="labelops-consensus__who">
                      {group.branches.map((annotator) => (
                        <span
                          key={annotator}
                          className="labelops-swatch"
                          title={nameOf(annotator)}
                          style={{ background: colourOf(annotator) }}
                        />
                      ))}
                    </span>
                  </label>
                ))}
              </fieldset>
            )
          })}
        </section>

        <section className="labelops-panel labelops-actions">
          <ProblemList problems={problems} />
          <div className="labelops-actions__row">
            <Button
              buttonStyle="secondary"
              size="medium"
              disabled={busy}
              onClick={() => void send({ expectedVersion: version, mode: 'majority' })}
              extraButtonProps={{ 'data-action': 'majority' }}
              tooltip="Keep the objects and answers more than half the annotators agree on"
            >
              Merge by majority
            </Button>
            <Button
              buttonStyle="primary"
              size="medium"
              disabled={busy}
              onClick={() => void send(picksRequest(picks, version))}
              extraButtonProps={{ 'data-action': 'resolve-picks' }}
            >
              {busy ? 'Resolving…' : `Resolve with ${picks.objects.length} object${picks.objects.length === 1 ? '' : 's'}`}
            </Button>
          </div>
          <p className="labelops-muted labelops-consensus__next">
            The resolved label is then reviewed here: approve it, or send the item back for a new round.
          </p>
        </section>
      </aside>
    </div>
  )
}

/** A server problem in the reviewer's words: branches by their annotator's name. */
function readable(line: string, branches: ConsensusUnderReview['branches'], nameOf: (annotator: string) => string): string {
  let text = line
  for (const branch of branches) text = text.replaceAll(`branch "${branch.annotator}"`, `${nameOf(branch.annotator)}’s branch`)
  return text.replace(/^resolution\.(objects|classifications)\[\d+\]\.\w+: /, '').replace(/^label\./, '')
}
