'use client'
// "Import data items" on a saved dataset's page (a UI field of datasets): a JSON, NDJSON or CSV manifest sent to
// POST /api/datasets/:id/import as it is read from disk, with the bytes sent shown as they go; at the end the
// accepted, created and updated counts and every rejected row with its field and rule.
import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import { MANIFEST_CONTENT_TYPES, manifestFormat } from '../../src/domain/import/manifestFormat.ts'
import type { ImportResult } from '../../src/operations/importDataItems.ts'
import { FilePickerRow } from './FilePickerRow.tsx'
import { ImportOutcome } from './ImportOutcome.tsx'
import { serverRefusal, uploadWithProgress } from './uploadWithProgress.ts'
import './datasets.css'

type State =
  | { kind: 'idle' }
  | { kind: 'sending'; file: string; sent: number; total: number }
  | { kind: 'done'; file: string; answer: ImportResult }
  | { kind: 'refused'; file: string; message: string }

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MB`

export function DatasetImport() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const [state, setState] = useState<State>({ kind: 'idle' })
  if (id === undefined || id === null) {
    return <p className="labelops-dataset-import__hint">Save the dataset, then import its data items here.</p>
  }

  const send = async (file: File) => {
    const format = manifestFormat(file.name) ?? manifestFormat(file.type)
    if (!format) return setState({ kind: 'refused', file: file.name, message: 'Choose a .json, .ndjson / .jsonl or .csv file.' })
    setState({ kind: 'sending', file: file.name, sent: 0, total: file.size })
    const url = `${config.serverURL}${config.routes.api}/${collectionSlug}/${encodeURIComponent(String(id))}/import`
    const answer = await uploadWithProgress(url, file, MANIFEST_CONTENT_TYPES[format], (sent, total) =>
      setState({ kind: 'sending', file: file.name, sent, total }),
    )
    const body = answer.body as ImportResult | null
    if (answer.status >= 200 && answer.status < 300 && body) return setState({ kind: 'done', file: file.name, answer: body })
    setState({
      kind: 'refused',
      file: file.name,
      message:
        serverRefusal(answer) ?? (answer.status === 0 ? 'The server cannot be reached. Try again.' : `Import failed (${answer.status}).`),
    })
  }

  return (
    <div className="labelops-dataset-import" data-testid="dataset-import">
      <FilePickerRow
        action="import-data-items"
        testId="import-data-items-file"
        label="Import data items…"
        hint="A JSON array, NDJSON or CSV file: externalId, name, type, url, width, height, metadata… Re-importing an externalId updates it."
        accept=".json,.ndjson,.jsonl,.csv,application/json,text/csv"
        busy={state.kind === 'sending'}
        onFiles={([file]) => void send(file!)}
      />
      {state.kind === 'sending' ? (
        <div className="labelops-dataset-import__progress" role="status">
          <progress value={state.sent} max={state.total || 1} />
          <span>
            {state.sent < state.total
              ? `Sending ${state.file}: ${megabytes(state.sent)} of ${megabytes(state.total)}`
              : `Importing ${state.file}…`}
          </span>
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <ImportOutcome file={state.file} answer={state.answer} onDismiss={() => setState({ kind: 'idle' })} />
      ) : null}
      {state.kind === 'refused' ? (
        <div
          className="labelops-dataset-import__outcome labelops-dataset-import__outcome--refused"
          role="alert"
          data-testid="dataset-import-outcome"
        >
          <p>
            Nothing imported from {state.file}: {state.message}
          </p>
          <Button buttonStyle="subtle" size="small" margin={false} onClick={() => setState({ kind: 'idle' })}>
            Dismiss
          </Button>
        </div>
      ) : null}
    </div>
  )
}
