import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { heldFor } from '../../scripts/seed/simulatedHold.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { pgQuery } from '../helpers/pgQuery.ts'
import { box, createStreetOntology } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * The workspace report on a scripted day (2026-11-20, UTC) over two projects, every figure worked out by hand:
 * P1 (Annotate → Review → Complete): ann1 submits A at 09:00 (30 min active of a 40 min hold), ann2 submits B at
 * 09:30 (20 of 40); the reviewer approves A at 10:00 (10 of 10) and rejects B at 10:30 (5 of 10).
 * P2 (Annotate → Complete): ann1 submits C at 11:00 (15 of 15).
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
const projects = { p1: 0, p2: 0 }
const DAY = { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' }
const MIN = 60_000

const execute = (text: string, values: unknown[] = []) => pgQuery(api.databaseUri, text, values)

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 2, reviewers: 1 })
  const ontology = await createStreetOntology(world)
  projects.p1 = (await world.startProject('Annotate → Review → Complete', { ontology })).project
  projects.p2 = (await world.startProject('Annotate → Complete', { ontology, name: 'Quick pass' })).project
  const [ann1, ann2] = world.annotators
  const rev = world.reviewers[0]!
  const as = (token: string) => world.call(token)

  const annotate = async (who: typeof ann1, project: number, active: number, held: number) => {
    const task = (await as(who!.token).post(`/api/projects/${project}/next`, {})).body.task
    await api
      .http()
      .put(`/api/tasks/${task.id}/label`)
      .set('Authorization', `JWT ${who!.token}`)
      .send({
        objects: [{ id: 'c1', featureId: 'car', geometry: box(0.1) }],
        classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
      })
    await heldFor(api.payload, task.id, who!.id, held)
    const res = await as(who!.token).post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version, timeSpentMs: active })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return task.id as number
  }
  const review = async (verdict: 'approve' | 'reject', active: number, held: number) => {
    const task = (await as(rev.token).post(`/api/projects/${projects.p1}/next`, {})).body.task
    await heldFor(api.payload, task.id, rev.id, held)
    const decisions = verdict === 'reject' ? [{ target: 'object', id: 'c1', verdict: 'reject', note: 'Too loose' }] : []
    const res = await as(rev.token).post(`/api/tasks/${task.id}/review`, {
      expectedVersion: task.version,
      all: 'approve',
      decisions,
      timeSpentMs: active,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return task.id as number
  }
  const a = await annotate(ann1, projects.p1, 30 * MIN, 40 * MIN)
  const b = await annotate(ann2, projects.p1, 20 * MIN, 40 * MIN)
  expect(await review('approve', 10 * MIN, 10 * MIN)).toBe(a)
  expect(await review('reject', 5 * MIN, 10 * MIN)).toBe(b)
  const c = await annotate(ann1, projects.p2, 15 * MIN, 15 * MIN)

  const at = async (task: number, types: string[], time: string) =>
    execute(`update task_events set created_at = $3 where task_id = $1 and type::text = any($2)`, [task, types, time])
  await execute(`update task_events set created_at = '2026-11-19T08:00:00Z' where type::text in ('created', 'claimed')`)
  await at(a, ['submitted'], '2026-11-20T09:00:00Z')
  await at(b, ['submitted'], '2026-11-20T09:30:00Z')
  await at(a, ['approved', 'completed'], '2026-11-20T10:00:00Z')
  await at(b, ['rejected', 'reopened', 'assigned'], '2026-11-20T10:30:00Z')
  await at(c, ['submitted', 'completed'], '2026-11-20T11:00:00Z')
}, 180_000)
afterAll(() => api?.close())

const report = (token: string, query: Record<string, string>) =>
  world.call(token).get(`/api/workspaces/${world.workspace}/analytics?${new URLSearchParams(query)}`)
/** A hold the server measured: the simulated length plus the real milliseconds the requests took. */
const within = (ms: number) => expect.toSatisfy((value: number) => value >= ms && value < ms + 10_000)

