'use client'
// The small parts every item of the ontology editor has: its name input with its problems, its id, and move
// up, move down and remove.
import { useId } from 'react'

import { moveItem, removeItem } from '../../src/domain/ontology/editing.ts'

type Props<T> = {
  /** the item's feature id, shown beside the buttons */
  id: string | undefined
  list: readonly T[]
  index: number
  /** how a screen reader names the item: "object Car" */
  what: string
  onChange: (list: T[]) => void
  disabled?: boolean
}

/** An item's id, then move up, move down and remove, each answering the whole list changed. */
export function ItemControls<T>({ id, list, index, what, onChange, disabled }: Props<T>) {
  return (
    <>
      <FeatureId id={id} />
      <span className="labelops-ontology__controls">
        <button
          type="button"
          onClick={() => onChange(moveItem(list, index, -1))}
          disabled={disabled || index === 0}
          aria-label={`Move ${what} up`}
          title="Move up"
        >
          ↑
        </button>
        <button
          type="button"
          onClick={() => onChange(moveItem(list, index, 1))}
          disabled={disabled || index === list.length - 1}
          aria-label={`Move ${what} down`}
          title="Move down"
        >
          ↓
        </button>
        <button
          type="button"
          onClick={() => onChange(removeItem(list, index))}
          disabled={disabled}
          aria-label={`Remove ${what}`}
          title="Remove"
          className="labelops-ontology__remove"
        >
          ✕
        </button>
      </span>
    </>
  )
}

/** The problems of one input or item, announced politely as they change. */
export function Problems({ messages, id }: { messages: string[]; id?: string }) {
  if (messages.length === 0) return null
  return (
    <span id={id} className="labelops-ontology__problem" aria-live="polite">
      {messages.join('; ')}
    </span>
  )
}

/** A feature's id: fixed once saved (labels refer to it); "new" until the server gives it one. */
export function FeatureId({ id }: { id?: string }) {
  return <code className="labelops-ontology__id">{id ? id : 'new'}</code>
}

type NameProps = {
  label: string
  placeholder: string
  value: string | undefined
  onChange: (value: string) => void
  readOnly: boolean
  problems: string[]
}

/** A feature's name (or an option's label), with the problems validation finds in it underneath, tied to it. */
export function NameInput({ label, placeholder, value, onChange, readOnly, problems }: NameProps) {
  const problemId = useId()
  return (
    <div className="labelops-ontology__grow labelops-ontology__name">
      <label>
        <span>{label}</span>
        <input
          value={value ?? ''}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          readOnly={readOnly}
          aria-invalid={problems.length > 0}
          aria-describedby={problems.length > 0 ? problemId : undefined}
        />
      </label>
      <Problems messages={problems} id={problemId} />
    </div>
  )
}
