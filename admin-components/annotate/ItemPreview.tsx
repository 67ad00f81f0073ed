'use client'
// A data item that is not drawn on in the browser (a text without inline text, audio, documents): shown as well as the
// browser can, with a word on what can be done with it.
import type { DataItem } from './types.ts'

export function ItemPreview({ item, src }: { item: DataItem; src: string | null }) {
  const type = item.type ?? 'unknown'
  if (type === 'text')
    return (
      <div className="labelops-preview">
        <p className="labelops-preview__note">
          This text item has no inline text to label: answer the classifications on the right, or skip it with a reason.
        </p>
        <div className="labelops-preview__text">{item.source?.text ?? '(no text)'}</div>
      </div>
    )
  return (
    <div className="labelops-preview">
      <p className="labelops-preview__note">
        {type} items cannot be labelled with shapes in the browser yet. Look at the item, answer the classifications on the right and
        submit, or skip it with a reason.
      </p>
      {src && type === 'audio' ? <audio src={src} controls /> : null}
      {src && type !== 'audio' ? (
        <a href={src} target="_blank" rel="noreferrer">
          Open the {type} in a new tab
        </a>
      ) : null}
    </div>
  )
}
