// The one rule for LabelOps' JSON fields in the admin panel: none loads Payload's Monaco editor, which fetches
// itself from a CDN (offline it stays a grey box and fills the console with errors). A field people edit is
// JsonText (plain text, parse errors named by line and column); a read-only one is JsonPreview (indented,
// selectable text). A field that names its own component keeps it. Many-valued text (tags) shows as pills in lists.
import type { CollectionConfig, Field } from 'payload'

export const JSON_TEXT = 'labelops/client#JsonText'
/** many-valued text (tags) in lists: pills, not the raw array */
export const TAGS_CELL = 'labelops/client#TagsCell'
export const JSON_PREVIEW = 'labelops/client#JsonPreview'

/** Which component a JSON field gets: read-only (a boolean; a function is decided per request, so it edits) or not. */
export function jsonFieldComponent(field: { admin?: { readOnly?: unknown } }): string {
  return field.admin?.readOnly === true ? JSON_PREVIEW : JSON_TEXT
}

function withJsonComponents(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'json') {
      if (field.admin?.components?.Field) return field
      return { ...field, admin: { ...field.admin, components: { ...field.admin?.components, Field: jsonFieldComponent(field) } } }
    }
    if (field.type === 'text' && field.hasMany && !field.admin?.components?.Cell)
      return { ...field, admin: { ...field.admin, components: { ...field.admin?.components, Cell: TAGS_CELL } } }
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withJsonComponents(tab.fields) })) }
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: withJsonComponents(field.fields) } as Field
    if (field.type === 'blocks')
      return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: withJsonComponents(block.fields) })) }
    return field
  })
}

/** The collection with every JSON field (at any depth) given JsonText or JsonPreview, and tags shown as pills in lists. */
export function withJsonEditors(collection: CollectionConfig): CollectionConfig {
  return { ...collection, fields: withJsonComponents(collection.fields) }
}
