import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { journalInOrder } from '../helpers/journal.ts'
import { byId, MISSING_ID } from '../helpers/ids.ts'

let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 6, reviewers: 2 })
}, 180_000)
afterAll(() => api?.close())

const next = (token: string, project: number) => world.call(token).post(`/api/projects/${project}/next`, {})
const setPriority = (task: number, priority: number) =>
  api.payload.update({ collection: 'tasks', id: task, data: { priority }, overrideAccess: true })
const claim = (token: string, task: number) => world.call(token).post(`/api/tasks/${task}/claim`, {})
const act = (token: string, task: number, action: string, expectedVersion: number, extra: Record<string, unknown> = {}) =>
  world.call(token).post(`/api/tasks/${task}/${action}`, { expectedVersion, ...extra })
const heartbeat = (token: string, task: number) => world.call(token).post(`/api/tasks/${task}/heartbeat`, {})
const bulk = (token: string, body: Record<string, unknown>) => world.call(token).post('/api/tasks/bulk', body)
const execute = (query: ReturnType<typeof sql>) =>
  (
    api.payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: Array<Record<string, unknown>> }> } }
  ).drizzle.execute(query)
/** Lets a lease lapse without waiting for it. */
const expireLease = (task: number) => execute(sql`update tasks set lease_expires_at = now() - interval '1 minute' where id = ${task}`)
const eventsOf = async (task: number) =>
  (await journalInOrder(api.payload, { task: { equals: task } })).map((event) => ({ type: event.type, actor: event.actor }))
