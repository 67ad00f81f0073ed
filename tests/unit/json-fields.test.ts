import type { CollectionConfig, Config, Field } from 'payload'
import { describe, expect, it } from 'vitest'

import { JSON_PREVIEW, JSON_TEXT, TAGS_CELL, withJsonEditors } from '../../src/admin/jsonFields.ts'
import { labelOpsPlugin } from '../../src/index.ts'

const host = {
  secret: 'x',
  db: { name: 'postgres' },
  editor: {},
  collections: [{ slug: 'users', auth: true, fields: [] }],
} as unknown as Config

/** Every JSON field of a field list, at any depth, with where it sits. */
function jsonFields(fields: Field[], at: string): Array<{ at: string; field: Extract<Field, { type: 'json' }> }> {
  return fields.flatMap((field) => {
    const here = 'name' in field ? `${at}.${field.name}` : at
    if (field.type === 'json') return [{ at: here, field }]
    if (field.type === 'tabs') return field.tabs.flatMap((tab) => jsonFields(tab.fields, here))
    if ('fields' in field && Array.isArray(field.fields)) return jsonFields(field.fields as Field[], here)
    return []
  })
}

describe('JSON fields in the admin panel', () => {
  it("no LabelOps JSON field falls back to Payload's Monaco editor: read-only ones preview, the rest edit as text", () => {
    const config = labelOpsPlugin()(host)
    const found = (config.collections ?? []).flatMap((collection) => jsonFields(collection.fields, collection.slug))
    expect(found.length).toBeGreaterThan(15)
    const ontologyEditor = new Set(['ontologies.objects', 'ontologies.classifications'])
    const workflowBuilder = new Set(['projects.workflow', 'workflow-templates.graph'])
    for (const { at, field } of found) {
      const component = field.admin?.components?.Field
      if (workflowBuilder.has(at)) {
        expect((component as { path?: string })?.path, at).toBe('labelops/client#WorkflowField')
        continue
      }
      const expected = ontologyEditor.has(at) ? 'labelops/client#OntologyField' : field.admin?.readOnly === true ? JSON_PREVIEW : JSON_TEXT
      expect(component, at).toBe(expected)
    }
    // the ones people edit as text
    const editable = found.filter(({ field }) => field.admin?.components?.Field === JSON_TEXT).map(({ at }) => at)
    expect(editable).toEqual(expect.arrayContaining(['data-items.metadata']))
    expect(editable).not.toContain('labels.objects')
  })

  it('reaches nested fields and keeps a component a field names itself', () => {
    const collection: CollectionConfig = {
      slug: 'things',
      fields: [
        { name: 'own', type: 'json', admin: { components: { Field: '/host#Mine' } } },
        { name: 'box', type: 'group', fields: [{ name: 'inner', type: 'json', admin: { readOnly: true } }] },
        { type: 'tabs', tabs: [{ label: 'A', fields: [{ name: 'tabbed', type: 'json' }] }] },
        { name: 'rows', type: 'array', fields: [{ name: 'perRow', type: 'json' }] },
      ],
    }
    const fields = Object.fromEntries(
      jsonFields(withJsonEditors(collection).fields, 'things').map(({ at, field }) => [at, field.admin?.components?.Field]),
    )
    expect(fields).toEqual({
      'things.own': '/host#Mine',
      'things.box.inner': JSON_PREVIEW,
      'things.tabbed': JSON_TEXT,
      'things.rows.perRow': JSON_TEXT,
    })
  })
  it('shows every many-valued text field (tags) as pills in lists, keeping a cell a field names itself', () => {
    const config = labelOpsPlugin()(host)
    const cells = Object.fromEntries(
      (config.collections ?? []).flatMap((collection) =>
        collection.fields.flatMap((field) =>
          field.type === 'text' && field.hasMany ? [[`${collection.slug}.${field.name}`, field.admin?.components?.Cell]] : [],
        ),
      ),
    )
    expect(cells).toMatchObject({ 'projects.tags': TAGS_CELL, 'issues.tags': TAGS_CELL, 'workspaces.issueTags': TAGS_CELL })
    const own: CollectionConfig = {
      slug: 'things',
      fields: [{ name: 'tags', type: 'text', hasMany: true, admin: { components: { Cell: '/host#Cell' } } }],
    }
    expect((withJsonEditors(own).fields[0] as { admin: { components: { Cell: string } } }).admin.components.Cell).toBe('/host#Cell')
  })
})
