import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 6, reviewers: 2 })
}, 180_000)
afterAll(() => api?.close())

const next = (token: string, project: number) => world.call(token).post(`/api/projects/${project}/next`, {})
const setPriority = (task: number, priority: number) => api.payload.update({ collection: 'tasks', id: task, data: { priority }, overrideAccess: true })

describe('claiming the next task', () => {
  it('serves highest priority first, then oldest, with the data item and ontology', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    await setPriority(tasks[3]!.id, 90)
    await setPriority(tasks[1]!.id, 90)
    await setPriority(tasks[5]!.id, 10)
    const served: number[] = []
    for (const annotator of world.annotators) {
      const res = await next(annotator.token, project)
      expect(res.status).toBe(200)
      expect(res.body.dataItem).toMatchObject({ id: expect.any(Number), type: 'image' })
      served.push(res.body.task.id)
    }
    expect(served).toEqual([tasks[1]!.id, tasks[3]!.id, tasks[0]!.id])
  })

  it('gives a worker the task it already holds, and serves a reservation only to its holder, first', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    await api.payload.update({ collection: 'tasks', id: tasks[4]!.id, data: { assignee: Number(world.annotators[1]!.id), priority: 0 }, overrideAccess: true })
    const first = await next(world.annotators[0]!.token, project)
    expect(first.body.task.id).not.toBe(tasks[4]!.id)
    expect((await next(world.annotators[0]!.token, project)).body.task.id).toBe(first.body.task.id) // same lease
    expect((await next(world.annotators[1]!.token, project)).body.task.id).toBe(tasks[4]!.id) // reserved, despite priority 0
  })

  it('never serves one task twice to concurrent claimers', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    // many claims at once from every annotator and the team manager: each holds at most one lease
    const people = [...world.annotators, world.tm]
    const answers = await Promise.all(people.flatMap((person) => Array.from({ length: 4 }, () => next(person.token, project))))
    const byPerson = new Map<string, Set<number>>()
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200)
      const who = people[Math.floor(i / 4)]!.email
      byPerson.set(who, (byPerson.get(who) ?? new Set()).add(answer.body.task.id))
    })
    const held = [...byPerson.values()].map((ids) => [...ids])
    expect(held.every((ids) => ids.length === 1)).toBe(true)
    const all = held.flat()
    expect(new Set(all).size).toBe(all.length)
    const leased = await api.payload.find({ collection: 'tasks', where: { and: [{ project: { equals: project } }, { leaseHolder: { exists: true } }] }, overrideAccess: true, limit: 100 })
    expect(leased.totalDocs).toBe(people.length)
    expect(tasks.length).toBeGreaterThanOrEqual(people.length)
  })

  it('skips what a worker skipped, journals claims, and answers 204 when nothing is left', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    const ann = world.annotators[2]!.token
    for (let i = 0; i < tasks.length; i++) {
      const res = await next(ann, project)
      expect(res.status).toBe(200)
      const skip = await world.call(ann).post(`/api/tasks/${res.body.task.id}/skip`, { expectedVersion: res.body.task.version })
      expect(skip.status).toBe(200)
    }
    expect((await next(ann, project)).status).toBe(204)
    expect((await next(world.annotators[0]!.token, project)).status).toBe(200) // skipped tasks go back to others
    const claims = await api.payload.count({ collection: 'task-events', where: { and: [{ project: { equals: project } }, { type: { equals: 'claimed' } }] }, overrideAccess: true })
    expect(claims.totalDocs).toBe(tasks.length + 1)
  })

  it('serves review stages only to Reviewers, and never their own annotation', async () => {
    const { project, tasks } = await world.startProject('Annotate → Review → Complete')
    const ann = world.annotators[0]!
    const claimed = await next(ann.token, project)
    await world.call(ann.token).post(`/api/tasks/${claimed.body.task.id}/submit`, { expectedVersion: claimed.body.task.version })
    const review = await next(world.reviewers[0]!.token, project)
    expect(review.status).toBe(200)
    expect(review.body.task).toMatchObject({ id: claimed.body.task.id, stage: 'review' })
    expect(tasks.length).toBeGreaterThan(1)
  })

  it('answers 423 outside In progress, 403 without a stage role, 404 to outsiders', async () => {
    const { project } = await world.startProject('Annotate → Complete')
    await world.asAdmin.patch(`/api/projects/${project}`, { status: 'paused' })
    expect((await next(world.annotators[0]!.token, project)).status).toBe(423)
    await world.asAdmin.patch(`/api/projects/${project}`, { status: 'in-progress' })
    expect((await next(world.reviewers[0]!.token, project)).status).toBe(403) // Reviewers only: no review stage here
    const outsider = await api.createUser('outsider@wf.test')
    expect((await next(outsider.token, project)).status).toBe(404)
  })
})
