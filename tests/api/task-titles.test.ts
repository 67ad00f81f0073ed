import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// A task is named in lists and relationship fields by its data item's name: written when the task is created,
// kept in step when the item is renamed (an edit or a re-import), never set through the API.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number | string
const titles = async () =>
  Object.fromEntries(
    (
      (await world.asAdmin.get(`/api/tasks?where[project][equals]=${project}&limit=100&depth=1`)).body.docs as Array<{
        title: string
        dataItem: { externalId: string; name: string }
      }>
    ).map((task) => [task.dataItem.externalId, { title: task.title, name: task.dataItem.name }]),
  )

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3 })
  project = (await world.startProject('Annotate → Complete')).project
})
afterAll(() => api?.close())

describe("a task's title", () => {
  it("is its data item's name from the start", async () => {
    const now = await titles()
    expect(Object.keys(now).sort()).toEqual(['f0', 'f1', 'f2'])
    for (const { title, name } of Object.values(now)) expect(title).toBe(name)
    expect(new Set(Object.values(now).map((one) => one.title)).size).toBe(3)
  })

  it('follows the item when it is renamed, by an edit or by a re-import', async () => {
    const items = (await world.asAdmin.get(`/api/data-items?where[dataset][equals]=${world.dataset}&depth=0`)).body.docs as Array<{
      id: number
      externalId: string
    }>
    const f0 = items.find((item) => item.externalId === 'f0')!
    expect((await world.asAdmin.patch(`/api/data-items/${f0.id}`, { name: 'crossing-at-dusk.png' })).status).toBe(200)
    const manifest = JSON.stringify({ externalId: 'f1', name: 'roundabout.png', type: 'image', url: 'https://e.com/1.png' })
    const imported = await world.asAdmin.post(`/api/datasets/${world.dataset}/import`, manifest as never, {
      'Content-Type': 'application/x-ndjson',
    })
    expect(imported.status).toBe(200)
    const now = await titles()
    expect(now.f0!.title).toBe('crossing-at-dusk.png')
    expect(now.f1!.title).toBe('roundabout.png')
    expect(now.f2!.title).toBe(now.f2!.name)
  })

  it('cannot be set through the API', async () => {
    const task = (await world.asAdmin.get(`/api/tasks?where[project][equals]=${project}&limit=1&depth=0`)).body.docs[0] as {
      id: number
      title: string
    }
    // the same PATCH changes what may be changed: the title is dropped, not the request refused
    const patched = await world.asAdmin.patch(`/api/tasks/${task.id}`, { title: 'renamed by hand', priority: 61 })
    expect(patched.status).toBe(200)
    const after = (await world.asAdmin.get(`/api/tasks/${task.id}?depth=0`)).body
    expect(after.priority).toBe(61)
    expect(after.title).toBe(task.title)
  })
})

describe("a membership's title", () => {
  it("is its person's email, kept when they change it, never taken from a request", async () => {
    const person = world.annotators[0]!
    const membership = async () =>
      (
        await world.asAdmin.get(
          `/api/workspace-members?where[user][equals]=${person.id}&where[workspace][equals]=${world.workspace}&depth=0`,
        )
      ).body.docs[0] as { id: number; title: string; role: string }
    expect((await membership()).title).toBe(person.email)

    const renamed = await world.call(person.token).patch(`/api/users/${person.id}`, { email: 'ann1.renamed@wf.test' })
    expect(renamed.status).toBe(200)
    expect((await membership()).title).toBe('ann1.renamed@wf.test')

    const patched = await world.asAdmin.patch(`/api/workspace-members/${(await membership()).id}`, {
      title: 'someone else',
      role: 'member',
    })
    expect(patched.status).toBe(200)
    expect(await membership()).toMatchObject({ title: 'ann1.renamed@wf.test', role: 'member' })
  })
})
