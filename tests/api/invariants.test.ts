import { createLocalReq } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkInvariants } from '../../src/operations/checkInvariants.ts'
import { foldPendingRollups } from '../../src/sql/analytics/rollupTrigger.ts'
import { pendingEvents } from '../helpers/rollups.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { pgQuery } from '../helpers/pgQuery.ts'
import { box, createStreetOntology } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * The invariant checker (`npm run check:invariants`) on real work over REST — a reviewed project and a consensus
 * project part-way — finds nothing; each kind of damage done to the stored data by hand is then found, named by
 * its rule, and the data put back.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
const ids = { reviewed: 0, consensus: 0, submitted: 0, open: 0, label: 0 }

const execute = (text: string, values: unknown[] = []) => pgQuery(api.databaseUri, text, values)
/** An id no task has, of the suite's id type */
const NO_TASK = process.env.LABELOPS_TEST_ID_TYPE === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 999_999
const check = async () => checkInvariants(await createLocalReq({}, api.payload))
const rules = async () => [...new Set((await check()).violations.map((violation) => violation.rule))].sort()

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3, reviewers: 1 })
  const ontology = await createStreetOntology(world)
  ids.reviewed = (await world.startProject('Annotate → Review → Complete', { ontology })).project
  ids.consensus = (await world.startProject('Consensus', { ontology, name: 'Consensus project' })).project
  const [ann1, ann2] = world.annotators
  const as = (token: string) => world.call(token)
  // reviewed project: ann1 labels and submits a task, the reviewer approves it; ann2 holds another
  const task = (await as(ann1!.token).post(`/api/projects/${ids.reviewed}/next`, {})).body.task
  await api
    .http()
    .put(`/api/tasks/${task.id}/label`)
    .set('Authorization', `JWT ${ann1!.token}`)
    .send({
      objects: [{ id: 'c1', featureId: 'car', geometry: box(0.1) }],
      classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
    })
  expect((await as(ann1!.token).post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version })).status).toBe(200)
  const served = (await as(world.reviewers[0]!.token).post(`/api/projects/${ids.reviewed}/next`, {})).body.task
  expect((await as(world.reviewers[0]!.token).post(`/api/tasks/${served.id}/approve`, { expectedVersion: served.version })).status).toBe(
    200,
  )
  ids.submitted = task.id
  ids.open = (await as(ann2!.token).post(`/api/projects/${ids.reviewed}/next`, {})).body.task.id
  // consensus project: two of three annotators hold slots on the first task
  await as(ann1!.token).post(`/api/projects/${ids.consensus}/next`, {})
  await as(ann2!.token).post(`/api/projects/${ids.consensus}/next`, {})
  ids.label = (await execute(`select id from labels where task_id = $1`, [ids.submitted]))[0]!.id
}, 180_000)
afterAll(() => api?.close())

