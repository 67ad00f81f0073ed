'use client'
// Raising an issue from the workspace: on the selected label, on a point of the image (pinned with the issue
// tool), on the frame of a video being shown, or on the whole item. It goes through Payload's REST create of the issues collection, whose access and
// hooks decide who may raise one and check the anchor (src/domain/issues/rules.ts).
import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import { problemOf } from './types.ts'

/** What the issue is about: a label object, a point normalised to 0..1 (of a video's frame), a frame, or the whole item. */
export type IssueTarget =
  | { kind: 'label'; objectId: string; title: string }
  | { kind: 'coordinate'; x: number; y: number; frame?: number }
  | { kind: 'frame'; frame: number }
  | { kind: 'data-unit' }

const describeTarget = (target: IssueTarget): string => {
  if (target.kind === 'label') return target.title
  if (target.kind === 'frame') return `frame ${target.frame}`
  if (target.kind === 'data-unit') return 'the whole item'
  const point = `the point at ${Math.round(target.x * 100)}% × ${Math.round(target.y * 100)}%`
  return target.frame === undefined ? point : `${point} of frame ${target.frame}`
}

/** The issue's anchor, as the issues collection takes it (src/domain/issues/rules.ts). */
const anchorOf = (target: IssueTarget) => {
  if (target.kind === 'label') return { kind: 'label', labelObject: target.objectId }
  if (target.kind === 'frame') return { kind: 'frame', frame: target.frame }
  if (target.kind === 'data-unit') return { kind: 'data-unit' }
  return { kind: 'coordinate', x: target.x, y: target.y, ...(target.frame === undefined ? {} : { frame: target.frame }) }
}

export function RaiseIssue({
  issuesUrl,
  taskId,
  target,
  onDone,
}: {
  /** `${api}/${issues slug}` */
  issuesUrl: string
  taskId: string | number
  target: IssueTarget
  /** closed: with the sentence to show (raised, or null when cancelled) */
  onDone: (message: string | null) => void
}) {
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  // an issue on a frame may be widened to the whole video
  const [wholeItem, setWholeItem] = useState(false)
  const chosen: IssueTarget = wholeItem ? { kind: 'data-unit' } : target
  const about = describeTarget(chosen)
  const anchor = anchorOf(chosen)

  const send = async () => {
    if (!title.trim() || busy) return
    setBusy(true)
    setProblem(null)
    const response = await fetch(`${issuesUrl}?depth=0`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ task: taskId, title: title.trim(), anchor }),
    }).catch(() => null)
    setBusy(false)
    if (!response) return setProblem('The server cannot be reached. Nothing was sent; try again.')
    if (!response.ok) return setProblem(await problemOf(response))
    onDone(`Issue raised on ${about}.`)
  }

  return (
    <form
      className="labelops-panel labelops-raise"
      aria-label="Raise an issue"
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      <h3>Raise an issue</h3>
      <p className="labelops-muted">On {about}</p>
      {target.kind === 'frame' ? (
        <fieldset className="labelops-raise__scope">
          <legend className="labelops-muted">About</legend>
          <label>
            <input type="radio" name="labelops-issue-scope" checked={!wholeItem} onChange={() => setWholeItem(false)} /> frame{' '}
            {target.frame}
          </label>
          <label>
            <input type="radio" name="labelops-issue-scope" checked={wholeItem} onChange={() => setWholeItem(true)} /> the whole video
          </label>
        </fieldset>
      ) : null}
      <textarea
        id="labelops-issue-title"
        aria-label="What is the issue"
        autoFocus
        rows={2}
        maxLength={200}
        value={title}
        placeholder="e.g. the label guide does not say whether mirrors belong to the car"
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone(null)
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault()
            void send()
          }
        }}
      />
      {problem ? (
        <p className="labelops-problems" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="labelops-actions__row">
        <Button
          type="submit"
          buttonStyle="primary"
          size="small"
          disabled={busy || !title.trim()}
          extraButtonProps={{ 'data-action': 'raise-issue' }}
        >
          {busy ? 'Raising…' : 'Raise issue'}
        </Button>
        <Button type="button" buttonStyle="secondary" size="small" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