const stored = (task: number) => api.payload.findByID({ collection: 'tasks', id: task, depth: 0, overrideAccess: true })

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
      expect(res.body.dataItem).toMatchObject({ id: expect.anything(), type: 'image' })
      served.push(res.body.task.id)
    }
    expect(served).toEqual([tasks[1]!.id, tasks[3]!.id, tasks[0]!.id])
  })

  it('gives a worker the task it already holds, and serves a reservation only to its holder, first', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    await api.payload.update({
      collection: 'tasks',
      id: tasks[4]!.id,
      data: { assignee: world.annotators[1]!.id as number, priority: 0 },
      overrideAccess: true,
    })
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
    const leased = await api.payload.find({
      collection: 'tasks',
      where: { and: [{ project: { equals: project } }, { leaseHolder: { exists: true } }] },
      overrideAccess: true,
      limit: 100,
    })
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
    const claims = await api.payload.count({
      collection: 'task-events',
      where: { and: [{ project: { equals: project } }, { type: { equals: 'claimed' } }] },
      overrideAccess: true,
    })
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

describe('leases', () => {
  it('lets a lapsed lease be taken over (journaled as expired); the stale worker then gets 409 and changes nothing', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    await setPriority(tasks[2]!.id, 99)
    const [first, second] = world.annotators
    const held = await next(first!.token, project)
    expect(held.body.task.id).toBe(tasks[2]!.id)
    expect(new Date(held.body.leaseExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000) // the default 30 minutes
    await expireLease(tasks[2]!.id)
    const takeover = await next(second!.token, project)
    expect(takeover.body.task.id).toBe(tasks[2]!.id)
    expect(await eventsOf(tasks[2]!.id)).toEqual([
      { type: 'created', actor: world.admin.id },
      { type: 'claimed', actor: first!.id },
      { type: 'expired', actor: first!.id },
      { type: 'claimed', actor: second!.id },
    ])
    const stale = await act(first!.token, tasks[2]!.id, 'submit', held.body.task.version)
    expect(stale.status).toBe(409)
    expect(stale.body.errors[0].message).toMatch(/^lease: another person holds this task/)
    expect((await heartbeat(first!.token, tasks[2]!.id)).status).toBe(409)
    expect(await stored(tasks[2]!.id)).toMatchObject({ stage: 'annotate', status: 'new', leaseHolder: second!.id })
    expect((await act(second!.token, tasks[2]!.id, 'submit', held.body.task.version)).status).toBe(200)
  })

  it('extends a lease on heartbeat, only for its holder', async () => {
    const { project } = await world.startProject('Annotate → Complete')
    const held = await next(world.annotators[0]!.token, project)
    const id = held.body.task.id
    await execute(sql`update tasks set lease_expires_at = now() + interval '1 minute' where id = ${id}`)
    const beat = await heartbeat(world.annotators[0]!.token, id)
    expect(beat.status).toBe(200)
    expect(new Date(beat.body.leaseExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000)
    expect((await heartbeat(world.annotators[1]!.token, id)).status).toBe(409)
    expect((await heartbeat(world.tm.token, id)).status).toBe(409) // nobody heartbeats a task into their hands
  })

  it('makes a worker claim before acting, and opens a given task with /claim only when it is free for them', async () => {
    const { tasks } = await world.startProject('Annotate → Complete')
    const [ann0, ann1] = world.annotators
    const unclaimed = await act(ann0!.token, tasks[0]!.id, 'submit', 1)
    expect(unclaimed.status).toBe(409)
    expect(unclaimed.body.errors[0].message).toMatch(/^lease: claim the task before working on it/)
    expect((await claim(ann0!.token, tasks[0]!.id)).status).toBe(200)
    const taken = await claim(ann1!.token, tasks[0]!.id)
    expect(taken.status).toBe(409)
    expect(taken.body.errors[0].message).toMatch(/^task: this task is not available to you/)
    // one lease per person per project; the refusal changes nothing, the held task's lease included
    const [heldBefore, otherBefore] = [await stored(tasks[0]!.id), await stored(tasks[1]!.id)]
    const second = await claim(ann0!.token, tasks[1]!.id)
    expect(second.status).toBe(409)
    expect(second.body.errors[0].message).toMatch(/^lease: you hold task/)
    expect([await stored(tasks[0]!.id), await stored(tasks[1]!.id)]).toEqual([heldBefore, otherBefore])
    expect((await act(ann0!.token, tasks[0]!.id, 'submit', 1)).status).toBe(200)
    expect(await stored(tasks[0]!.id)).toMatchObject({ stage: 'complete', leaseHolder: null })
  })
})

describe('skip policy', () => {
  it('requeues a skipped task for everyone, the skipper included, when the project says so', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete', { settings: { skipPolicy: 'requeue-for-everyone' } })
    const ann = world.annotators[0]!.token
    await setPriority(tasks[0]!.id, 100)
    const first = await next(ann, project)
    const skipped = await act(ann, first.body.task.id, 'skip', first.body.task.version, { note: 'blurry' })
    expect(skipped.body).toMatchObject({ status: 'skipped' })
    const again = await next(ann, project)
    expect(again.body.task).toMatchObject({ id: first.body.task.id, status: 'skipped' })
  })

  it('by default never serves a skipped task again to who skipped it, and a skip ends a reservation', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    const [ann0, ann1] = world.annotators
    await api.payload.update({ collection: 'tasks', id: tasks[0]!.id, data: { assignee: ann0!.id as number }, overrideAccess: true })
    const first = await next(ann0!.token, project)
    expect(first.body.task.id).toBe(tasks[0]!.id)
    await act(ann0!.token, tasks[0]!.id, 'skip', first.body.task.version)
    expect(await stored(tasks[0]!.id)).toMatchObject({ assignee: null, status: 'skipped', leaseHolder: null })
    expect((await next(ann0!.token, project)).body.task.id).not.toBe(tasks[0]!.id)
    expect((await next(ann1!.token, project)).body.task.id).toBe(tasks[0]!.id)
  })
})

