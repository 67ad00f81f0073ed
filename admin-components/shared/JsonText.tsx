'use client'
// An editable JSON field as plain text (admin.components.Field of LabelOps' JSON fields that people edit, set by
// src/admin/jsonFields.ts): nothing to fetch, so it works offline, unlike Payload's Monaco editor, which loads
// from a CDN. Text that is not JSON is kept as typed and named under the field; saving it is refused by the
// field's own validation, so a half-typed value never replaces the stored one.
import { FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'
import { useEffect, useRef, useState } from 'react'

import './labelops.css'

const format = (value: unknown) => (value === undefined || value === null ? '' : JSON.stringify(value, null, 2))

/** The parse error as a person reads it: the position turned into a line and column. */
function parseProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    const message = (error as Error).message
    const at = /position (\d+)/.exec(message)
    if (!at) return `Not valid JSON: ${message}`
    const before = text.slice(0, Number(at[1]))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return `Not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`
  }
}

export const JsonText: JSONFieldClientComponent = ({ path, field, readOnly }) => {
  const { value, setValue, showError, disabled } = useField<unknown>({ path })
  const [text, setText] = useState(() => format(value))
  const [problem, setProblem] = useState<string | null>(null)
  // what this editor last wrote, so a change from elsewhere (a reset, a save's answer) is shown and ours is not re-formatted
  const written = useRef<unknown>(value)
  useEffect(() => {
    if (value === written.current) return
    written.current = value
    setText(format(value))
    setProblem(null)
  }, [value])

  const change = (next: string) => {
    setText(next)
    const found = next.trim() === '' ? null : parseProblem(next)
    setProblem(found)
    const parsed = next.trim() === '' ? null : found ? next : (JSON.parse(next) as unknown)
    written.current = parsed
    setValue(parsed)
  }
  const id = `field-${path.replace(/\./g, '__')}`
  const description = field.admin?.description
  return (
    <div className={['field-type', 'labelops-json-text', (showError || problem) && 'error'].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={id} label={field.label} path={path} required={field.required} />
      <div className="field-type__wrap">
        <FieldError message={problem ?? undefined} path={path} showError={Boolean(problem) || showError} />
        <textarea
          id={id}
          className="labelops-json-text__input"
          value={text}
          onChange={(event) => change(event.target.value)}
          readOnly={readOnly || disabled}
          spellCheck={false}
          rows={Math.min(24, Math.max(4, text.split('\n').length + 1))}
          aria-invalid={Boolean(problem)}
        />
      </div>
      {description ? <FieldDescription description={description} path={path} /> : null}
    </div>
  )
}
