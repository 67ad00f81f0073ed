import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { box, STREET_ONTOLOGY } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { journalInOrder } from '../helpers/journal.ts'

/**
 * Annotate -> Review -> Rework -> Review -> Complete over REST: a partial rejection, two rework rounds, issues
 * raised by the review, commented, resolved by the fixes; the journal and the labels agree at every step.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let ontology: number

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3, reviewers: 1 })
  ontology = (
    await world.asAdmin.post('/api/ontologies', {
      workspace: world.workspace,
      name: 'Street',
      ...STREET_ONTOLOGY,
    })
  ).body.doc.id
}, 180_000)
afterAll(() => api?.close())

describe('review and rework', () => {
  it('walks a partial rejection through two rework rounds to Complete, the journal and the labels agreeing', async () => {
    const { project } = await world.startProject('Annotate → Review → Rework → Review → Complete', { ontology })
    const ann = world.annotators[0]!
    const rev = world.reviewers[0]!
    const as = (token: string) => world.call(token)
    const put = (token: string, task: number, body: object) =>
      api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${token}`).send(body)
    const label = async (task: number) =>
      (await api.payload.find({ collection: 'labels', where: { task: { equals: task } }, overrideAccess: true, depth: 0 })).docs[0]!
    const journal = async (task: number) =>
      (await journalInOrder(api.payload, { and: [{ task: { equals: task } }, { type: { not_in: ['created', 'claimed'] } }] })).map(
        (event) => `${event.type}:${event.fromStage}->${event.toStage}`,
      )
    const openIssues = async (task: number) =>
      (
        await api.payload.find({
          collection: 'issues',
          where: { and: [{ task: { equals: task } }, { status: { equals: 'open' } }] },
          overrideAccess: true,
          depth: 0,
        })
      ).docs

    // round 0: annotate
    const first = await as(ann.token).post(`/api/projects/${project}/next`, {})
    const task = first.body.task.id as number
    await put(ann.token, task, {
      objects: [
        { id: 'c1', featureId: 'car', geometry: box(0.1) },
        { id: 'c2', featureId: 'car', geometry: box(0.5) },
        { id: 'p1', featureId: 'person', geometry: { x: 0.3, y: 0.3 } },
      ],
      classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
    })
    let version = (await as(ann.token).post(`/api/tasks/${task}/submit`, { expectedVersion: first.body.task.version })).body.version

    // review 1: c2 and the weather are wrong; the rest approved
    const review1 = await as(rev.token).post(`/api/projects/${project}/next`, {})
    expect(review1.body).toMatchObject({
      task: { id: task, stage: 'review' },
      label: { status: 'submitted', reviewRound: 0 },
      changes: null,
    })
    const incomplete = await as(rev.token).post(`/api/tasks/${task}/review`, {
      expectedVersion: version,
      decisions: [{ target: 'object', id: 'c2', verdict: 'reject', note: 'Box too loose' }],
    })
    expect(incomplete.status).toBe(400)
    expect(incomplete.body.errors[0].message).toMatch(/^decisions: object "c1" has no verdict/)
    const noNote = await as(rev.token).post(`/api/tasks/${task}/review`, {
      expectedVersion: version,
      decisions: [{ target: 'object', id: 'c2', verdict: 'reject' }],
      all: 'approve',
    })
    expect(noNote.body.errors[0].message).toMatch(/^decisions\[0\]\.note: a rejection needs a note/)
    const rejected = await as(rev.token).post(`/api/tasks/${task}/review`, {
      expectedVersion: version,
      all: 'approve',
      decisions: [
        { target: 'object', id: 'c2', verdict: 'reject', note: 'Box too loose' },
        { target: 'classification', id: 'weather', verdict: 'reject', note: 'It is raining' },
      ],
    })
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200)
    expect(rejected.body).toMatchObject({
      stage: 'rework',
      status: 'reopened',
      assignee: ann.id,
      review: { round: 1, approved: 2, rejected: 2 },
    })
    version = rejected.body.version
    expect((await label(task)).review).toMatchObject({
      'object:c1': { verdict: 'approve' },
      'object:c2': { verdict: 'reject', note: 'Box too loose' },
      'classification:weather': { verdict: 'reject' },
    })
    const issues = await openIssues(task)
    expect(issues.map((issue) => issue.anchor?.labelObject).sort()).toEqual(['c2', 'classification:weather'])
    expect(issues.every((issue) => issue.assignee === ann.id && issue.raisedBy === rev.id)).toBe(true)
    // open issues per annotator and per reviewer are one indexed count each
    const count = async (who: string, id: number | string) =>
      (await world.asAdmin.get(`/api/issues?where[status][equals]=open&where[${who}][equals]=${id}&limit=1`)).body.totalDocs
    expect([await count('assignee', ann.id), await count('raisedBy', rev.id)]).toEqual([2, 2])

    // the annotator asks about one issue in its thread
    const c2Issue = issues.find((issue) => issue.anchor?.labelObject === 'c2')!
    expect(
      (await as(ann.token).patch(`/api/issues/${c2Issue.id}`, { comments: [{ body: 'Tighter on the mirror side too?' }] })).status,
    ).toBe(200)

    // rework 1: served back to the annotator with the open issues; fixes only c2
    expect((await as(world.annotators[1]!.token).post(`/api/projects/${project}/next`, {})).body?.task?.id).not.toBe(task) // reserved for its annotator
    const rework1 = await as(ann.token).post(`/api/projects/${project}/next`, {})
    expect(rework1.body).toMatchObject({ task: { id: task, stage: 'rework', status: 'reopened' }, label: { author: ann.id } })
    expect(rework1.body.issues).toHaveLength(2)
    await put(ann.token, task, {
      objects: [
        { id: 'c1', featureId: 'car', geometry: box(0.1) },
        { id: 'c2', featureId: 'car', geometry: box(0.55) },
        { id: 'p1', featureId: 'person', geometry: { x: 0.3, y: 0.3 } },
      ],
      classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
    })
    version = (await as(ann.token).post(`/api/tasks/${task}/submit`, { expectedVersion: version })).body.version
    expect((await openIssues(task)).map((issue) => issue.anchor?.labelObject)).toEqual(['classification:weather']) // c2's issue resolved by the fix
    expect((await label(task)).review).toMatchObject({
      'object:c2': { verdict: 'resolved' },
      'classification:weather': { verdict: 'reject' },
      'object:c1': { verdict: 'approve' },
    })
    const resolvedC2 = await api.payload.findByID({ collection: 'issues', id: c2Issue.id, overrideAccess: true, depth: 0 })
    expect(resolvedC2.history?.map((entry) => [entry.status, entry.by])).toEqual([
      ['open', rev.id],
      ['resolved', ann.id],
    ])

    // review 2: the reviewer sees what changed; the weather is still wrong
    const review2 = await as(rev.token).post(`/api/projects/${project}/next`, {})
    expect(review2.body.changes).toEqual({ added: [], removed: [], modified: ['object:c2'] })
    const again = await as(rev.token).post(`/api/tasks/${task}/review`, {
      expectedVersion: version,
      all: 'approve',
      decisions: [{ target: 'classification', id: 'weather', verdict: 'reject', note: 'Still raining' }],
    })
    expect(again.body).toMatchObject({ stage: 'rework', review: { round: 2, rejected: 1 } })
    version = again.body.version

    // rework 2: fixes the weather; both weather issues resolve
    await as(ann.token).post(`/api/projects/${project}/next`, {})
    await put(ann.token, task, {
      objects: [
        { id: 'c1', featureId: 'car', geometry: box(0.1) },
        { id: 'c2', featureId: 'car', geometry: box(0.55) },
        { id: 'p1', featureId: 'person', geometry: { x: 0.3, y: 0.3 } },
      ],
      classifications: [{ featureId: 'weather', optionIds: ['rain'] }],
    })
    version = (await as(ann.token).post(`/api/tasks/${task}/submit`, { expectedVersion: version })).body.version
    expect(await openIssues(task)).toEqual([])

    // review 3: everything approved at once
    const review3 = await as(rev.token).post(`/api/projects/${project}/next`, {})
    expect(review3.body.changes).toEqual({ added: [], removed: [], modified: ['classification:weather'] })
    const done = await as(rev.token).post(`/api/tasks/${task}/review`, { expectedVersion: version, all: 'approve' })
    expect(done.body).toMatchObject({ stage: 'complete', status: 'completed', review: { round: 3, approved: 4, rejected: 0 } })

    expect(await journal(task)).toEqual([
      'submitted:annotate->review',
      'rejected:review->rework',
      'reopened:rework->rework',
      'assigned:rework->rework',
      'submitted:rework->review',
      'rejected:review->rework',
      'reopened:rework->rework',
      'assigned:rework->rework',
      'submitted:rework->review',
      'approved:review->complete',
      'completed:complete->complete',
    ])
    // what each step did to the label, and whose work each verdict judged, as analytics will count it
    const counted = (
      await journalInOrder(api.payload, { and: [{ task: { equals: task } }, { type: { in: ['submitted', 'approved', 'rejected'] } }] })
    ).map((event) => {
      const e = event as unknown as Record<string, unknown>
      return [
        e.type,
        e.subject ?? null,
        e.labelsCreated ?? 0,
        e.labelsEdited ?? 0,
        e.labelsDeleted ?? 0,
        e.labelsApproved ?? 0,
        e.labelsRejected ?? 0,
      ]
    })
    expect(counted).toEqual([
      ['submitted', null, 4, 0, 0, 0, 0], // first submit: c1, c2, p1 and the weather created
      ['rejected', ann.id, 0, 0, 0, 2, 2], // c1 and p1 approved; c2 and the weather rejected
      ['submitted', null, 0, 1, 0, 0, 0], // rework 1: c2 edited
      ['rejected', ann.id, 0, 0, 0, 3, 1],
      ['submitted', null, 0, 1, 0, 0, 0], // rework 2: the weather edited
      ['approved', ann.id, 0, 0, 0, 4, 0],
    ])
    expect(await label(task)).toMatchObject({
      status: 'submitted',
      reviewRound: 3,
      classifications: [{ featureId: 'weather', optionIds: ['rain'] }],
    })
    const all = (await api.payload.find({ collection: 'issues', where: { task: { equals: task } }, overrideAccess: true, depth: 0 })).docs
    expect(all).toHaveLength(3)
    expect(all.every((issue) => issue.status === 'resolved')).toBe(true)
  })

  it('sends a rejected task to anyone eligible when the project says so', async () => {
    const { project } = await world.startProject('Annotate → Review → Complete', {
      ontology,
      settings: { reworkAssignment: 'anyone-eligible' },
    })
    const ann = world.annotators[0]!
    const claimed = await world.call(ann.token).post(`/api/projects/${project}/next`, {})
    const task = claimed.body.task.id
    await api
      .http()
      .put(`/api/tasks/${task}/label`)
      .set('Authorization', `JWT ${ann.token}`)
      .send({ classifications: [{ featureId: 'weather', optionIds: ['sun'] }] })
    const version = (await world.call(ann.token).post(`/api/tasks/${task}/submit`, { expectedVersion: claimed.body.task.version })).body
      .version
    await world.call(world.reviewers[0]!.token).post(`/api/tasks/${task}/claim`, {})
    const rejected = await world
      .call(world.reviewers[0]!.token)
      .post(`/api/tasks/${task}/review`, { expectedVersion: version, all: 'reject', note: 'Wrong weather' })
    expect(rejected.body).toMatchObject({ stage: 'annotate', status: 'reopened', assignee: null, review: { rejected: 1 } })
    // served to another annotator now: the project does not hold it for the original one
    const other = await world.call(world.annotators[1]!.token).post(`/api/tasks/${task}/claim`, {})
    expect(other.status).toBe(200)
    expect(other.body.issues.map((issue: { title: string }) => issue.title)).toEqual(['Review round 1: Wrong weather'])
  })

  it('keeps every consensus annotator from reviewing the task, not only the last to submit', async () => {
    const { project, tasks } = await world.startProject('Consensus')
    const doc = (await world.asAdmin.get(`/api/projects/${project}`)).body
    const needed = doc.workflow.stages.find((stage: { type: string }) => stage.type === 'consensus').config.annotators as number
    expect(needed).toBeLessThanOrEqual(world.annotators.length)
    const first = world.annotators[0]!
    await world.asAdmin.patch(`/api/projects/${project}`, {
      collaborators: [...doc.collaborators.map(({ id: _id, ...row }: { id: string }) => row), { user: first.id, role: 'reviewer' }],
    })
    await api.payload.update({ collection: 'tasks', id: tasks[0]!.id, data: { priority: 100 }, overrideAccess: true })
    let version = 0
    for (const annotator of world.annotators.slice(0, needed)) {
      const slot = await world.call(annotator.token).post(`/api/projects/${project}/next`, {})
      expect(slot.body.task.id).toBe(tasks[0]!.id)
      version = (await world.call(annotator.token).post(`/api/tasks/${tasks[0]!.id}/submit`, { expectedVersion: slot.body.task.version }))
        .body.version
    }
    expect(await api.payload.findByID({ collection: 'tasks', id: tasks[0]!.id, overrideAccess: true, depth: 0 })).toMatchObject({
      stage: 'review',
    })
    const served = await world.call(first.token).post(`/api/projects/${project}/next`, {})
    expect(served.body?.task?.id).not.toBe(tasks[0]!.id)
    if (served.status === 200)
      await world.call(first.token).post(`/api/tasks/${served.body.task.id}/release`, { expectedVersion: served.body.task.version })
    expect((await world.call(first.token).post(`/api/tasks/${tasks[0]!.id}/claim`, {})).status).toBe(409)
    const approve = await world.call(first.token).post(`/api/tasks/${tasks[0]!.id}/approve`, { expectedVersion: version })
    expect(approve.status).toBe(403)
    expect(approve.body.errors[0].message).toMatch(/Nobody reviews their own annotation/)
    const reviewer = await world.call(world.reviewers[0]!.token).post(`/api/projects/${project}/next`, {})
    expect(reviewer.body.task).toMatchObject({ id: tasks[0]!.id, stage: 'review' })
  })

  it('keeps annotators from approving, and reviewers from approving their own annotation', async () => {
    const { project } = await world.startProject('Annotate → Review → Complete', { ontology, settings: { allowSelfReview: false } })
    const both = world.annotators[2]!
    // ann3 is made a reviewer too: they may review others' work, never their own
    const doc = (await world.asAdmin.get(`/api/projects/${project}`)).body
    await world.asAdmin.patch(`/api/projects/${project}`, {
      collaborators: [...doc.collaborators.map(({ id: _id, ...row }: { id: string }) => row), { user: both.id, role: 'reviewer' }],
    })
    const claimed = await world.call(both.token).post(`/api/projects/${project}/next`, {})
    const task = claimed.body.task.id
    await api
      .http()
      .put(`/api/tasks/${task}/label`)
      .set('Authorization', `JWT ${both.token}`)
      .send({ classifications: [{ featureId: 'weather', optionIds: ['sun'] }] })
    const version = (await world.call(both.token).post(`/api/tasks/${task}/submit`, { expectedVersion: claimed.body.task.version })).body
      .version
    const own = await world.call(both.token).post(`/api/tasks/${task}/review`, { expectedVersion: version, all: 'approve' })
    expect(own.status).toBe(403)
    expect(own.body.errors[0].message).toMatch(/Nobody reviews their own annotation/)
    const annotatorOnly = await world
      .call(world.annotators[0]!.token)
      .post(`/api/tasks/${task}/review`, { expectedVersion: version, all: 'approve' })
    expect(annotatorOnly.status).toBe(403)
    expect(await api.payload.findByID({ collection: 'tasks', id: task, overrideAccess: true, depth: 0 })).toMatchObject({
      stage: 'review',
      version,
    })
  })
})