describe('the invariant checker', () => {
  it('finds nothing wrong after real work', async () => {
    const report = await check()
    expect(report.violations).toEqual([])
    expect(report.checked.tasks).toBe(6)
  })

  it('finds a task on a stage its workflow lacks, and the journal that disagrees', async () => {
    await execute(`update tasks set stage = 'nowhere' where id = $1`, [ids.open])
    const report = await check()
    expect(
      report.violations
        .filter((violation) => violation.subject === `task ${ids.open}`)
        .map((violation) => violation.rule)
        .sort(),
    ).toEqual(['journal-replays', 'stage-exists'])
    await execute(`update tasks set stage = 'annotate' where id = $1`, [ids.open])
    expect(await rules()).toEqual([])
  })

  it('finds a completed task that is not at an end stage, and a held task at one', async () => {
    await execute(`update tasks set status = 'completed' where id = $1`, [ids.open])
    expect(await rules()).toEqual(['completed-at-end', 'journal-replays'])
    await execute(`update tasks set status = 'new' where id = $1`, [ids.open])
    const holder = world.annotators[0]!.id
    await execute(`update tasks set lease_holder_id = $2 where id = $1`, [ids.submitted, holder])
    expect(await rules()).toEqual(['journal-replays', 'no-lease-at-end'])
    await execute(`update tasks set lease_holder_id = null where id = $1`, [ids.submitted])
    expect(await rules()).toEqual([])
  })

  it('finds a consensus round with more slots than the stage asks for', async () => {
    const [slot] = await execute(`select * from consensus_branches where project_id = $1 limit 1`, [ids.consensus])
    for (const person of [world.annotators[2]!, world.reviewers[0]!]) {
      await execute(
        `insert into consensus_branches (workspace_id, project_id, task_id, stage, round, annotator_id, lease_expires_at, updated_at, created_at)
         values ($1, $2, $3, $4, $5, $6, now() + interval '5 minutes', now(), now())`,
        [slot!.workspace_id, slot!.project_id, slot!.task_id, slot!.stage, slot!.round, person.id],
      )
    }
    const violations = (await check()).violations.filter((violation) => violation.rule === 'consensus-slots')
    expect(violations).toEqual([
      expect.objectContaining({ subject: `task ${slot!.task_id}`, detail: expect.stringMatching(/4 slots .* asks for 3/) }),
    ])
    await execute(`delete from consensus_branches where task_id = $1 and annotator_id = any($2)`, [
      slot!.task_id,
      [world.annotators[2]!.id, world.reviewers[0]!.id],
    ])
    expect(await rules()).toEqual([])
  })

  it('finds a claim that gave a lease someone else still held (a double claim)', async () => {
    const [holding, other] = [world.annotators[1]!.id, world.annotators[0]!.id]
    const [task] = await execute(`select workspace_id, project_id, stage, status from tasks where id = $1`, [ids.open])
    // the second claim as a broken claim would write it: no `expired` row for the holder first
    const [row] = await execute(
      `insert into task_events (workspace_id, project_id, task_id, actor_id, holder_id, type, from_stage, to_stage, from_status, to_status, created_at, updated_at)
       values ($1, $2, $3, $4, $4, 'claimed', $5, $5, $6, $6, now(), now()) returning id`,
      [task!.workspace_id, task!.project_id, ids.open, other, task!.stage, task!.status],
    )
    await execute(`update tasks set lease_holder_id = $2 where id = $1`, [ids.open, other])
    expect((await check()).violations).toEqual([
      expect.objectContaining({ rule: 'single-holder', subject: `task ${ids.open}`, detail: expect.stringMatching(/^1 claims gave/) }),
    ])
    await execute(`delete from task_events where id = $1`, [row!.id])
    await execute(`update tasks set lease_holder_id = $2 where id = $1`, [ids.open, holding])
    expect(await rules()).toEqual([])
  })

  it('finds rollups that drifted from the journal', async () => {
    // the review's events folded into the rollups first (the server's own folder may hold some for an instant)
    while ((await pendingEvents(api.databaseUri)) > 0) await foldPendingRollups(api.payload)
    await execute(`update task_rollups set events = events + 1 where project_id = $1 and grain = 'day' and type = 'submitted'`, [
      ids.reviewed,
    ])
    const violations = (await check()).violations
    expect(violations.map((violation) => violation.rule)).toEqual(['rollups-match'])
    expect(violations[0]!.subject).toMatch(/ day .* submitted /)
    await execute(`update task_rollups set events = events - 1 where project_id = $1 and grain = 'day' and type = 'submitted'`, [
      ids.reviewed,
    ])
    expect(await rules()).toEqual([])
  })

  it('finds labels whose task is gone', async () => {
    // only with the foreign keys switched off could a task go and leave its label behind
    const client = new pg.Client({ connectionString: api.databaseUri })
    await client.connect()
    try {
      await client.query(`set session_replication_role = replica`)
      await client.query(`update labels set task_id = $2 where id = $1`, [ids.label, NO_TASK])
    } finally {
      await client.end()
    }
    expect((await check()).violations.filter((violation) => violation.rule === 'label-has-task')).toEqual([
      expect.objectContaining({ subject: `label ${ids.label}` }),
    ])
    const restore = new pg.Client({ connectionString: api.databaseUri })
    await restore.connect()
    await restore.query(`set session_replication_role = replica`)
    await restore.query(`update labels set task_id = $2 where id = $1`, [ids.label, ids.submitted])
    await restore.end()
    expect(await rules()).toEqual([])
  })
})