describe('stage-based assignment', () => {
  it('serves a stage that names people only to them; managers everywhere', async () => {
    const [ann0, ann1] = world.annotators
    const graph = {
      stages: [
        { id: 'label', type: 'annotate', name: 'Label', config: { users: [ann1!.id] } },
        { id: 'done', type: 'complete', name: 'Done' },
      ],
      edges: [{ from: 'label', pathway: 'submit', to: 'done' }],
    }
    const template = (await world.asAdmin.post('/api/workflow-templates', { workspace: world.workspace, name: 'Only ann1', graph })).body
      .doc.id
    const { project } = await world.startProject('Annotate → Complete', { workflowTemplate: template, name: 'Stage assigned' })
    const refused = await next(ann0!.token, project)
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toMatch(/no role in any stage/)
    expect((await next(ann1!.token, project)).status).toBe(200)
    expect((await next(world.tm.token, project)).status).toBe(200)
  })
})

describe('consensus', () => {
  it('serves a task to N distinct annotators at once, never twice to one; the database refuses a second branch', async () => {
    const { project, tasks } = await world.startProject('Consensus')
    const stage = (await world.asAdmin.get(`/api/projects/${project}`)).body.workflow.stages.find(
      (candidate: { type: string }) => candidate.type === 'consensus',
    )
    const needed = stage.config.annotators as number
    await setPriority(tasks[0]!.id, 100)
    const people = [...world.annotators, world.tm]
    // one after the other: the top task goes to exactly N of them, the others get other tasks
    const answers = []
    for (const person of people) answers.push(await next(person.token, project))
    const served = answers.map((answer) => answer.body.task.id as number)
    expect(served.filter((id) => id === tasks[0]!.id)).toHaveLength(Math.min(needed, people.length))
    // all at once, on the rest: SKIP LOCKED lets claimers pass each other; no task ever exceeds N, nobody holds two slots of one task
    const more = await Promise.all(
      world.reviewers
        .map(() => null)
        .concat([null])
        .map((_, i) => (i === 0 ? next(world.admin.token, project) : next(world.reviewers[i - 1]!.token, project))),
    )
    expect(more.every((answer) => [200, 204, 403].includes(answer.status))).toBe(true)
    const branches = (
      await api.payload.find({
        collection: 'consensus-branches',
        where: { project: { equals: project } },
        overrideAccess: true,
        depth: 0,
        limit: 100,
      })
    ).docs
    const perTask = new Map<number, Array<number>>()
    for (const branch of branches)
      perTask.set(branch.task as number, [...(perTask.get(branch.task as number) ?? []), branch.annotator as number])
    for (const annotators of perTask.values()) {
      expect(annotators.length).toBeLessThanOrEqual(needed)
      expect(new Set(annotators).size).toBe(annotators.length)
    }

    const [first] = world.annotators
    const mine = answers[0]!.body.task
    expect((await act(first!.token, mine.id, 'submit', mine.version)).status).toBe(200)
    const afterSubmit = await next(first!.token, project)
    expect(afterSubmit.body.task.id).not.toBe(mine.id) // never twice to the same person
    const again = await claim(first!.token, mine.id)
    expect(again.status).toBe(409)
    const round = (await stored(mine.id)).round
    await expect(
      execute(sql`insert into consensus_branches (workspace_id, project_id, task_id, stage, round, annotator_id)
      values (${world.workspace}, ${project}, ${mine.id}, ${stage.id}, ${round}, ${first!.id})`),
    ).rejects.toMatchObject({ cause: { code: '23505' } }) // unique_violation
  })
})

describe('over GraphQL', () => {
  it('claims with the claimNextTask mutation, answering with the Task, DataItem and Ontology types', async () => {
    const { project } = await world.startProject('Annotate → Complete')
    const res = await api.graphql<{
      claimNextTask: { task: { id: number; stage: string }; dataItem: { type: string }; leaseExpiresAt: string }
    }>(
      `mutation { claimNextTask(project: ${JSON.stringify(project)}) { task { id stage } dataItem { type } leaseExpiresAt } }`,
      undefined,
      world.annotators[0]!.token,
    )
    expect(res.errors).toBeUndefined()
    expect(res.data?.claimNextTask).toMatchObject({ task: { stage: 'annotate' }, dataItem: { type: 'image' } })
    const same = await next(world.annotators[0]!.token, project)
    expect(same.body.task.id).toBe(res.data!.claimNextTask.task.id)
    await world.asAdmin.patch(`/api/projects/${project}`, { status: 'paused' })
    const paused = await api.graphql(
      `mutation { claimNextTask(project: ${JSON.stringify(project)}) { leaseExpiresAt } }`,
      undefined,
      world.annotators[1]!.token,
    )
    expect(paused.errors?.[0]?.extensions?.statusCode).toBe(423)
  })
})

