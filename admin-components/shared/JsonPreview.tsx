'use client'
// A read-only JSON field shown as indented text (admin.components.Field of fields nobody edits, set by
// src/admin/jsonFields.ts): no code editor to fetch, so it reads the same offline, and it can be selected and copied.
import { FieldDescription, FieldLabel, useField } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

import './labelops.css'

export const JsonPreview: JSONFieldClientComponent = ({ path, field }) => {
  const { value } = useField<unknown>({ path })
  return (
    <div className="field-type labelops-json-preview">
      <FieldLabel label={field.label} path={path} required={field.required} />
      <pre className="labelops-json-preview__text" data-field={path}>
        {value === undefined || value === null ? '—' : JSON.stringify(value, null, 2)}
      </pre>
      {field.admin?.description ? <FieldDescription description={field.admin.description} path={path} /> : null}
    </div>
  )
}
