import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number
let worked: number
let untouched: number

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 4, reviewers: 1 })
  await world.asAdmin.patch(`/api/workspaces/${world.workspace}`, { issueTags: ['ambiguous', 'occlusion'] })
  const started = await world.startProject('Annotate → Review → Complete')
  project = started.project
  // ann1 annotates the first task; the reviewer holds it for review
  const ann = world.annotators[0]!
  const claimed = await world.call(ann.token).post(`/api/projects/${project}/next`, {})
  worked = claimed.body.task.id
  untouched = started.tasks.find((task) => task.id !== worked)!.id
  await world.call(ann.token).post(`/api/tasks/${worked}/submit`, { expectedVersion: claimed.body.task.version })
  await world.call(world.reviewers[0]!.token).post(`/api/tasks/${worked}/claim`, {})
}, 180_000)
afterAll(() => api?.close())

const issuesCount = async () => (await api.payload.count({ collection: 'issues', overrideAccess: true })).totalDocs
const raise = (token: string, body: Record<string, unknown>) => world.call(token).post('/api/issues?depth=0', body)

describe('raising issues', () => {
  it("lets the task's annotator and reviewer raise issues anchored to a frame, a point or the data unit", async () => {
    const byAnnotator = await raise(world.annotators[0]!.token, {
      task: worked,
      title: 'Is this a van or a truck?',
      tags: ['ambiguous'],
      anchor: { kind: 'frame', frame: 12 },
    })
    expect(byAnnotator.status, JSON.stringify(byAnnotator.body)).toBe(201)
    expect(byAnnotator.body.doc).toMatchObject({
      status: 'open',
      workspace: world.workspace,
      project,
      raisedBy: world.annotators[0]!.id,
      history: [{ status: 'open', by: world.annotators[0]!.id }],
    })
    const byReviewer = await raise(world.reviewers[0]!.token, {
      task: worked,
      title: 'Box misses the mirror',
      anchor: { kind: 'coordinate', x: 0.4, y: 0.25 },
    })
    expect(byReviewer.status).toBe(201)
  })

  it('refuses a bad anchor or an unknown tag with 400 naming the field, storing nothing', async () => {
    const before = await issuesCount()
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ anchor: { kind: 'frame' } }, /^anchor\.frame: is required for a frame anchor/],
      [{ anchor: { kind: 'coordinate', x: 1.4, y: 0.2 } }, /anchor\.x: must be between 0 and 1/],
      [{ anchor: { kind: 'frame-range', frame: 9, frameEnd: 3 } }, /^anchor\.frameEnd: must not come before anchor\.frame/],
      [{ anchor: { kind: 'label' } }, /^anchor\.labelObject: is required for a label anchor/],
      [{ tags: ['blurry'] }, /^tags: "blurry" is not an issue tag of this workspace \(defined: ambiguous, occlusion\)/],
    ]
    for (const [extra, message] of cases) {
      const res = await raise(world.annotators[0]!.token, { task: worked, title: 'Bad', ...extra })
      expect(res.status, JSON.stringify(extra)).toBe(400)
      expect(res.body.errors[0].message).toMatch(message)
    }
    expect(await issuesCount()).toBe(before)
  })

  it('keeps people who never worked the task from raising issues on it', async () => {
    const before = await issuesCount()
    expect((await raise(world.annotators[1]!.token, { task: worked, title: 'Not mine' })).status).toBe(403)
    const outsider = await api.createUser('issue-outsider@wf.test')
    expect([403, 404, 400]).toContain((await raise(outsider.token, { task: worked, title: 'Not mine' })).status)
    expect((await raise(world.tm.token, { task: untouched, title: 'Manager note' })).status).toBe(201) // runs the project
    expect(await issuesCount()).toBe(before + 1)
  })
})

