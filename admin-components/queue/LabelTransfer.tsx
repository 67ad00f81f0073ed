'use client'
// Labels out and in, on a project's Queue tab (for whoever runs the project): "Export labels" downloads the
// labelled tasks matching the queue's stage and status filters as LabelOps JSON or COCO; "Import labels"
// sends a LabelOps JSON or COCO file as pre-labels or as the gold set, and lists every rejected row.
import { Button } from '@payloadcms/ui'
import { useRef, useState } from 'react'

import type { QueueFilters } from './queueState.ts'

type Props = { api: string; projectsSlug: string; projectId: string; filters: QueueFilters }
/** the import's answer, or Payload's error envelope */
type ImportAnswer = {
  kind?: string
  imported?: number
  created?: number
  replaced?: number
  errors?: Array<{ message?: string; data?: { errors?: Array<{ path: string; message: string }> } }>
}
type Outcome =
  { kind: 'done'; text: string } | { kind: 'refused'; text: string; problems: Array<{ path: string; message: string }> } | { kind: 'busy' }

const FORMATS = [
  { value: 'labelops', label: 'LabelOps JSON' },
  { value: 'coco', label: 'COCO' },
]
const KINDS = [
  { value: 'pre-label', label: 'as pre-labels' },
  { value: 'gold', label: 'as the gold set' },
]
const SHOWN_PROBLEMS = 12

export function LabelTransfer({ api, projectsSlug, projectId, filters }: Props) {
  const [format, setFormat] = useState('labelops')
  const [kind, setKind] = useState('pre-label')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const base = `${api}/${projectsSlug}/${encodeURIComponent(projectId)}`
  const exportQuery = new URLSearchParams({
    format,
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  })

  const upload = async (file: File) => {
    setOutcome({ kind: 'busy' })
    const response = await fetch(`${base}/import-labels?kind=${kind}&source=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: file,
    }).catch(() => null)
    if (fileInput.current) fileInput.current.value = ''
    if (!response) return setOutcome({ kind: 'refused', text: 'The server cannot be reached. Try again.', problems: [] })
    const body = (await response.json().catch(() => null)) as ImportAnswer | null
    if (response.ok && body) {
      const what = body.kind === 'gold' ? 'gold labels' : 'pre-labels'
      return setOutcome({
        kind: 'done',
        text: `Imported ${body.imported} ${what} from ${file.name} (${body.created} new, ${body.replaced} replaced).`,
      })
    }
    const error = body?.errors?.[0]
    setOutcome({
      kind: 'refused',
      text: error?.message ? 'Nothing was imported: the file has problems.' : `Import failed (${response.status}).`,
      problems: error?.data?.errors ?? (error?.message ? [{ path: '', message: error.message }] : []),
    })
  }

  return (
    <div className="labelops-transfer" data-testid="label-transfer">
      <div className="labelops-transfer__row">
        <Choice label="Export format" options={FORMATS} value={format} onChange={setFormat} />
        <Button
          el="anchor"
          url={`${base}/export?${exportQuery.toString()}`}
          buttonStyle="secondary"
          size="small"
          margin={false}
          extraButtonProps={{ 'data-action': 'export-labels', download: '' }}
          tooltip="The labelled tasks matching the stage and status filters"
        >
          Export labels
        </Button>
        <span className="labelops-transfer__divider" aria-hidden="true" />
        <Choice label="Import as" options={KINDS} value={kind} onChange={setKind} />
        <Button
          buttonStyle="secondary"
          size="small"
          margin={false}
          disabled={outcome?.kind === 'busy'}
          onClick={() => fileInput.current?.click()}
          extraButtonProps={{ 'data-action': 'import-labels' }}
        >
          {outcome?.kind === 'busy' ? 'Importing…' : 'Import labels…'}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-labels-file"
          onChange={(event) => {
            const file = event.target.files?.[0]
            if (file) void upload(file)
          }}
        />
      </div>
      {outcome && outcome.kind !== 'busy' ? (
        <div
          className={`labelops-transfer__outcome labelops-transfer__outcome--${outcome.kind}`}
          role="status"
          data-testid="import-outcome"
        >
          <p>{outcome.text}</p>
          {outcome.kind === 'refused' && outcome.problems.length > 0 ? (
            <ul>
              {outcome.problems.slice(0, SHOWN_PROBLEMS).map((problem, i) => (
                <li key={i}>
                  {problem.path ? <code>{problem.path}</code> : null} {problem.message}
                </li>
              ))}
              {outcome.problems.length > SHOWN_PROBLEMS ? <li>and {outcome.problems.length - SHOWN_PROBLEMS} more</li> : null}
            </ul>
          ) : null}
          <Button buttonStyle="subtle" size="small" margin={false} onClick={() => setOutcome(null)}>
            Dismiss
          </Button>
        </div>
      ) : null}
    </div>
  )
}

function Choice(props: {
  label: string
  options: Array<{ value: string; label: string }>
  value: string
  onChange: (value: string) => void
}) {
  return (
    <select
      className="labelops-transfer__select"
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    >
      {props.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  )
}
