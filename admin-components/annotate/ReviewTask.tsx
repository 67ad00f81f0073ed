'use client'
// The Reviewer workspace for one claimed task in a review stage: the annotator's labels drawn over the item
// (read-only), every object and classification answer approved or rejected with a note, what changed since
// the last round marked, and the review sent as one call (POST /api/tasks/:id/review). The request is built
// and checked by the same rule the server runs (src/domain/labels/reviewing.ts → decide()).
import { Button } from '@payloadcms/ui'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { type LabelDocument, objectTitle, toLabelDocument } from '../../src/domain/labels/editing.ts'
import { type ReviewKey, reviewKeys, type ReviewState, type Verdict } from '../../src/domain/labels/review.ts'
import { answerText, approveUndecided, rejects, reviewRequest, undecided, type Verdicts } from '../../src/domain/labels/reviewing.ts'
import type { Classification } from '../../src/domain/ontology/schema.ts'
import type { ShapeMark } from './ImageCanvas.tsx'
import { ItemStage } from './ItemStage.tsx'
import { ProblemList } from './ProblemList.tsx'
import { frameMarks, labelShapes } from './labelShapes.ts'
import { isTyping } from './keys.ts'
import { type Claim, postTaskRequest } from './types.ts'
import type { VideoFrames } from './useVideoFrames.ts'

export type ReviewClass = { id: string; name: string; shape: string; colour: string }

export type ReviewTaskProps = {
  claim: Claim
  classes: ReviewClass[]
  classifications: readonly Classification[]
  imageSrc: string | null
  taskUrl: (id: string | number, action: string) => string
  /** the active time on the task so far, for the time spent */
  activeTime: () => number
  /** the review was accepted: serve the next task */
  onReviewed: () => void
  onLost: (message: string) => void
  onPaused: (message: string) => void
  onImageError: (message: string) => void
  /** a video item's frame being shown */
  video?: VideoFrames | null
}

const RESOLVED_HOW = {
  auto: 'automatically',
  branch: 'by taking one branch',
  picks: 'by picking objects and answers',
  majority: 'by majority',
}

/** `where`: the frame an object is on, for a video */
type Item = { key: ReviewKey; title: string; colour: string; where?: string }