describe('who sees issues', () => {
  it('shows them to the people in them and to whoever runs the project, not to other annotators', async () => {
    const titles = async (token: string) =>
      (await world.call(token).get(`/api/issues?where[project][equals]=${project}&limit=50`)).body.docs
        .map((doc: { title: string }) => doc.title)
        .sort()
    expect(await titles(world.annotators[0]!.token)).toEqual(['Box misses the mirror', 'Is this a van or a truck?'])
    expect(await titles(world.reviewers[0]!.token)).toEqual(['Box misses the mirror', 'Is this a van or a truck?'])
    expect(await titles(world.annotators[1]!.token)).toEqual([])
    expect(await titles(world.tm.token)).toEqual(['Box misses the mirror', 'Is this a van or a truck?', 'Manager note'])
    const gql = await api.graphql<{ Issues: { docs: Array<{ title: string }> } }>(
      '{ Issues(limit: 50) { docs { title } } }',
      undefined,
      world.annotators[1]!.token,
    )
    expect(gql.data?.Issues.docs).toEqual([])
  })
})

describe('the comment thread and the status history', () => {
  it("keeps each comment its author's, and records every resolve and reopen", async () => {
    const issue = (await world.call(world.tm.token).get(`/api/issues?where[title][equals]=Box misses the mirror`)).body.docs[0]
    const url = `/api/issues/${issue.id}?depth=0`
    const reviewer = world.call(world.reviewers[0]!.token)
    const annotator = world.call(world.annotators[0]!.token)
    const first = await reviewer.patch(url, { comments: [{ body: 'Left mirror is outside the box.' }] })
    expect(first.status).toBe(200)
    const thread = first.body.doc.comments
    expect(thread[0]).toMatchObject({ author: world.reviewers[0]!.id, body: 'Left mirror is outside the box.' })
    const reply = await annotator.patch(url, { comments: [...thread, { body: 'Fixed in the next round.' }] })
    expect(reply.status).toBe(200)
    const both = reply.body.doc.comments
    expect(both.map((comment: { author: number }) => comment.author)).toEqual([world.reviewers[0]!.id, world.annotators[0]!.id])

    const rewrite = await annotator.patch(url, { comments: [{ ...both[0], body: 'Never mind.' }, both[1]] })
    expect(rewrite.status).toBe(403)
    expect(rewrite.body.errors[0].message).toMatch(/nobody edits another person's comment/)
    const removal = await annotator.patch(url, { comments: [both[1]] })
    expect(removal.status).toBe(403)
    expect((await world.call(world.tm.token).patch(url, { comments: [both[1]] })).status).toBe(403) // managers neither
    const ownEdit = await annotator.patch(url, { comments: [both[0], { ...both[1], body: 'Fixed in round 2.' }] })
    expect(ownEdit.status).toBe(200)
    expect(ownEdit.body.doc.comments[1]).toMatchObject({ body: 'Fixed in round 2.', editedAt: expect.any(String) })

    const resolved = await reviewer.patch(url, { status: 'resolved', resolutionNote: 'Looks right now' })
    expect(resolved.body.doc.history.map((entry: { status: string; by: number }) => [entry.status, entry.by])).toEqual([
      ['open', world.reviewers[0]!.id],
      ['resolved', world.reviewers[0]!.id],
    ])
    const notTheirs = await world.call(world.annotators[0]!.token).patch(url, { title: 'Renamed' })
    expect(notTheirs.status).toBe(403) // only who raised it changes what it says
  })
})

describe('the queue by issue status', () => {
  it('filters tasks with open issues, with only resolved ones, and without any', async () => {
    const list = async (issueStatus: string) =>
      (await world.call(world.tm.token).get(`/api/projects/${project}/queue?issueStatus=${issueStatus}&limit=50`)).body.docs
        .map((doc: { id: number }) => doc.id)
        .sort()
    expect(await list('open')).toEqual([worked, untouched].sort()) // the van-or-truck question is still open
    const open = (
      await api.payload.find({
        collection: 'issues',
        where: { and: [{ task: { equals: worked } }, { status: { equals: 'open' } }] },
        overrideAccess: true,
      })
    ).docs
    for (const doc of open) await world.call(world.tm.token).patch(`/api/issues/${doc.id}`, { status: 'resolved' })
    expect(await list('open')).toEqual([untouched])
    expect(await list('resolved')).toEqual([worked])
    expect((await list('none')).includes(worked)).toBe(false)
    expect((await world.call(world.tm.token).get(`/api/projects/${project}/queue?issueStatus=maybe`)).status).toBe(400)
  })
})
