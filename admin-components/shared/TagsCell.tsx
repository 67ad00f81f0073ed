'use client'
// A list cell of a many-valued text field (tags): each value a pill, never the raw JSON array.
import type { DefaultCellComponentProps, TextFieldClient } from 'payload'

import './labelops.css'

export function TagsCell({ cellData }: DefaultCellComponentProps<TextFieldClient>) {
  const values = Array.isArray(cellData) ? cellData : typeof cellData === 'string' && cellData ? [cellData] : []
  if (values.length === 0) return <span className="labelops-tags labelops-tags--none">—</span>
  return (
    <span className="labelops-tags">
      {values.map((value, index) => (
        <span key={`${value}-${index}`} className="labelops-tags__tag">
          {String(value)}
        </span>
      ))}
    </span>
  )
}
