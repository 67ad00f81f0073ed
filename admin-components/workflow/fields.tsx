'use client'
// Small inputs of the workflow builder's side panel: text committed on blur (a pathway renamed per keystroke
// would drop its edge on the way), and a multi-select of people or groups.
import { ReactSelect } from '@payloadcms/ui'
import { useEffect, useId, useState } from 'react'

import type { PersonOrGroup } from './usePeopleOptions.ts'

type CommitInputProps = {
  label: string
  value: string
  onCommit: (value: string) => void
  disabled?: boolean
  name?: string
  type?: 'text' | 'number'
  /** commit on every keystroke (names, numbers); pathway renames commit on blur or Enter only */
  live?: boolean
  /** why `text` cannot be committed, shown under the box (the stored value stays) */
  validate?: (text: string) => string | null
}

/** A text box whose value is handed on as typed (`live`) or when it loses focus or Enter is pressed. */
export function CommitInput({ label, value, onCommit, disabled, name, type = 'text', live, validate }: CommitInputProps) {
  const [text, setText] = useState(value)
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()
  useEffect(() => setText(value), [value])
  const commit = (next: string, input: HTMLInputElement) => {
    const why = input.validity.badInput ? 'Not a number.' : (validate?.(next) ?? null)
    setProblem(why)
    if (why || next === value) return
    onCommit(next)
  }
  return (
    <label className="labelops-workflow__input" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type={type}
        name={name}
        value={text}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => {
          setText(event.target.value)
          if (live) commit(event.target.value, event.target)
        }}
        onBlur={(event) => {
          commit(text, event.target)
          // a value the stored one normalised (a trimmed name, a whole number) shows as stored
          if (!problem) setText(value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            commit(text, event.currentTarget)
          }
        }}
      />
      {problem ? (
        <span className="labelops-workflow__input-problem" id={`${id}-problem`}>
          {problem}
        </span>
      ) : null}
    </label>
  )
}

type PickManyProps = {
  label: string
  options: PersonOrGroup[]
  value: ReadonlyArray<number | string> | undefined
  onChange: (ids: Array<number | string>) => void
  disabled?: boolean
  placeholder: string
}

/** Several people or groups, by name; ids the caller cannot read stay, shown by id. */
export function PickMany({ label, options, value, onChange, disabled, placeholder }: PickManyProps) {
  const chosen = (value ?? []).map(
    (id) => options.find((option) => option.value === String(id)) ?? { value: String(id), label: `#${id}`, ref: id },
  )
  const id = useId()
  return (
    <div className="labelops-workflow__pick">
      <label htmlFor={id}>{label}</label>
      <ReactSelect
        inputId={id}
        isMulti
        isClearable
        disabled={disabled}
        options={options}
        placeholder={placeholder}
        value={chosen}
        onChange={(picked) => {
          const list = (Array.isArray(picked) ? picked : picked ? [picked] : []) as PersonOrGroup[]
          onChange(list.map((option) => option.ref))
        }}
      />
    </div>
  )
}