describe('the workspace report', () => {
  it('sums every project by hand: totals, utilisation, projects, people, productivity', async () => {
    const res = await report(world.admin.token, DAY)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = res.body
    const [ann1, ann2] = world.annotators.map((user) => String(user.id))
    const rev = String(world.reviewers[0]!.id)
    expect(body).toMatchObject({ source: 'rollups', workspace: { id: world.workspace, name: 'Workflow WS' } })
    expect(body.totals).toEqual({
      submitted: 3,
      skipped: 0,
      reviewed: 2,
      approved: 1,
      rejected: 1,
      rejectionRate: 0.5,
      completed: 2,
      activeMs: 80 * MIN,
      heldMs: within(115 * MIN),
      utilisation: expect.closeTo(80 / 115, 3),
      perActiveHour: 5 / (80 / 60),
      agreement: null,
      activePeople: 3,
    })
    expect(body.projectsByStatus).toMatchObject({ 'in-progress': 2, paused: 0, archived: 0 })
    const p1 = body.projects.find((row: { project: string }) => row.project === String(projects.p1))
    const p2 = body.projects.find((row: { project: string }) => row.project === String(projects.p2))
    expect(p1).toMatchObject({ submitted: 2, reviewed: 2, approved: 1, rejected: 1, activeMs: 65 * MIN, heldMs: within(100 * MIN) })
    expect(p1.perActiveHour).toBeCloseTo(4 / (65 / 60), 6)
    expect(p2).toMatchObject({ name: 'Quick pass', status: 'in-progress', submitted: 1, reviewed: 0, activeMs: 15 * MIN, perActiveHour: 4 })
    const person = (user: string) => body.team.find((row: { user: string }) => row.user === user)
    // ann1: two submits in 45 min (one approved); ann2: one in 20 min (rejected); the reviewer: two reviews in 15 min
    expect(person(ann1)).toMatchObject({ submitted: 2, approved: 1, rejected: 0, activeMs: 45 * MIN, heldMs: within(55 * MIN) })
    expect(person(ann1).perActiveHour).toBeCloseTo(2 / 0.75, 6)
    expect(person(ann2)).toMatchObject({ submitted: 1, approved: 0, rejected: 1, rejectionRate: 1, activeMs: 20 * MIN, perActiveHour: 3 })
    expect(person(rev)).toMatchObject({ submitted: 0, reviewed: 2, activeMs: 15 * MIN, perActiveHour: 8 })
    expect(body.people[ann1].email).toBe('ann1@wf.test')
    const users = (rows: Array<{ user: string }>) => rows.map((row) => row.user)
    expect(users(body.productivity.people.most)).toEqual([rev, ann2, ann1])
    expect(users(body.productivity.people.least)).toEqual([ann1, ann2, rev])
    expect(body.productivity.projects.most.map((row: { project: string }) => row.project)).toEqual([
      String(projects.p2),
      String(projects.p1),
    ])
  })

  it('gives throughput, quality and utilisation per bucket in the caller’s time zone', async () => {
    const hours = await report(world.admin.token, { ...DAY, bucket: 'hour', timeZone: 'Europe/Berlin' })
    expect(hours.status).toBe(200)
    const byHour = Object.fromEntries(hours.body.throughput.map((row: { bucket: string }) => [row.bucket, row]))
    // Berlin is UTC+1 in November
    expect(byHour['2026-11-20T10:00']).toMatchObject({ submitted: 2, approved: 0, activeMs: 50 * MIN })
    expect(byHour['2026-11-20T11:00']).toMatchObject({ approved: 1, rejected: 1, completed: 1, rejectionRate: 0.5, activeMs: 15 * MIN })
    expect(byHour['2026-11-20T12:00']).toMatchObject({ submitted: 1, completed: 1, utilisation: expect.closeTo(1, 3) })
    expect(hours.body.throughput).toHaveLength(24)
    // the same totals from the raw journal in a half-hour zone
    const kolkata = await report(world.admin.token, { ...DAY, timeZone: 'Asia/Kolkata' })
    expect(kolkata.body.source).toBe('journal')
    expect(kolkata.body.totals).toEqual((await report(world.admin.token, DAY)).body.totals)
  })

  it('is for the workspace’s Admins: 403 for its other members, 404 outside it, 401 signed out', async () => {
    const refused = await report(world.tm.token, DAY)
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toMatch(/^workspace: /)
    expect((await report(world.annotators[0]!.token, DAY)).status).toBe(403)
    const outsider = await api.createUser('outsider@workspace-report.test')
    expect((await report(outsider.token, DAY)).status).toBe(404)
    expect((await api.http().get(`/api/workspaces/${world.workspace}/analytics`)).status).toBe(401)
  })

  it('refuses a bad request with 400 naming the field and the rule', async () => {
    const bad = async (query: Record<string, string>, path: RegExp) => {
      const res = await report(world.admin.token, query)
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(JSON.stringify(res.body.errors)).toMatch(path)
    }
    await bad({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', bucket: 'hour' }, /at most 31 days/)
    await bad({ format: 'csv' }, /table/)
    await bad({ format: 'csv', table: 'annotators' }, /projects, people, throughput/)
    await bad({ collaborator: '1' }, /collaborator/)
  })

  it('downloads each table as CSV with a header row', async () => {
    const people = await report(world.admin.token, { ...DAY, format: 'csv', table: 'people' })
    expect(people.status).toBe(200)
    expect(people.headers['content-disposition']).toMatch(/filename="workflow-ws-people\.csv"/)
    const lines = people.text.trim().split('\r\n')
    expect(lines[0]).toBe(
      'person,submitted,skipped,reviewed,approved,rejected,rejection rate,active time ms,held time ms,utilisation,tasks per active hour',
    )
    // most work first: ann1 and the reviewer tie at two tasks (their order is by id, random with uuids), then ann2
    const rows = lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))
    expect(rows.slice(0, 2).sort()).toEqual(['ann1@wf.test,2,0,0', 'rev0@wf.test,0,0,2'])
    expect(rows[2]).toBe('ann2@wf.test,1,0,0')
    const projectsCsv = await report(world.admin.token, { ...DAY, format: 'csv', table: 'projects' })
    expect(projectsCsv.text.split('\r\n')[0]!.startsWith('project,status,submitted')).toBe(true)
    const throughput = await report(world.admin.token, { ...DAY, format: 'csv', table: 'throughput' })
    expect(throughput.text.trim().split('\r\n')).toHaveLength(2)
  })

  it('answers the same over GraphQL', async () => {
    const rest = (await report(world.admin.token, DAY)).body
    const graphql = await api.graphql<{ workspaceAnalytics: unknown }>(
      'query ($workspace: ID!, $params: JSON) { workspaceAnalytics(workspace: $workspace, params: $params) }',
      { workspace: world.workspace, params: DAY },
      world.admin.token,
    )
    expect(graphql.errors).toBeUndefined()
    expect(graphql.data!.workspaceAnalytics).toEqual(rest)
  })
})
