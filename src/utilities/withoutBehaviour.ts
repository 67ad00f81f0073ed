import type { CollectionConfig, Field } from 'payload'

/**
 * `enabled: false`: the same collection and fields (so the schema and migrations do not move), with our
 * hooks and endpoints taken off. Access rules stay: switching LabelOps off must never open its data.
 */
export function withoutBehaviour(collection: CollectionConfig): CollectionConfig {
  return { ...collection, hooks: {}, endpoints: [], fields: collection.fields.map(stripField) }
}

function stripField(field: Field): Field {
  const stripped = { ...field, hooks: {} } as Field
  if ('fields' in stripped && Array.isArray(stripped.fields)) {
    ;(stripped as { fields: Field[] }).fields = stripped.fields.map(stripField)
  }
  if ('tabs' in stripped && Array.isArray(stripped.tabs)) {
    ;(stripped as { tabs: unknown[] }).tabs = stripped.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(stripField) }))
  }
  if ('blocks' in stripped && Array.isArray(stripped.blocks)) {
    ;(stripped as { blocks: unknown[] }).blocks = stripped.blocks.map((block) =>
      typeof block === 'string' ? block : { ...block, fields: block.fields.map(stripField) },
    )
  }
  return stripped
}
