import { match } from 'path-to-regexp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildCollections } from '../../src/collections.ts'
import { getOptions } from '../../src/context.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// LabelOps adds routes to collections; none may take a request meant for one of Payload's own routes.
let api: TestApi
beforeAll(async () => {
  api = await startTestApi()
})
afterAll(() => api?.close())

type Route = { method: string; path: string }
const sample = (path: string) =>
  path
    .replace(/:id/g, '7')
    .replace(/:token/g, 'tok')
    .replace(/:key/g, 'k')

describe("Payload's own routes", () => {
  it('are never shadowed by a LabelOps route, on any LabelOps collection', () => {
    const ours = new Map(
      buildCollections(getOptions(api.payload)).map((collection) => [collection.slug, (collection.endpoints || []) as Route[]]),
    )
    const shadowed: string[] = []
    for (const [slug, custom] of ours) {
      const endpoints = (api.payload.collections as unknown as Record<string, { config: { endpoints: Route[] } }>)[slug]!.config.endpoints
      const isOurs = (route: Route) => custom.some((mine) => mine.method === route.method && mine.path === route.path)
      for (const builtIn of endpoints.filter((route) => !isOurs(route))) {
        const path = sample(builtIn.path)
        const first = endpoints.find((route) => route.method === builtIn.method && match(route.path, { decode: decodeURIComponent })(path))
        if (first && isOurs(first)) shadowed.push(`${slug}: ${builtIn.method.toUpperCase()} ${builtIn.path} is taken by our ${first.path}`)
      }
    }
    expect(shadowed).toEqual([])
  })

  it("let the admin panel save a task through Payload's access route", async () => {
    const world = await buildWorkflowWorld(api, { items: 1 })
    const { tasks } = await world.startProject('Annotate → Complete')
    const access = await world.asAdmin.post(`/api/tasks/access/${tasks[0]!.id}`, {})
    expect(access.status).toBe(200)
    expect(access.body).toMatchObject({ update: { permission: true } })
    const saved = await world.asAdmin.patch(`/api/tasks/${tasks[0]!.id}`, { priority: 80 })
    expect(saved.status).toBe(200)
  })

  it("let the admin panel's document-lock check compare dates as Date objects", async () => {
    // what @payloadcms/next getIsLocked asks on every document edit view: refused, no lock is ever seen
    const [someone] = (await api.payload.find({ collection: 'users', limit: 1, overrideAccess: true })).docs
    expect(someone).toBeDefined() // made by the test above
    const found = await api.payload.find({
      collection: 'payload-locked-documents',
      overrideAccess: false,
      user: someone,
      where: { and: [{ 'document.relationTo': { equals: 'tasks' } }, { updatedAt: { greater_than: new Date(Date.now() - 300_000) } }] },
    })
    expect(found.docs).toEqual([])
  })
})