describe('queue operations', () => {
  it('assigns, releases, sets priority and moves many tasks at once, journaling each change', async () => {
    const { project, tasks } = await world.startProject('Annotate → Review → Complete')
    const ids = tasks.map((task) => task.id)
    const ann = world.annotators[1]!
    const held = await next(world.annotators[0]!.token, project)

    const priority = await bulk(world.tm.token, { project, ids: ids.slice(0, 3), operation: 'set-priority', priority: 80 })
    expect(priority.body).toEqual({ operation: 'set-priority', matched: 3, changed: 3 })
    const assigned = await bulk(world.tm.token, { project, ids: [held.body.task.id, ids[4]], operation: 'assign', user: ann.id })
    expect(assigned.body).toMatchObject({ matched: 2, changed: 2 })
    // assigning a held task to someone else ends the holder's lease: the holder is now a stale worker
    expect(await stored(held.body.task.id)).toMatchObject({ assignee: ann.id, leaseHolder: null })
    expect((await act(world.annotators[0]!.token, held.body.task.id, 'submit', held.body.task.version)).status).toBe(409)
    expect((await next(ann.token, project)).body.task.id).toBe(
      [held.body.task.id, ids[4]!].sort(byId)[0] === held.body.task.id ? held.body.task.id : expect.anything(),
    )

    const released = await bulk(world.tm.token, { project, filter: { leaseHolder: ann.id }, operation: 'release' })
    expect(released.body).toMatchObject({ matched: 1, changed: 1 })
    const moved = await bulk(world.tm.token, {
      project,
      filter: { stage: 'annotate', priorityAtLeast: 80 },
      operation: 'move',
      to: 'review',
    })
    expect(moved.body.changed).toBeGreaterThanOrEqual(1)
    const after = (
      await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 100, depth: 0, overrideAccess: true })
    ).docs
    for (const task of after.filter((doc) => (doc.priority ?? 0) >= 80))
      expect(task).toMatchObject({ stage: 'review', status: 'new', leaseHolder: null, assignee: null })
    const types = (
      await api.payload.find({
        collection: 'task-events',
        where: { project: { equals: project } },
        limit: 200,
        depth: 0,
        overrideAccess: true,
      })
    ).docs.map((event) => event.type)
    expect(types.filter((type) => type === 'priority-changed')).toHaveLength(3)
    expect(types.filter((type) => type === 'assigned')).toHaveLength(2)
    expect(types.filter((type) => type === 'released')).toHaveLength(1)
    expect(types.filter((type) => type === 'moved')).toHaveLength(moved.body.changed)
  })

  it('refuses bad requests with 400 naming the field, workers with 403, outsiders with 404 — changing nothing', async () => {
    const { project, tasks } = await world.startProject('Annotate → Complete')
    const before = await eventsOf(tasks[0]!.id)
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ project, ids: [tasks[0]!.id], operation: 'teleport' }, /^operation: use one of assign, release, set-priority, move/],
      [{ project, ids: [tasks[0]!.id], operation: 'set-priority', priority: 101 }, /^priority: must be 0-100/],
      [{ project, ids: Array.from({ length: 1001 }, (_, i) => i + 1), operation: 'release' }, /^ids: at most 1000 task ids/],
      [{ project, operation: 'release' }, /^ids: give either ids/],
      [{ project, ids: [tasks[0]!.id], operation: 'move', to: 'nowhere' }, /^to: the project's workflow has no stage "nowhere"/],
      [{ project, ids: [tasks[0]!.id], operation: 'assign', user: MISSING_ID }, /^user: user \S+ is not a collaborator/],
      [{ project, filter: { colour: 'red' }, operation: 'release' }, /^filter: Unrecognized key/],
    ]
    for (const [body, message] of cases) {
      const res = await bulk(world.tm.token, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0].message).toMatch(message)
    }
    expect((await bulk(world.annotators[0]!.token, { project, ids: [tasks[0]!.id], operation: 'set-priority', priority: 1 })).status).toBe(
      403,
    )
    const outsider = await api.createUser('bulk-outsider@wf.test')
    expect((await bulk(outsider.token, { project, ids: [tasks[0]!.id], operation: 'set-priority', priority: 1 })).status).toBe(404)
    expect(await eventsOf(tasks[0]!.id)).toEqual(before)
    expect((await stored(tasks[0]!.id)).priority).toBe(50)
  })
})

