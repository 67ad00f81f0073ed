import { describe, expect, it } from 'vitest'

import { buildDemoConfig } from '../../demo/buildDemoConfig.ts'
import { isPlainDataItemsCollection } from '../../src/operations/claimedDataItem.ts'

// The claim reads its data item with one query only while the collection is LabelOps' own shape; any host
// field, read hook or field access sends it through Payload (tests/api/claim-host-fields.test.ts).
const dataItemsOf = async (config: Awaited<ReturnType<typeof buildDemoConfig>>) =>
  config.collections.find((collection) => collection.slug === 'data-items')!

describe('isPlainDataItemsCollection', () => {
  const unusedDatabase = 'postgres://postgres@127.0.0.1:1/unused'

  it('is true for LabelOps’ own data items', async () => {
    expect(isPlainDataItemsCollection(await dataItemsOf(await buildDemoConfig({ databaseUri: unusedDatabase, push: false })))).toBe(true)
  })

  it.each([
    ['a host field', { fields: [{ name: 'hostNote', type: 'text' }] }],
    ['a nested host field', { fields: [{ name: 'extra', type: 'group', fields: [{ name: 'inner', type: 'text' }] }] }],
    ['a field read hook', { fields: [{ name: 'name', type: 'text', hooks: { afterRead: [() => 'x'] } }] }],
    ['field read access', { fields: [{ name: 'name', type: 'text', access: { read: () => false } }] }],
    ['a collection read hook', { hooks: { afterRead: [({ doc }: { doc: unknown }) => doc] } }],
  ])('is false with %s', async (_name, change) => {
    const config = await buildDemoConfig({
      databaseUri: unusedDatabase,
      push: false,
      labelOps: {
        overrides: {
          dataItems: ({ defaultCollection }) => ({
            ...defaultCollection,
            fields: [
              ...defaultCollection.fields.filter(
                (field) => !('fields' in change && 'name' in field && change.fields.some((f) => f.name === field.name)),
              ),
              ...(('fields' in change ? change.fields : []) as never[]),
            ],
            hooks: { ...defaultCollection.hooks, ...('hooks' in change ? (change.hooks as never) : {}) },
          }),
        },
      },
    })
    expect(isPlainDataItemsCollection(await dataItemsOf(config))).toBe(false)
  })
})
