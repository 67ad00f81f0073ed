'use client'
// A dataset page's file action: a button that opens the file chooser, a hint beside it, and the hidden input —
// emptied after each choice, so the same file (fixed on disk) can be chosen again.
import { Button } from '@payloadcms/ui'
import { useRef } from 'react'

type Props = {
  /** data-action of the button; the input's data-testid */
  action: string
  testId: string
  label: string
  hint: string
  accept: string
  multiple?: boolean
  busy: boolean
  onFiles: (files: File[]) => void
}

export function FilePickerRow({ action, testId, label, hint, accept, multiple = false, busy, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <div className="labelops-dataset-import__row">
      <Button
        buttonStyle="secondary"
        size="small"
        margin={false}
        disabled={busy}
        onClick={() => input.current?.click()}
        extraButtonProps={{ 'data-action': action }}
      >
        {label}
      </Button>
      <span className="labelops-dataset-import__hint">{hint}</span>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        data-testid={testId}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          if (files.length) onFiles(files)
        }}
      />
    </div>
  )
}