describe('the queue listing', () => {
  it('pages by keyset in priority order, filters, and totals per stage from one grouped query', async () => {
    const { project, tasks } = await world.startProject('Annotate → Review → Complete')
    for (const [i, task] of tasks.entries()) await setPriority(task.id, [10, 90, 50, 90, 20, 70][i]!)
    const list = (query: string, token = world.tm.token) => world.call(token).get(`/api/projects/${project}/queue?${query}`)
    const seen: Array<number | string> = []
    let cursor: string | null = null
    do {
      const page = await list(`limit=4${cursor ? `&after=${cursor}` : ''}`)
      expect(page.status).toBe(200)
      seen.push(...page.body.docs.map((doc: { id: number }) => doc.id))
      expect(page.body.totals).toMatchObject({
        total: tasks.length,
        byStage: { annotate: { total: tasks.length, byStatus: { new: tasks.length } } },
      })
      cursor = page.body.nextCursor
    } while (cursor)
    const expected = [...tasks]
      .map((task, i) => ({ id: task.id, p: [10, 90, 50, 90, 20, 70][i]! }))
      .sort((a, b) => b.p - a.p || byId(b.id, a.id))
      .map((task) => task.id)
    expect(seen).toEqual(expected)

    const byName = await list('sort=name&limit=100')
    const names = byName.body.docs.map((doc: { dataItem: { name: string } }) => doc.dataItem.name)
    expect(names).toEqual([...names].sort())
    const held = await next(world.annotators[0]!.token, project)
    await act(world.annotators[0]!.token, held.body.task.id, 'submit', held.body.task.version)
    const inReview = await list('stage=review&type=image')
    expect(inReview.body.docs.map((doc: { id: number }) => doc.id)).toEqual([held.body.task.id])
    expect(inReview.body.totals.byStage).toEqual({ review: { total: 1, byStatus: { new: 1 } } })
    expect((await list(`dataset=${world.dataset}&status=new`)).body.totals.total).toBe(tasks.length)
    expect((await list('assignee=none')).body.docs).toHaveLength(tasks.length)
    // a worker sees what they could be served: not the review stage
    const annotatorView = await list('limit=100', world.annotators[1]!.token)
    expect(annotatorView.body.docs.every((doc: { stage: string }) => doc.stage === 'annotate')).toBe(true)
    expect(annotatorView.body.totals.total).toBe(tasks.length - 1)
  })

  it('refuses a bad query with 400 naming the parameter', async () => {
    const { project } = await world.startProject('Annotate → Complete')
    const list = (query: string) => world.call(world.tm.token).get(`/api/projects/${project}/queue?${query}`)
    expect((await list('sort=colour')).body.errors[0].message).toMatch(/^sort: use one of/)
    expect((await list('limit=0')).body.errors[0].message).toMatch(/^limit: must be 1-200/)
    expect((await list('after=not-a-cursor')).body.errors[0].message).toMatch(/^after: is not a cursor/)
    const byPriority = await list('limit=1')
    expect((await list(`sort=name&after=${byPriority.body.nextCursor}`)).status).toBe(400)
    expect((await list('colour=red')).status).toBe(400)
  })
})
