'use client'
// An editable JSON field as plain text (admin.components.Field of LabelOps' JSON fields that people edit, set by
// src/admin/jsonFields.ts): nothing to fetch, so it works offline, unlike Payload's Monaco editor, which loads
// from a CDN. Text that is not JSON is kept as typed (as the value, as Payload's own JSON field does) and named
// under the field; the field's validation refuses to save it, so a half-typed value never replaces the stored one.
import { FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'
import { useCallback, useEffect, useId, useRef, useState } from 'react'

import { jsonTextOf, jsonTextProblem } from '../../src/domain/utilities/jsonText.ts'
import './labelops.css'

export const JsonText: JSONFieldClientComponent = ({ path, field, readOnly }) => {
  // the field's rule in the form too, so Payload's form counts the field invalid (the server refuses text that is
  // not JSON whatever the form thinks)
  const validate = useCallback((value: unknown) => (typeof value === 'string' ? (jsonTextProblem(value) ?? true) : true), [])
  const { value, setValue, showError, errorMessage, disabled } = useField<unknown>({ path, validate })
  const [text, setText] = useState(() => jsonTextOf(value))
  // what this editor last wrote, so a change from elsewhere (a reset, a save's answer) is shown and ours is not re-formatted
  const written = useRef<unknown>(value)
  useEffect(() => {
    if (value === written.current) return
    written.current = value
    setText(jsonTextOf(value))
  }, [value])
  const problem = jsonTextProblem(text)

  const change = (next: string) => {
    setText(next)
    const parsed = next.trim() === '' ? null : jsonTextProblem(next) ? next : (JSON.parse(next) as unknown)
    written.current = parsed
    setValue(parsed)
  }
  const id = `field-${path.replace(/\./g, '__')}`
  const problemId = useId()
  const description = field.admin?.description
  const shown = problem ?? (showError ? errorMessage : undefined)
  return (
    <div className={['field-type', 'labelops-json-text', shown && 'error'].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={id} label={field.label} path={path} required={field.required} />
      <div className="field-type__wrap">
        <FieldError message={shown} path={path} showError={Boolean(shown)} />
        <textarea
          id={id}
          className="labelops-json-text__input"
          value={text}
          onChange={(event) => change(event.target.value)}
          readOnly={readOnly || disabled}
          spellCheck={false}
          rows={Math.min(24, Math.max(4, text.split('\n').length + 1))}
          aria-invalid={Boolean(shown)}
          aria-describedby={shown ? problemId : undefined}
        />
        {shown ? (
          <span id={problemId} className="labelops-json-text__sr-only">
            {shown}
          </span>
        ) : null}
      </div>
      {description ? <FieldDescription description={description} path={path} /> : null}
    </div>
  )
}
