import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { pgQuery } from '../helpers/pgQuery.ts'
import { box, createStreetOntology } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { heldFor } from '../../scripts/seed/simulatedHold.ts'
import { foldPendingRollups } from '../../src/sql/analytics/rollupTrigger.ts'
import { readPlan } from '../../src/domain/analytics/query.ts'

/**
 * Project analytics on a scripted day: real claims, label saves, submits, a skip and reviews over REST, then the
 * journal's clock set to known times (2026-11-20, UTC) — the rollups follow — so every figure below is worked
 * out by hand: counts, rates, time per task and per label with p50 / p90 from the histogram buckets, the
 * per-annotator and per-reviewer tables, buckets in time zones, edges of the window read from the raw journal,
 * role scopes, CSV and GraphQL.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number
const ids: Record<'a' | 'b' | 'c', number> = { a: 0, b: 0, c: 0 }
const DAY = { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' }

const execute = (text: string, values: unknown[] = []) => pgQuery(api.databaseUri, text, values)

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3, reviewers: 1 })
  const ontology = await createStreetOntology(world)
  project = (await world.startProject('Annotate → Review → Complete', { ontology })).project
  const [ann1, ann2] = world.annotators
  const rev = world.reviewers[0]!
  const as = (token: string) => world.call(token)
  const put = (token: string, task: number, body: object) =>
    api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${token}`).send(body)
  const sunny = [{ featureId: 'weather', optionIds: ['sun'] }]

  // A: ann1 labels two cars and the weather (40 s active of a 60 s hold); B: ann2 one car and the weather (100 s of
  // 100 s); C: ann1 skips (5 s of 20 s). Holds are set on the simulated clock (the claim moved back), measured by the server
  const hold = (task: number, who: { id: string | number }, ms: number) => heldFor(api.payload, task, who.id, ms)
  const a = (await as(ann1!.token).post(`/api/projects/${project}/next`, {})).body.task
  await put(ann1!.token, a.id, {
    objects: [
      { id: 'c1', featureId: 'car', geometry: box(0.1) },
      { id: 'c2', featureId: 'car', geometry: box(0.5) },
    ],
    classifications: sunny,
  })
  await hold(a.id, ann1!, 60_000)
  expect((await as(ann1!.token).post(`/api/tasks/${a.id}/submit`, { expectedVersion: a.version, timeSpentMs: 40_000 })).status).toBe(200)
  const b = (await as(ann2!.token).post(`/api/projects/${project}/next`, {})).body.task
  await put(ann2!.token, b.id, { objects: [{ id: 'c1', featureId: 'car', geometry: box(0.2) }], classifications: sunny })
  await hold(b.id, ann2!, 100_000)
  expect((await as(ann2!.token).post(`/api/tasks/${b.id}/submit`, { expectedVersion: b.version, timeSpentMs: 100_000 })).status).toBe(200)
  const c = (await as(ann1!.token).post(`/api/projects/${project}/next`, {})).body.task
  await hold(c.id, ann1!, 20_000)
  expect(
    (await as(ann1!.token).post(`/api/tasks/${c.id}/skip`, { expectedVersion: c.version, note: 'blurred', timeSpentMs: 5_000 })).status,
  ).toBe(200)
  Object.assign(ids, { a: a.id, b: b.id, c: c.id })

  // the reviewer approves A (20 s of a 40 s hold) and rejects B's car, approving its weather (30 s of 30 s)
  for (const [task, decisions, timeSpentMs] of [
    [a.id, [], 20_000],
    [b.id, [{ target: 'object', id: 'c1', verdict: 'reject', note: 'Box too loose' }], 30_000],
  ] as const) {
    const served = (await as(rev.token).post(`/api/projects/${project}/next`, {})).body.task
    expect(served.id).toBe(task)
    await hold(task, rev, task === a.id ? 40_000 : 30_000)
    const reviewed = await as(rev.token).post(`/api/tasks/${task}/review`, {
      expectedVersion: served.version,
      all: 'approve',
      decisions,
      timeSpentMs,
    })
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200)
  }

  // the day's clock: A submitted 09:10, B 09:20, C skipped 10:05, A approved 11:30, B rejected 23:45 (and their follow-ups)
  const at = async (task: number, types: string[], time: string) =>
    execute(`update task_events set created_at = $3 where task_id = $1 and type::text = any($2)`, [task, types, time])
  await execute(`update task_events set created_at = '2026-11-19T08:00:00Z' where type::text in ('created', 'claimed')`)
  await at(a.id, ['submitted'], '2026-11-20T09:10:00Z')
  await at(b.id, ['submitted'], '2026-11-20T09:20:00Z')
  await at(c.id, ['skipped'], '2026-11-20T10:05:00Z')
  await at(a.id, ['approved', 'completed'], '2026-11-20T11:30:00Z')
  await at(b.id, ['rejected', 'reopened', 'assigned'], '2026-11-20T23:45:00Z')
  await execute(`update labels set submitted_at = '2026-11-20T09:10:00Z' where task_id = $1`, [a.id])
  await execute(`update labels set submitted_at = '2026-11-20T09:20:00Z' where task_id = $1`, [b.id])
}, 180_000)
afterAll(() => api?.close())

/** A hold the server measured: the simulated length plus the real milliseconds the requests took. */
const within = (ms: number) => expect.toSatisfy((value: number) => value >= ms && value < ms + 10_000)

