'use client'
// Rework: the open issues a review raised, each pinned to the object or answer it is about (chosen on the
// canvas with a click) and marked "fixed" once the annotator changed that item — the server resolves exactly
// those on submit; the rest stay open for the reviewer to judge.
import type { LabelDocument } from '../../src/domain/labels/editing.ts'
import type { pinIssues } from '../../src/domain/labels/reviewing.ts'

export type PinnedIssues = ReturnType<typeof pinIssues>

export function ReworkIssues({
  pinned,
  label,
  titleOf,
  onPick,
  onFrame,
}: {
  pinned: PinnedIssues
  label: LabelDocument
  /** what an item is called in this workspace: "Car #2", "Weather" */
  titleOf: (pinnedTo: string) => string
  /** select the object an issue is pinned to */
  onPick: (objectId: string) => void
  /** a video: show the frame an issue is about */
  onFrame?: (frame: number) => void
}) {
  if (pinned.length === 0) return null
  const fixed = pinned.filter((entry) => entry.fixed).length
  return (
    <section className="labelops-panel labelops-panel--warn labelops-rework" aria-label="Issues from review">
      <h3>
        Issues from review ({pinned.length - fixed} open{fixed ? `, ${fixed} fixed` : ''})
      </h3>
      <ul>
        {pinned.map(({ issue, pinnedTo, fixed: isFixed }) => {
          const onCanvas = pinnedTo !== null && label.objects.some((object) => object.id === pinnedTo)
          return (
            <li key={String(issue.id)} className={isFixed ? 'is-fixed' : ''} data-issue={String(issue.id)} data-fixed={isFixed}>
              <span className={`labelops-pill ${isFixed ? 'labelops-pill--ok' : 'labelops-pill--warn'}`}>{isFixed ? 'fixed' : 'open'}</span>{' '}
              {pinnedTo !== null ? (
                onCanvas ? (
                  <button type="button" className="labelops-link" onClick={() => onPick(pinnedTo)}>
                    {titleOf(pinnedTo)}
                  </button>
                ) : (
                  <strong>{titleOf(pinnedTo)}</strong>
                )
              ) : typeof issue.anchor?.frame === 'number' && onFrame ? (
                <button type="button" className="labelops-link" onClick={() => onFrame(issue.anchor!.frame!)}>
                  frame {issue.anchor.frame}
                  {issue.anchor.kind === 'coordinate' ? ' (a point)' : ''}
                </button>
              ) : (
                <strong>{issue.anchor?.kind === 'coordinate' ? 'a point of the image' : 'the whole item'}</strong>
              )}
              : {(issue.title ?? `Issue ${issue.id}`).replace(/^Review round \d+: /, '')}
            </li>
          )
        })}
      </ul>
      {fixed ? <p className="labelops-muted">Fixed issues are resolved when you submit.</p> : null}
    </section>
  )
}
