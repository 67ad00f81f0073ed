import type { CollectionAfterReadHook, Field } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { isPlainDataItemsCollection } from '../../src/operations/claimedDataItem.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// Hosts keep their hooks: a host that adds a field and an afterRead hook to data items sees both in the claim
// answer, which shows the item exactly as GET /api/data-items/:id?depth=0 shows it to the same person.
const markShown: CollectionAfterReadHook = ({ doc }) => ({ ...doc, shownBy: 'host hook' })
const hostNote: Field = { name: 'hostNote', type: 'text' }

let api: TestApi
beforeAll(async () => {
  api = await startTestApi({
    push: true,
    labelOps: {
      overrides: {
        dataItems: ({ defaultCollection }) => ({
          ...defaultCollection,
          fields: [...defaultCollection.fields, hostNote],
          hooks: { ...defaultCollection.hooks, afterRead: [...(defaultCollection.hooks?.afterRead ?? []), markShown] },
        }),
      },
    },
  })
})
afterAll(async () => api?.close())

describe('the claim answer with a host override of data items', () => {
  it('shows the host field and the afterRead hook, as REST does', async () => {
    expect(isPlainDataItemsCollection(api.payload.collections['data-items']!.config)).toBe(false)
    const world = await buildWorkflowWorld(api, { items: 1 })
    const { project } = await world.startProject('Annotate → Complete')
    const annotator = world.annotators[0]!
    const items = await api.payload.find({ collection: 'data-items', where: { dataset: { equals: world.dataset } }, overrideAccess: true })
    await api.payload.update({
      collection: 'data-items',
      id: items.docs[0]!.id,
      data: { hostNote: 'from the host' } as never,
      overrideAccess: true,
    })

    const claim = await world.call(annotator.token).post(`/api/projects/${project}/next`, {})
    expect(claim.status).toBe(200)
    expect(claim.body.dataItem).toMatchObject({ hostNote: 'from the host', shownBy: 'host hook' })
    const rest = await api.http().get(`/api/data-items/${claim.body.dataItem.id}?depth=0`).set('Authorization', `JWT ${annotator.token}`)
    expect(rest.status).toBe(200)
    expect(claim.body.dataItem).toEqual(rest.body)
  })
})