const report = (token: string, query: Record<string, string>) =>
  world.call(token).get(`/api/projects/${project}/analytics?${new URLSearchParams(query)}`)

describe('project analytics', () => {
  it('counts the day by hand: tasks, labels, time and percentiles, the tables, throughput', async () => {
    const res = await report(world.tm.token, { ...DAY })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = res.body
    const [ann1, ann2] = world.annotators.map((user) => String(user.id))
    const rev = String(world.reviewers[0]!.id)
    expect(body).toMatchObject({ scope: 'team', source: 'rollups', window: { bucket: 'day', timeZone: 'UTC' } })
    expect(body.tasks).toEqual({
      submitted: 2,
      skipped: 1,
      released: 0,
      approved: 1,
      rejected: 1,
      completed: 1,
      reopened: 1,
      rejectionRate: 0.5,
    })
    // created: A's two cars and weather, B's car and weather; B's car rejected, everything else approved
    expect(body.labels).toEqual({ created: 5, edited: 0, deleted: 0, approved: 4, rejected: 1, rejectionRate: 0.2 })
    // annotation: 40 s, 100 s, 5 s. Buckets [5,10) [30,45) [90,120) s: p50 is the 2nd (30 + ½·15 s), p90 the 3rd (90 + ½·30 s)
    expect(body.time.annotation).toEqual({
      totalMs: 145_000,
      heldMs: within(180_000),
      utilisation: expect.closeTo(145 / 180, 2),
      timedTasks: 3,
      avgMs: 145_000 / 3,
      p50Ms: 37_500,
      p90Ms: 105_000,
      perLabelMs: 29_000,
    })
    // review: 20 s in [20,30): 25 s; 30 s in [30,45): 37.5 s
    expect(body.time.review).toEqual({
      totalMs: 50_000,
      heldMs: within(70_000),
      utilisation: expect.closeTo(50 / 70, 2),
      timedTasks: 2,
      avgMs: 25_000,
      p50Ms: 25_000,
      p90Ms: 37_500,
      perLabelMs: 10_000,
    })
    expect(body.annotators.map((row: { user: string }) => row.user).sort()).toEqual([ann1, ann2].sort())
    const byUser = Object.fromEntries(body.annotators.map((row: { user: string }) => [row.user, row]))
    expect(byUser[ann1]).toMatchObject({
      submitted: 1,
      skipped: 1,
      approved: 1,
      rejected: 0,
      rejectionRate: 0,
      labelsCreated: 3,
      labelsApproved: 3,
      labelsRejected: 0,
      openIssues: 0,
    })
    expect(byUser[ann2]).toMatchObject({
      submitted: 1,
      skipped: 0,
      approved: 0,
      rejected: 1,
      rejectionRate: 1,
      labelsCreated: 2,
      labelsApproved: 1,
      labelsRejected: 1,
      labelRejectionRate: 0.5,
      openIssues: 1,
    })
    expect(byUser[ann1].time).toMatchObject({ totalMs: 45_000, heldMs: within(80_000), timedTasks: 2, avgMs: 22_500, perLabelMs: 15_000 })
    // B was worked throughout its hold: the time spent reported is capped at the hold only if it was longer
    expect(byUser[ann2].time).toMatchObject({
      totalMs: 100_000,
      heldMs: within(100_000),
      timedTasks: 1,
      avgMs: 100_000,
      perLabelMs: 50_000,
    })
    expect(body.reviewers).toEqual([
      {
        user: rev,
        reviewed: 2,
        approved: 1,
        rejected: 1,
        labelsApproved: 4,
        labelsRejected: 1,
        openIssuesRaised: 1,
        time: expect.objectContaining({ totalMs: 50_000, avgMs: 25_000, perLabelMs: 10_000 }),
      },
    ])
    expect(body.people[ann1].email).toBe('ann1@wf.test')
    expect(body.throughput).toEqual([
      { bucket: '2026-11-20', agreement: null, submitted: 2, skipped: 1, approved: 1, rejected: 1, completed: 1, rejectionRate: 0.5 },
    ])
    expect(body.stages.map((row: { stage: string }) => row.stage).sort()).toEqual(['annotate', 'review'])
    expect(body.stages.find((row: { stage: string }) => row.stage === 'annotate')).toMatchObject({
      submitted: 2,
      skipped: 1,
      time: { totalMs: 145_000 },
    })
    expect(body.issues).toMatchObject({ open: 1, openByAnnotator: [{ user: ann2, open: 1 }], openByReviewer: [{ user: rev, open: 1 }] })
    expect(body.stagesNow.total).toBe(3)
    // instances per class in the labels submitted that day: A's two cars and B's one, and both weather answers
    expect(body.classInstances).toEqual([
      { feature: 'car', kind: 'object', instances: 3, name: 'Car' },
      { feature: 'weather', kind: 'classification', instances: 2, name: 'Weather' },
    ])
    // ann2's own: her one car and her weather answer
    const own = (await report(world.tm.token, { ...DAY, collaborator: ann2 })).body.classInstances
    expect(own.map((row: { feature: string; instances: number }) => [row.feature, row.instances])).toEqual([
      ['car', 1],
      ['weather', 1],
    ])
    // outside the day, none
    expect((await report(world.tm.token, { from: '2026-11-21T00:00:00Z', to: '2026-11-22T00:00:00Z' })).body.classInstances).toEqual([])
  })

  it('puts events in the caller’s time zone buckets, from rollups or — for a half-hour zone — from the raw journal', async () => {
    // Berlin is UTC+1 in November: B's rejection at 23:45 UTC is on the 21st there
    const berlin = await report(world.tm.token, { from: '2026-11-19T23:00:00Z', to: '2026-11-21T23:00:00Z', timeZone: 'Europe/Berlin' })
    expect(berlin.body.source).toBe('rollups')
    expect(
      berlin.body.throughput.map((row: { bucket: string; submitted: number; rejected: number }) => [
        row.bucket,
        row.submitted,
        row.rejected,
      ]),
    ).toEqual([
      ['2026-11-20', 2, 0],
      ['2026-11-21', 0, 1],
    ])
    // Kolkata is UTC+5:30: 09:10 and 09:20 UTC are 14:40 and 14:50 there; hour buckets need the raw journal
    const kolkata = await report(world.tm.token, { ...DAY, bucket: 'hour', timeZone: 'Asia/Kolkata' })
    expect(kolkata.body.source).toBe('journal')
    const hours = Object.fromEntries(
      kolkata.body.throughput.map((row: { bucket: string; submitted: number }) => [row.bucket, row.submitted]),
    )
    expect(hours['2026-11-20T14:00']).toBe(2)
    // a UTC day there is 05:30 to 05:30: 25 local hours, the first and the last half ones
    expect(kolkata.body.throughput).toHaveLength(25)
    expect([kolkata.body.throughput.at(0).bucket, kolkata.body.throughput.at(-1).bucket]).toEqual(['2026-11-20T05:00', '2026-11-21T05:00'])
    expect(kolkata.body.tasks).toEqual((await report(world.tm.token, { ...DAY })).body.tasks)
  })

  it('reads the edges of a window that starts inside an hour from the raw journal', async () => {
    // from 09:15: A's submit (09:10) is out, B's (09:20) in
    const res = await report(world.tm.token, { from: '2026-11-20T09:15:00Z', to: '2026-11-20T11:40:00Z' })
    expect(res.body.tasks).toMatchObject({ submitted: 1, skipped: 1, approved: 1, rejected: 0 })
  })

  it('reads a part day as its whole day less the rest when that is shorter, and agrees with the raw journal', async () => {
    // Kolkata's half hours send a report to the raw journal; the people and stage tables do not depend on the zone
    const windows = [
      { from: '2026-11-20T09:15:00Z', to: '2026-11-21T00:00:00Z' }, // the 20th less 00:00-09:15 (A's submit)
      { from: '2026-11-19T14:00:00Z', to: '2026-11-20T22:00:00Z' }, // the 20th less 22:00-24:00 (B's rejection)
      { from: '2026-11-20T10:06:00Z', to: '2026-11-20T23:59:00Z' }, // one day less both sides: no annotate events left
      { from: '2026-11-20T09:05:00Z', to: '2026-11-20T11:35:00Z' }, // a short one: raw
    ]
    // every event folded into the rollups (not read through the pending lookup)
    while ((await execute(`select 1 from task_events_pending limit 1`)).length > 0) await foldPendingRollups(api.payload)
    for (const window of windows) {
      const fromRollups = (await report(world.tm.token, window)).body
      const fromJournal = (await report(world.tm.token, { ...window, timeZone: 'Asia/Kolkata' })).body
      expect([fromRollups.source, fromJournal.source]).toEqual(['rollups', 'journal'])
      for (const table of ['tasks', 'labels', 'time', 'annotators', 'reviewers', 'stages'])
        expect(fromRollups[table], `${table} ${window.from}`).toEqual(fromJournal[table])
    }
    const late = (await report(world.tm.token, windows[2]!)).body
    expect(late.tasks).toMatchObject({ submitted: 0, skipped: 0, approved: 1, rejected: 1 })
    // a stage whose events all lie in the part taken away is not listed (no row of zeros)
    expect(late.stages.map((row: { stage: string }) => row.stage)).not.toContain('annotate')
    expect((await report(world.tm.token, windows[0]!)).body.tasks).toMatchObject({ submitted: 1, skipped: 1, approved: 1, rejected: 1 })
  })

  it('sums day and week buckets in UTC (or London in winter) from the daily rollups, as the raw journal does', async () => {
    while ((await execute(`select 1 from task_events_pending limit 1`)).length > 0) await foldPendingRollups(api.payload)
    const windows = [
      { from: '2026-11-20T09:15:00Z', to: '2026-11-21T00:00:00Z' }, // the 20th less 00:00-09:15
      { from: '2026-11-19T14:00:00Z', to: '2026-11-20T22:00:00Z' }, // part of the 19th raw, the 20th less 22:00-24:00
      { from: '2026-11-20T10:06:00Z', to: '2026-11-20T23:59:00Z' }, // one day less both sides
      { from: '2026-11-10T00:00:00Z', to: '2026-11-27T00:00:00Z' }, // whole days, across a Monday
    ]
    const ann1 = String(world.annotators[0]!.id)
    for (const window of windows)
      for (const bucket of ['day', 'week'])
        for (const who of [{}, { collaborator: ann1 }] as Array<Record<string, string>>) {
          const query = { ...window, bucket, ...who }
          // the path under test: buckets from the daily rollups (the figures below hold either way)
          expect(
            readPlan({ bucket: bucket as 'day', timeZone: 'UTC' }, { from: new Date(window.from), to: new Date(window.to) }),
          ).toMatchObject({
            raw: false,
            utcDayBuckets: true,
          })
          const fromRollups = (await report(world.tm.token, query)).body
          // the project's one dataset: every event, read raw
          const fromJournal = (await report(world.tm.token, { ...query, dataset: String(world.dataset) })).body
          expect([fromRollups.source, fromJournal.source]).toEqual(['rollups', 'journal'])
          for (const table of ['tasks', 'labels', 'time', 'annotators', 'reviewers', 'stages', 'throughput'])
            expect(fromRollups[table], `${table} ${bucket} ${window.from} ${JSON.stringify(who)}`).toEqual(fromJournal[table])
          const inLondon = (await report(world.tm.token, { ...query, timeZone: 'Europe/London' })).body
          expect(inLondon.throughput).toEqual(fromRollups.throughput)
        }
    // the sums by hand: B's rejection at 23:45 is the 20th's, in the week of Monday the 16th
    const week = (await report(world.tm.token, { ...windows[3]!, bucket: 'week' })).body.throughput
    expect(week.map((row: { bucket: string; submitted: number; rejected: number }) => [row.bucket, row.submitted, row.rejected])).toEqual([
      ['2026-11-09', 0, 0],
      ['2026-11-16', 2, 1],
      ['2026-11-23', 0, 0],
    ])
    const lessBoth = (await report(world.tm.token, windows[2]!)).body.throughput
    expect(lessBoth).toEqual([expect.objectContaining({ bucket: '2026-11-20', submitted: 0, skipped: 0, approved: 1, rejected: 1 })])
  })

  it('has a bucket for a window’s last minutes, however its start falls (a report asked just after midnight)', async () => {
    // 30 days up to 00:05 on the 21st: the 21st's five minutes are a bucket of their own, B's rejection at 23:45 is the 20th's
    const days = await report(world.tm.token, { from: '2026-10-22T00:05:00Z', to: '2026-11-21T00:05:00Z' })
    const buckets = days.body.throughput.map((row: { bucket: string }) => row.bucket)
    expect(buckets).toHaveLength(31)
    expect(buckets.at(0)).toBe('2026-10-22')
    expect(buckets.at(-1)).toBe('2026-11-21')
    const hours = await report(world.tm.token, { from: '2026-11-20T20:30:00Z', to: '2026-11-20T23:50:00Z', bucket: 'hour' })
    expect(hours.body.throughput.map((row: { bucket: string }) => row.bucket)).toEqual([
      '2026-11-20T20:00',
      '2026-11-20T21:00',
      '2026-11-20T22:00',
      '2026-11-20T23:00',
    ])
    expect(hours.body.throughput.at(-1)).toMatchObject({ rejected: 1 })
  })

  it('filters by collaborator, stage, dataset, data item name and ontology class', async () => {
    const ann2 = String(world.annotators[1]!.id)
    const one = await report(world.tm.token, { ...DAY, collaborator: ann2 })
    expect(one.body.annotators.map((row: { user: string }) => row.user)).toEqual([ann2])
    // the reviewer who judged ann2's work is in the figures, not in the tables: not named
    expect(Object.keys(one.body.people)).toEqual([ann2])
    expect(one.body.tasks).toMatchObject({ submitted: 1, rejected: 1, approved: 0 })
    expect((await report(world.tm.token, { ...DAY, stage: 'review' })).body.tasks).toMatchObject({ submitted: 0, approved: 1, rejected: 1 })
    const byDataset = await report(world.tm.token, { ...DAY, dataset: String(world.dataset) })
    expect(byDataset.body).toMatchObject({ source: 'journal', tasks: { submitted: 2 } })
    const [item] = await execute(`select d.name from tasks t join data_items d on d.id = t.data_item_id where t.id = $1`, [ids.b])
    expect(item!.name).toBeTruthy()
    // B's item alone: its submit and its rejection
    const byName = await report(world.tm.token, { ...DAY, dataItemName: String(item!.name).toUpperCase() })
    expect(byName.body.tasks).toMatchObject({ submitted: 1, rejected: 1, approved: 0, skipped: 0 })
    // only A and B have labels with a car
    expect((await report(world.tm.token, { ...DAY, ontologyClass: 'car' })).body.tasks).toMatchObject({ submitted: 2, skipped: 0 })
    expect((await report(world.tm.token, { ...DAY, ontologyClass: 'bicycle' })).body.tasks).toMatchObject({ submitted: 0 })
  })

  it('shows Annotators and Reviewers their own figures only; outsiders get 404, strangers 401', async () => {
    const [ann1, ann2] = world.annotators
    const own = await report(ann2!.token, { ...DAY })
    expect(own.status).toBe(200)
    expect(own.body.scope).toBe('own')
    expect(own.body.annotators.map((row: { user: string }) => row.user)).toEqual([String(ann2!.id)])
    expect(own.body.reviewers).toEqual([]) // the verdict on ann2's work counts for ann2; the reviewer's row is the reviewer's
    // the verdict counts as ann2's, the reviewer's 30 s on it does not
    expect(own.body.tasks).toMatchObject({ submitted: 1, rejected: 1 })
    expect(own.body.time.review.totalMs).toBe(0)
    expect(own.body.time.annotation.totalMs).toBe(100_000)
    expect(own.body.stagesNow).toBeNull()
    const peek = await report(ann2!.token, { ...DAY, collaborator: String(ann1!.id) })
    expect(peek.status).toBe(403)
    expect(peek.body.errors[0].message).toMatch(/^collaborator: /)
    const outsider = await api.createUser('outsider@analytics.test')
    expect((await report(outsider.token, { ...DAY })).status).toBe(404)
    expect((await api.http().get(`/api/projects/${project}/analytics`)).status).toBe(401)
  })

  it('refuses a bad request with 400 naming the field and the rule', async () => {
    const bad = async (query: Record<string, string>, path: RegExp) => {
      const res = await report(world.tm.token, query)
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(JSON.stringify(res.body.errors)).toMatch(path)
    }
    await bad({ bucket: 'month' }, /bucket/)
    await bad({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', bucket: 'hour' }, /at most 31 days/)
    await bad({ from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' }, /must come before to/)
    await bad({ timeZone: 'Mars/Olympus' }, /IANA time zone/)
    await bad({ from: 'yesterday' }, /ISO 8601/)
    await bad({ format: 'csv' }, /table/)
    await bad({ sort: 'name' }, /sort/)
  })

  it('downloads a table as CSV with a header row', async () => {
    const res = await report(world.tm.token, { ...DAY, format: 'csv', table: 'annotators' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+-annotators\.csv"/)
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]!.startsWith('annotator,submitted,skipped,approved,rejected,rejection rate')).toBe(true)
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',').slice(0, 5).join(','))
        .sort(),
    ).toEqual(['ann1@wf.test,1,1,1,0', 'ann2@wf.test,1,0,0,1'])
  })

  it('answers the same over GraphQL', async () => {
    const rest = (await report(world.tm.token, { ...DAY })).body
    const graphql = await api.graphql<{ projectAnalytics: unknown }>(
      'query ($project: ID!, $params: JSON) { projectAnalytics(project: $project, params: $params) }',
      { project, params: DAY },
      world.tm.token,
    )
    expect(graphql.errors).toBeUndefined()
    expect(graphql.data!.projectAnalytics).toEqual(rest)
  })
})
