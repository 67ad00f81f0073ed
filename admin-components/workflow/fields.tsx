'use client'
// Small inputs of the workflow builder's side panel: text committed on blur (a pathway renamed per keystroke
// would drop its edge on the way), and a multi-select of people or groups.
import { ReactSelect } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { PersonOrGroup } from './usePeopleOptions.ts'

type CommitInputProps = {
  label: string
  value: string
  onCommit: (value: string) => void
  disabled?: boolean
  name?: string
  type?: 'text' | 'number'
}

/** A text box whose value is handed on when it loses focus or Enter is pressed. */
export function CommitInput({ label, value, onCommit, disabled, name, type = 'text' }: CommitInputProps) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  const commit = () => {
    if (text !== value) onCommit(text)
  }
  return (
    <label className="labelops-workflow__input">
      <span>{label}</span>
      <input
        type={type}
        name={name}
        value={text}
        disabled={disabled}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            commit()
          }
        }}
      />
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
  return (
    <div className="labelops-workflow__pick">
      <span>{label}</span>
      <ReactSelect
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
