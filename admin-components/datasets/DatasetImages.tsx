'use client'
// "Upload images…" on a saved dataset's page (a UI field of datasets, when the host has a media collection): each
// image is uploaded to the media collection with its progress shown, measured in the browser, then all of them
// become data items through the dataset's import (one row per file, keyed by its name). Failed uploads are listed.
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import type { UIFieldClientComponent } from 'payload'
import { useState } from 'react'

import { mediaManifest, type UploadedImage } from '../../src/domain/import/mediaRows.ts'
import type { ImportResult } from '../../src/operations/importDataItems.ts'
import { FilePickerRow } from './FilePickerRow.tsx'
import { ImportOutcome } from './ImportOutcome.tsx'
import { serverRefusal, uploadFormWithProgress, uploadWithProgress } from './uploadWithProgress.ts'
import './datasets.css'

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; index: number; count: number; file: string; sent: number; total: number }
  | { kind: 'importing'; count: number }
  | { kind: 'done'; answer: ImportResult | null; failed: Array<{ file: string; message: string }>; count: number }

/** An image's natural size, measured in the browser (undefined when it cannot be decoded here). */
async function measure(file: File): Promise<{ width?: number; height?: number }> {
  try {
    const bitmap = await createImageBitmap(file)
    const size = { width: bitmap.width, height: bitmap.height }
    bitmap.close()
    return size
  } catch {
    return {}
  }
}

export const DatasetImages: UIFieldClientComponent = (props) => {
  const { mediaSlug } = props as unknown as { mediaSlug: string }
  const { id, collectionSlug, docPermissions } = useDocumentInfo()
  const { config } = useConfig()
  const [state, setState] = useState<State>({ kind: 'idle' })
  // importing is changing the dataset: nothing is uploaded for someone the import would refuse
  if (id === undefined || id === null || !docPermissions?.update) return null
  const api = `${config.serverURL}${config.routes.api}`

  const send = async (files: File[]) => {
    const uploaded: UploadedImage[] = []
    const failed: Array<{ file: string; message: string }> = []
    for (const [index, file] of files.entries()) {
      setState({ kind: 'uploading', index, count: files.length, file: file.name, sent: 0, total: file.size })
      const form = new FormData()
      form.append('file', file)
      form.append('_payload', JSON.stringify({ alt: file.name }))
      const answer = await uploadFormWithProgress(`${api}/${mediaSlug}`, form, file.size, (sent, total) =>
        setState({ kind: 'uploading', index, count: files.length, file: file.name, sent, total }),
      )
      const body = answer.body as { doc?: { id: number | string } } | null
      if (answer.status >= 200 && answer.status < 300 && body?.doc)
        uploaded.push({ file: file.name, media: body.doc.id, ...(await measure(file)) })
      else failed.push({ file: file.name, message: serverRefusal(answer) ?? `upload failed (${answer.status || 'no answer'})` })
    }
    if (uploaded.length === 0) return setState({ kind: 'done', answer: null, failed, count: files.length })
    setState({ kind: 'importing', count: uploaded.length })
    const manifest = new File([mediaManifest(uploaded)], 'images.ndjson', { type: 'application/x-ndjson' })
    const imported = await uploadWithProgress(
      `${api}/${collectionSlug}/${encodeURIComponent(String(id))}/import`,
      manifest,
      'application/x-ndjson',
      () => undefined,
    )
    const answer = imported.status >= 200 && imported.status < 300 ? (imported.body as ImportResult) : null
    if (!answer) {
      failed.push({
        file: 'The data items',
        message:
          serverRefusal(imported) ??
          (imported.status === 0 ? 'the server cannot be reached; try again' : `the import failed (${imported.status})`),
      })
    }
    setState({ kind: 'done', answer, failed, count: files.length })
  }

  return (
    <div className="labelops-dataset-import" data-testid="dataset-images">
      <FilePickerRow
        action="upload-images"
        testId="upload-images-files"
        label="Upload images…"
        hint="Each image becomes a data item named after its file. A file of the same name replaces that item’s image: rename files that only share a name."
        accept="image/*"
        multiple
        busy={state.kind === 'uploading' || state.kind === 'importing'}
        onFiles={(files) => void send(files)}
      />
      {state.kind === 'uploading' ? (
        <div className="labelops-dataset-import__progress" role="status">
          <progress value={state.index * 100 + (state.total ? (100 * state.sent) / state.total : 0)} max={state.count * 100} />
          <span>
            Uploading {state.index + 1} of {state.count}: {state.file}
          </span>
        </div>
      ) : null}
      {state.kind === 'importing' ? (
        <div className="labelops-dataset-import__progress" role="status">
          <span>Adding {state.count} images to the dataset…</span>
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <>
          {state.answer ? (
            <ImportOutcome file={`${state.count} images`} answer={state.answer} onDismiss={() => setState({ kind: 'idle' })} />
          ) : null}
          {state.failed.length ? (
            <ul className="labelops-dataset-import__failed" role="alert" data-testid="upload-images-failed">
              {state.failed.map((one) => (
                <li key={one.file}>
                  {one.file}: {one.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  )
}
