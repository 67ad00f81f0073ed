import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkInvariants } from '../../src/operations/checkInvariants.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { box, createStreetOntology } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * Benchmark and training projects over REST and GraphQL: every annotator is served every gold task in their own
 * branch, each submission scored against gold; a benchmark gates a production project (403 naming it until passed)
 * and keeps its gold unseen; a training project answers the score and the differences and takes retries.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let ontology: number
let benchmark: number
let benchmarkTasks: Array<{ id: number; version: number }>

const gold = (x: number, weather = 'sun') => ({
  objects: [{ id: `g${Math.round(x * 100)}`, featureId: 'car', geometry: box(x) }],
  classifications: [{ featureId: 'weather', optionIds: [weather] }],
})

const importGold = (project: number, tasks: Array<{ id: number }>, labels: ReturnType<typeof gold>[]) =>
  api
    .http()
    .post(`/api/projects/${project}/import-labels`)
    .query({ kind: 'gold' })
    .set('Authorization', `JWT ${world.tm.token}`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ format: 'labelops', tasks: labels.map((label, index) => ({ task: tasks[index]!.id, label })) }))

const as = (user: { token: string }) => world.call(user.token)
const saveLabel = (user: { token: string }, task: number, label: object) =>
  api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${user.token}`).send(label)

/** Claims the project's next task as `user`, saves `label` and submits: the submit's answer (and the task id). */
async function attempt(user: { token: string }, project: number, label: object) {
  const claimed = await as(user).post(`/api/projects/${project}/next`, {})
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(200)
  const task = claimed.body.task as { id: number; version: number }
  expect((await saveLabel(user, task.id, label)).status).toBe(200)
  const submitted = await as(user).post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  return { task: task.id, body: submitted.body }
}

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3, reviewers: 0 })
  ontology = await createStreetOntology(world)
  const started = await world.startProject('Annotate → Complete', {
    ontology,
    kind: 'benchmark',
    name: 'Screening',
    scoring: { passScore: 0.7 },
  })
  benchmark = started.project
  benchmarkTasks = started.tasks as never
  // gold on the first two tasks only: the third has nothing to score against and is never served
  const imported = await importGold(benchmark, benchmarkTasks, [gold(0.1), gold(0.5, 'rain')])
  expect(imported.status, JSON.stringify(imported.body)).toBe(200)
}, 180_000)
afterAll(() => api?.close())

describe('a benchmark project', () => {
  let production: number

  it('gates a production project: 403 naming the benchmark until passed; only a benchmark project of the workspace may be required', async () => {
    const standard = await world.startProject('Annotate → Complete', { ontology, name: 'Not a benchmark' })
    const wrong = await world.asAdmin.post('/api/projects', {
      workspace: world.workspace,
      name: 'Bad gate',
      requiresBenchmark: standard.project,
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].data.errors).toEqual([
      { path: 'requiresBenchmark', message: `project ${standard.project} is not a benchmark project of this workspace` },
    ])
    production = (await world.startProject('Annotate → Complete', { ontology, name: 'Production', requiresBenchmark: benchmark })).project
    const refused = await as(world.annotators[0]!).post(`/api/projects/${production}/next`, {})
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toBe(
      `benchmark: pass the benchmark project "Screening" (project ${benchmark}) before you are served tasks here: you have scored 0 of its 2 tasks`,
    )
    // those who run the project are not screened
    expect((await as(world.tm).post(`/api/projects/${production}/next`, {})).status).toBe(200)
  })

  it('serves every gold task to every annotator, scores each submission silently and leaves the task where it is', async () => {
    const [ann1, ann2] = world.annotators
    const first1 = await attempt(ann1!, benchmark, gold(0.1))
    const first2 = await attempt(ann2!, benchmark, { ...gold(0.62), classifications: [{ featureId: 'weather', optionIds: ['rain'] }] })
    expect(first2.task, 'the same item for everyone').toBe(first1.task)
    // a benchmark keeps its gold unseen: no score in the answer
    expect(first1.body.score).toBeUndefined()
    expect(first1.body).toMatchObject({ stage: 'annotate', status: 'new' })
    // every task counts: a benchmark task is not skipped
    const next = await as(ann1!).post(`/api/projects/${benchmark}/next`, {})
    expect(next.body.task.id).not.toBe(first1.task)
    const skipped = await as(ann1!).post(`/api/tasks/${next.body.task.id}/skip`, { expectedVersion: next.body.task.version })
    expect(skipped.status).toBe(409)
    expect(skipped.body.errors[0].message).toMatch(/^action: every task of a benchmark counts/)
    expect((await saveLabel(ann1!, next.body.task.id, gold(0.5, 'rain'))).status).toBe(200)
    expect((await as(ann1!).post(`/api/tasks/${next.body.task.id}/submit`, { expectedVersion: next.body.task.version })).status).toBe(200)
    // nothing more for ann1: the task without gold is never served
    expect((await as(ann1!).post(`/api/projects/${benchmark}/next`, {})).status).toBe(204)
    const third = benchmarkTasks[2]!.id
    expect((await as(ann1!).post(`/api/tasks/${third}/claim`, {})).status).toBe(409)
    // the tasks stay in the annotate stage, unchanged
    const tasks = (await as(world.tm).get(`/api/tasks?where[project][equals]=${benchmark}&depth=0&sort=id`)).body.docs
    expect(tasks.map((task: { stage: string; status: string; version: number }) => [task.stage, task.status, task.version])).toEqual(
      benchmarkTasks.map((task) => ['annotate', 'new', task.version]),
    )
  })

  it('admits who passed, and keeps refusing who scored below the pass mark', async () => {
    const [ann1, ann2] = world.annotators
    expect((await as(ann1!).post(`/api/projects/${production}/next`, {})).status).toBe(200)
    // ann2's first answer (a car far from gold's, the wrong weather) scored 0; this one is exact: mean 0.5
    await attempt(ann2!, benchmark, gold(0.5, 'rain'))
    const refused = await as(ann2!).post(`/api/projects/${production}/next`, {})
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toMatch(/your mean score 0\.50 is below the 0\.70 it takes to pass$/)
  })

  it('reports each annotator: everyone to those who run it, one’s own row to an annotator (REST and GraphQL)', async () => {
    const [ann1, ann2] = world.annotators
    const report = await as(world.tm).get(`/api/projects/${benchmark}/scores`)
    expect(report.status).toBe(200)
    expect(report.body.project).toMatchObject({ kind: 'benchmark', passScore: 0.7 })
    expect(report.body.goldTasks).toBe(2)
    expect(
      report.body.annotators.map((row: { annotator: number; scored: number; mean: number; passed: boolean }) => [
        row.annotator,
        row.scored,
        Number(row.mean.toFixed(6)),
        row.passed,
      ]),
    ).toEqual([
      [ann1!.id, 2, 1, true],
      [ann2!.id, 2, 0.5, false],
    ])
    expect(report.body.byDay).toHaveLength(2)
    const own = await as(ann2!).get(`/api/projects/${benchmark}/scores`)
    expect(own.body.annotators.map((row: { annotator: number }) => row.annotator)).toEqual([ann2!.id])
    const graphql = await api
      .http()
      .post('/api/graphql')
      .set('Authorization', `JWT ${ann1!.token}`)
      .send({ query: 'query ($project: ID!) { projectScores(project: $project) }', variables: { project: benchmark } })
    expect(graphql.body.errors).toBeUndefined()
    expect(graphql.body.data.projectScores.annotators).toEqual([expect.objectContaining({ annotator: ann1!.id, passed: true })])
    // an annotator never reads another's branch, nor the gold
    const branches = await as(ann1!).get(`/api/consensus-branches?where[project][equals]=${benchmark}&limit=10&depth=0`)
    expect(branches.body.docs.map((doc: { annotator: number }) => doc.annotator)).toEqual([ann1!.id, ann1!.id])
    // the score's detail names gold objects: for those who run the project, not for the person scored
    expect(branches.body.docs.every((doc: object) => !('scoreDetail' in doc))).toBe(true)
    const managed = await as(world.tm).get(
      `/api/consensus-branches?where[annotator][equals]=${ann1!.id}&where[project][equals]=${benchmark}&depth=0`,
    )
    expect(managed.body.docs.map((doc: { scoreDetail?: { missed: unknown[] } }) => doc.scoreDetail?.missed)).toEqual([[], []])
    const probing = await as(ann1!).get(`/api/consensus-branches?where[scoreDetail.missed][exists]=true&depth=0`)
    expect(probing.status === 403 || probing.body.docs?.length === 0 || probing.status === 400).toBe(true)
    const golds = await as(ann1!).get(`/api/reference-labels?where[project][equals]=${benchmark}`)
    expect(golds.status === 403 || golds.body.docs.length === 0).toBe(true)
  })

  it('stays a benchmark while tasks were served or a project requires it', async () => {
    const changed = await world.asAdmin.patch(`/api/projects/${benchmark}`, { kind: 'standard' })
    expect(changed.status).toBe(409)
    expect(changed.body.errors[0].message).toBe("kind: a project's kind is fixed once tasks were served (it is benchmark)")
    const unused = await world.startProject('Annotate → Complete', { ontology, kind: 'benchmark', name: 'Unused benchmark' })
    const requiring = await world.startProject('Annotate → Complete', { ontology, name: 'Screened', requiresBenchmark: unused.project })
    const refused = await world.asAdmin.patch(`/api/projects/${unused.project}`, { kind: 'training' })
    expect([refused.status, refused.body.errors[0].message]).toEqual([
      409,
      'kind: 1 project(s) require this benchmark: choose another there first',
    ])
    const deleted = await world.asAdmin.delete(`/api/projects/${unused.project}`)
    expect(deleted.status).toBe(409)
    expect((await world.asAdmin.get(`/api/projects/${requiring.project}?depth=0`)).body.requiresBenchmark).toBe(unused.project)
  })

  it('keeps the journal and the tasks consistent (the invariant checker finds nothing)', async () => {
    const report = await checkInvariants(await createLocalReq({}, api.payload))
    expect(report.violations).toEqual([])
  })
})

describe('a training project', () => {
  it('answers the score and what differed right after submit, and takes another attempt at the same task', async () => {
    const ann3 = world.annotators[2]!
    const { project, tasks } = await world.startProject('Annotate → Complete', { ontology, kind: 'training', name: 'Practice' })
    expect((await importGold(project, tasks as never, [gold(0.1)])).status).toBe(200)
    const first = await attempt(ann3, project, {
      objects: [{ id: 'mine', featureId: 'car', geometry: box(0.6) }],
      classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
    })
    // the car missed, an invented one: objects 0 / (1 + 1) = 0; the weather right: 1; score 0.5
    expect(first.body.score).toMatchObject({
      score: 0.5,
      attempts: 1,
      detail: { missed: [{ gold: 'g10', featureId: 'car' }], extra: [{ submitted: 'mine', featureId: 'car' }] },
    })
    // again, by id: the label comes back as a draft to correct
    const again = await as(ann3).post(`/api/tasks/${first.task}/claim`, {})
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    expect(again.body.label).toMatchObject({ status: 'draft', objects: [{ id: 'mine' }] })
    expect((await saveLabel(ann3, first.task, gold(0.1))).status).toBe(200)
    const second = await as(ann3).post(`/api/tasks/${first.task}/submit`, { expectedVersion: again.body.task.version })
    expect(second.body.score).toMatchObject({ score: expect.closeTo(1, 9), attempts: 2 })
    const report = await as(ann3).get(`/api/projects/${project}/scores`)
    expect(report.body.annotators).toEqual([expect.objectContaining({ annotator: ann3.id, scored: 1, attempts: 2 })])
    // a third attempt opened and released by a manager in bulk: the second attempt and its score stay
    expect((await as(ann3).post(`/api/tasks/${first.task}/claim`, {})).status).toBe(200)
    const released = await as(world.tm).post('/api/tasks/bulk', { project, ids: [first.task], operation: 'release' })
    expect(released.status, JSON.stringify(released.body)).toBe(200)
    const kept = (await as(ann3).get(`/api/projects/${project}/scores`)).body.annotators
    expect(kept).toEqual([expect.objectContaining({ annotator: ann3.id, scored: 1, attempts: 2, mean: expect.closeTo(1, 9) })])
    expect(report.body.annotators[0].passed).toBeUndefined()
  })

  it('answers 409 for the scores of a standard project', async () => {
    const { project } = await world.startProject('Annotate → Complete', { ontology, name: 'Plain' })
    const res = await as(world.tm).get(`/api/projects/${project}/scores`)
    expect(res.status).toBe(409)
    expect(res.body.errors[0].message).toBe(
      'project: scores are kept in benchmark and training projects, and for honeypots; this one is standard without honeypots',
    )
  })
})

describe('honeypots in a production project', () => {
  it('lets a task taken as an ordinary one before its gold came be finished as one', async () => {
    const ann1 = world.annotators[0]!
    const { project } = await world.startProject('Annotate → Complete', { ontology, name: 'Honeypots later' })
    const claimed = (await as(ann1).post(`/api/projects/${project}/next`, {})).body
    expect((await importGold(project, [claimed.task], [gold(0.1)])).status).toBe(200)
    expect((await as(world.tm).patch(`/api/projects/${project}`, { honeypots: { enabled: true } })).status).toBe(200)
    expect((await saveLabel(ann1, claimed.task.id, gold(0.1))).status).toBe(200)
    const submitted = await as(ann1).post(`/api/tasks/${claimed.task.id}/submit`, { expectedVersion: claimed.task.version })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect(submitted.body).toMatchObject({ stage: 'complete', status: 'completed' })
  })

  it('serves the gold task to each annotator first, scores it silently, pauses who falls below and lets a manager unpause', async () => {
    const [ann1, ann2] = world.annotators
    const { project, tasks } = await world.startProject('Annotate → Complete', {
      ontology,
      name: 'Production with honeypots',
      honeypots: { enabled: true, firstTasks: 1, rate: 0, window: 1, pauseBelow: 0.6 },
    })
    const honeypot = tasks[0]!.id
    expect((await importGold(project, tasks as never, [gold(0.1)])).status).toBe(200)

    // ann1's first task is the honeypot; a careless label scores 0 and pauses them — the answer looks like any submit
    const first = await attempt(ann1!, project, gold(0.7, 'rain'))
    expect(first.task).toBe(honeypot)
    expect(first.body.score).toBeUndefined()
    const refused = await as(ann1!).post(`/api/projects/${project}/next`, {})
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toBe(
      'paused: you are paused from this project: honeypot accuracy 0.00 over the last 1 gold tasks is below 0.60. A Team Manager or Admin of the project can let you work here again.',
    )
    // those who run the project see why, in the project and the audit trail, and unpause by removing the row
    const stored = (await as(world.tm).get(`/api/projects/${project}?depth=0`)).body
    expect(stored.pausedAnnotators).toEqual([
      expect.objectContaining({ user: ann1!.id, reason: expect.stringMatching(/^honeypot accuracy 0\.00/) }),
    ])
    const audit = (await world.asAdmin.get(`/api/audit-events?where[documentId][equals]=${project}&sort=-createdAt&limit=20&depth=0`)).body
      .docs
    expect(audit.map((entry: { summary: string }) => entry.summary)).toContain(
      `User ${ann1!.id} paused from project ${project} automatically: honeypot accuracy 0.00 over the last 1 gold tasks is below 0.60`,
    )
    const scores = (await as(world.tm).get(`/api/projects/${project}/scores`)).body
    expect(scores.annotators).toEqual([
      expect.objectContaining({ annotator: ann1!.id, scored: 1, mean: 0, paused: expect.stringMatching(/^honeypot accuracy/) }),
    ])
    // the annotators do not see who is paused, nor honeypot results
    expect((await as(ann2!).get(`/api/projects/${project}?depth=0`)).body.pausedAnnotators ?? []).toEqual([])
    expect((await as(ann2!).get(`/api/projects/${project}/scores`)).status).toBe(403)
    const lifted = stored.pausedAnnotators.map((row: object) => ({ ...row, lifted: true }))
    expect((await as(world.tm).patch(`/api/projects/${project}`, { pausedAnnotators: lifted })).status).toBe(200)
    const back = await as(ann1!).post(`/api/projects/${project}/next`, {})
    expect(back.status).toBe(200)
    expect(back.body.task.id, 'the gold task is never served through the workflow').not.toBe(honeypot)

    // ann2 labels the honeypot well and goes on working; the honeypot stays where it is for everyone else
    const second = await attempt(ann2!, project, gold(0.1))
    expect(second.task).toBe(honeypot)
    const next = await as(ann2!).post(`/api/projects/${project}/next`, {})
    expect(next.status).toBe(200)
    expect(next.body.task.id).not.toBe(honeypot)
    expect((await as(world.tm).get(`/api/tasks/${honeypot}?depth=0`)).body).toMatchObject({ stage: 'annotate', status: 'new' })
    // a skipped honeypot closes unscored and is not served to that person again (ann1 gives their task back for it)
    expect((await as(ann1!).post(`/api/tasks/${back.body.task.id}/release`, { expectedVersion: back.body.task.version })).status).toBe(200)
    const ann3 = world.annotators[2]!
    const served = await as(ann3).post(`/api/projects/${project}/next`, {})
    expect(served.body.task.id).toBe(honeypot)
    expect((await as(ann3).post(`/api/tasks/${honeypot}/skip`, { expectedVersion: served.body.task.version })).status).toBe(200)
    const after = await as(ann3).post(`/api/projects/${project}/next`, {})
    expect(after.status).toBe(200)
    expect(after.body.task.id).not.toBe(honeypot)
    const report = await checkInvariants(await createLocalReq({}, api.payload))
    expect(report.violations).toEqual([])
  })
})