export function ReviewTask({
  claim,
  classes,
  classifications,
  imageSrc,
  taskUrl,
  activeTime,
  onReviewed,
  onLost,
  onPaused,
  onImageError,
  video = null,
}: ReviewTaskProps) {
  const label: LabelDocument = useMemo(() => toLabelDocument(claim.label), [claim])
  const previous = ((claim.label as { review?: ReviewState | null } | null)?.review ?? {}) as ReviewState
  const round = Number((claim.label as { reviewRound?: number | null } | null)?.reviewRound ?? 0) + 1
  const changed = useMemo(() => new Set([...(claim.changes?.added ?? []), ...(claim.changes?.modified ?? [])]), [claim])
  const [verdicts, setVerdicts] = useState<Verdicts>({})
  const [selected, setSelected] = useState<ReviewKey | null>(null)
  const [note, setNote] = useState('')
  const [problems, setProblems] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const noteRefs = useRef(new Map<string, HTMLTextAreaElement | null>())
  const idempotencyKey = useRef<string>(crypto.randomUUID())

  const items: Item[] = useMemo(() => {
    return [
      ...label.objects.map((object): Item => {
        const feature = classes.find((candidate) => candidate.id === object.featureId)
        return {
          key: `object:${object.id}`,
          title: objectTitle(label, object.id, classes),
          colour: feature?.colour ?? '#888',
          ...(typeof object.frame === 'number' ? { where: `frame ${object.frame}` } : {}),
        }
      }),
      ...label.classifications.map((answer): Item => ({
        key: `classification:${answer.featureId}`,
        title: answerText(
          answer,
          classifications.find((candidate) => candidate.id === answer.featureId),
        ),
        colour: 'transparent',
      })),
    ]
  }, [label, classes, classifications])

  const setVerdict = useCallback((key: ReviewKey, verdict: Verdict | null) => {
    setProblems([])
    setVerdicts((current) => {
      const next = { ...current }
      if (verdict === null) delete next[key]
      else next[key] = { verdict, note: current[key]?.note ?? '' }
      return next
    })
    if (verdict === 'reject') setTimeout(() => noteRefs.current.get(key)?.focus(), 0)
  }, [])
  const setNoteOf = (key: ReviewKey, text: string) =>
    setVerdicts((current) => ({ ...current, [key]: { verdict: current[key]?.verdict ?? 'reject', note: text } }))

  const submit = useCallback(
    async (overall?: Verdict) => {
      if (busy) return
      const request = reviewRequest(label, verdicts, {
        expectedVersion: claim.task.version,
        note,
        overall,
        timeSpentMs: activeTime(),
      })
      if ('problems' in request) return setProblems(request.problems.map((problem) => readable(problem, items, verdicts)))
      setBusy(true)
      setProblems([])
      try {
        const outcome = await postTaskRequest(taskUrl(claim.task.id, 'review'), request.body, idempotencyKey.current)
        if (outcome.kind === 'ok') return onReviewed()
        if (outcome.kind === 'paused') return onPaused(outcome.message)
        if (outcome.kind === 'lost') return onLost(outcome.message)
        setProblems(outcome.message.split('\n'))
      } finally {
        setBusy(false)
      }
    },
    [busy, label, verdicts, claim, note, activeTime, taskUrl, items, onReviewed, onPaused, onLost],
  )

  // shortcuts: A approve, R reject (then type the note), J / K next and previous item, Shift+A the rest, Enter send
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      const keys = items.map((item) => item.key)
      const at = selected ? keys.indexOf(selected) : -1
      if (event.key === 'A') setVerdicts((current) => approveUndecided(label, current))
      else if (event.key === 'a' && selected) setVerdict(selected, 'approve')
      else if ((event.key === 'r' || event.key === 'R') && selected) {
        event.preventDefault()
        setVerdict(selected, 'reject')
      } else if (event.key === 'j' || event.key === 'ArrowDown') setSelected(keys[Math.min(keys.length - 1, at + 1)] ?? null)
      else if (event.key === 'k' || event.key === 'ArrowUp') setSelected(keys[Math.max(0, at - 1)] ?? null)
      else if (event.key === 'Escape') setSelected(null)
      else if (event.key === 'Enter') {
        event.preventDefault()
        void submit()
      } else return
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [items, selected, label, setVerdict, submit])

  const markOf = (key: ReviewKey): ShapeMark | undefined => {
    const verdict = verdicts[key]?.verdict
    if (verdict === 'reject') return 'rejected'
    if (verdict === 'approve') return 'approved'
    return changed.has(key) ? 'changed' : undefined
  }
  const { shapes, spans } = labelShapes(label, classes, (objectId) => markOf(`object:${objectId}`), video?.frame ?? null)

  // on a video, choosing an object shows its frame
  const setFrame = video?.setFrame
  useEffect(() => {
    const frame = label.objects.find((object) => `object:${object.id}` === selected)?.frame
    if (typeof frame === 'number') setFrame?.(frame)
  }, [selected, label, setFrame])

  const resolution = claim.consensus?.agreement.resolution ?? null
  const agreedScore = claim.consensus?.agreement.score
  const agreedPercent = agreedScore == null ? '—' : `${Math.round(agreedScore * 100)}%`
  const left = undecided(label, verdicts)
  const empty = reviewKeys(label).length === 0
  const item = claim.dataItem
  const removed = claim.changes?.removed ?? []

  return (
    <div className="labelops-annotate__body">
      <aside className="labelops-annotate__tools" aria-label="Legend">
        <h3>Classes</h3>
        {classes.map((object) => {
          const count = label.objects.filter((candidate) => candidate.featureId === object.id).length
          return (
            <div key={object.id} className="labelops-tool labelops-tool--static">
              <span className="labelops-swatch" style={{ background: object.colour }} />
              <span className="labelops-tool__label">
                <span className="labelops-tool__name">{object.name}</span>
                <span className="labelops-muted labelops-tool__shape">{object.shape}</span>
              </span>
              {count ? <span className="labelops-count">{count}</span> : null}
            </div>
          )
        })}
        <h3>Marks</h3>
        <ul className="labelops-legend">
          <li>
            <span className="labelops-legend__mark labelops-legend__mark--changed" /> changed since round {round - 1 || 1}
          </li>
          <li>
            <span className="labelops-legend__mark labelops-legend__mark--rejected" /> rejected
          </li>
          <li>
            <span className="labelops-legend__mark labelops-legend__mark--approved" /> approved
          </li>
        </ul>
      </aside>

      <ItemStage
        item={item}
        imageSrc={imageSrc}
        video={video}
        marks={video ? frameMarks(label, classes) : undefined}
        shapes={shapes}
        spans={spans}
        spanDrawing={null}
        drawing={null}
        readOnly
        selectedId={selected?.startsWith('object:') ? selected.slice('object:'.length) : null}
        onSelect={(id) => setSelected(id ? (`object:${id}` as ReviewKey) : null)}
        onCreate={() => {}}
        onChange={() => {}}
        onError={onImageError}
      />

      <aside className="labelops-annotate__side">
        <section className="labelops-panel labelops-review" aria-label="Review">
          <h3>
            Review round {round}
            <span className="labelops-muted">
              {' '}
              · {items.length - left.length} of {items.length} decided
            </span>
          </h3>
          {resolution ? (
            <p className="labelops-muted" data-resolution={resolution.mode}>
              {resolution.mode === 'auto'
                ? `The annotators agreed ${agreedPercent}: the best-agreeing branch was accepted as it stands.`
                : `The consensus (agreement ${agreedPercent}) was resolved ${RESOLVED_HOW[resolution.mode]}.`}
            </p>
          ) : null}
          {empty ? (
            <p className="labelops-muted">The annotator submitted no objects and no answers. Approve or reject the item as a whole.</p>
          ) : null}
          {removed.length ? (
            <p className="labelops-muted" data-removed={removed.length}>
              Removed since the last round:{' '}
              {removed.map((key) => key.replace(/^object:/, 'object ').replace(/^classification:/, '')).join(', ')}
            </p>
          ) : null}
          <ul className="labelops-review__items">
            {items.map((entry) => {
              const verdict = verdicts[entry.key]
              const before = previous[entry.key]
              const isNew = claim.changes?.added.includes(entry.key)
              const isModified = claim.changes?.modified.includes(entry.key)
              return (
                <li
                  key={entry.key}
                  className={`labelops-review__item${selected === entry.key ? ' is-selected' : ''}${verdict ? ` is-${verdict.verdict}` : ''}`}
                  data-item={entry.key}
                >
                  <div className="labelops-review__row">
                    <button type="button" className="labelops-review__pick" onClick={() => setSelected(entry.key)}>
                      {entry.colour !== 'transparent' ? <span className="labelops-swatch" style={{ background: entry.colour }} /> : null}
                      <span className="labelops-review__title">{entry.title}</span>
                      {entry.where ? <span className="labelops-muted">{entry.where}</span> : null}
                      {isNew ? <span className="labelops-pill labelops-pill--changed">new</span> : null}
                      {isModified ? <span className="labelops-pill labelops-pill--changed">changed</span> : null}
                    </button>
                    <span className="labelops-verdict" role="group" aria-label={`Verdict on ${entry.title}`}>
                      <button
                        type="button"
                        className={`labelops-verdict__button labelops-verdict__button--approve${verdict?.verdict === 'approve' ? ' is-on' : ''}`}
                        aria-pressed={verdict?.verdict === 'approve'}
                        title="Approve (A)"
                        data-verdict="approve"
                        onClick={() => setVerdict(entry.key, verdict?.verdict === 'approve' ? null : 'approve')}
                      >
                        ✓
                      </button>
                      <button
                        type="button"
                        className={`labelops-verdict__button labelops-verdict__button--reject${verdict?.verdict === 'reject' ? ' is-on' : ''}`}
                        aria-pressed={verdict?.verdict === 'reject'}
                        title="Reject with a note (R)"
                        data-verdict="reject"
                        onClick={() => setVerdict(entry.key, verdict?.verdict === 'reject' ? null : 'reject')}
                      >
                        ✗
                      </button>
                    </span>
                  </div>
                  {before ? (
                    <p className="labelops-muted labelops-review__before">
                      Round {before.round}: {before.verdict === 'resolved' ? 'rejected, then changed' : `${before.verdict}d`}
                      {before.note ? ` — “${before.note}”` : ''}
                    </p>
                  ) : null}
                  {verdict?.verdict === 'reject' ? (
                    <textarea
                      ref={(element) => void noteRefs.current.set(entry.key, element)}
                      className="labelops-review__note"
                      rows={2}
                      aria-label={`Why reject ${entry.title}`}
                      placeholder="What is wrong — the annotator sees this as an issue on this label"
                      value={verdict.note}
                      onChange={(event) => setNoteOf(entry.key, event.target.value)}
                      onKeyDown={(event) => {
                        if (event.key === 'Escape') (event.target as HTMLTextAreaElement).blur()
                      }}
                    />
                  ) : null}
                </li>
              )
            })}
          </ul>
        </section>

        <section className="labelops-panel labelops-actions">
          <label htmlFor="labelops-review-note" className="labelops-muted">
            Note for the annotator {empty ? '(needed to reject)' : '(optional)'}
          </label>
          <textarea id="labelops-review-note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
          <ProblemList problems={problems} />
          {empty ? (
            <div className="labelops-actions__row">
              <Button
                buttonStyle="primary"
                size="medium"
                disabled={busy}
                onClick={() => void submit('approve')}
                extraButtonProps={{ 'data-action': 'approve' }}
              >
                Approve
              </Button>
              <Button
                buttonStyle="secondary"
                size="medium"
                disabled={busy}
                onClick={() => void submit('reject')}
                extraButtonProps={{ 'data-action': 'reject' }}
              >
                Reject…
              </Button>
            </div>
          ) : (
            <div className="labelops-actions__row">
              <Button
                buttonStyle="secondary"
                size="medium"
                disabled={busy || left.length === 0}
                onClick={() => setVerdicts((current) => approveUndecided(label, current))}
                extraButtonProps={{ 'data-action': 'approve-rest' }}
                tooltip="Approve every item not yet decided (Shift+A)"
              >
                {Object.keys(verdicts).length ? `Approve the rest (${left.length})` : 'Approve all'}
              </Button>
              <Button
                buttonStyle="primary"
                size="medium"
                disabled={busy || left.length > 0}
                onClick={() => void submit()}
                extraButtonProps={{ 'data-action': 'send-review' }}
                tooltip={left.length ? `${left.length} item(s) still need a verdict` : 'Send the review (Enter)'}
              >
                {busy ? 'Sending…' : rejects(verdicts) ? 'Send back for rework' : 'Approve task'}
              </Button>
            </div>
          )}
        </section>
        <details className="labelops-panel labelops-help">
          <summary>Keyboard shortcuts</summary>
          <dl>
            <dt>J / K</dt>
            <dd>next / previous item</dd>
            <dt>A</dt>
            <dd>approve the selected item</dd>
            <dt>R</dt>
            <dd>reject it and write why</dd>
            <dt>Shift + A</dt>
            <dd>approve every undecided item</dd>
            <dt>Enter</dt>
            <dd>send the review</dd>
          </dl>
        </details>
      </aside>
    </div>
  )
}

/** A problem of the review request in the reviewer's words: items by their title, not their key or index. */
function readable(problem: { path: string; message: string }, items: Item[], verdicts: Verdicts): string {
  let message = problem.message
  for (const item of items) {
    const [target, ...rest] = item.key.split(':')
    message = message.replace(`${target} "${rest.join(':')}"`, `“${item.title}”`)
  }
  // decisions are sent in the order items are shown, the undecided left out
  const index = /^decisions\[(\d+)\]/.exec(problem.path)?.[1]
  const decided = items.filter((item) => verdicts[item.key])
  if (index !== undefined) return `“${decided[Number(index)]?.title ?? 'an item'}”: ${message}`
  return problem.path === 'decisions' ? message : `${problem.path}: ${message}`
}
