import pg from 'pg'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { WEBHOOK_EVENTS } from '../../src/domain/webhooks/events.ts'
import { startWebhookWorker } from '../../src/operations/webhookWorker.ts'
import { type ClaimedDelivery, recordOutcome } from '../../src/sql/webhooks/deliveryQueue.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { box, createStreetOntology } from '../helpers/ontologies.ts'
import { pgQuery } from '../helpers/pgQuery.ts'
import { eventually, startWebhookReceiver } from '../helpers/webhookReceiver.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * Webhooks over the real server and Postgres: subscriptions kept by whoever runs the project, deliveries written
 * by the database in the event's own transaction and sent, signed, by the delivery worker to a local receiver —
 * retried while it is down, given up on 410, never twice for one attempt, taken again after a worker dies.
 */
const SCHEDULE = [300, 600, 600, 600]
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let project: number | string
const ALL_EVENTS: string[] = [...WEBHOOK_EVENTS]

const execute = (text: string, values: unknown[] = []) => pgQuery(api.databaseUri, text, values)
/** the delivery log of a webhook, numbers as numbers (Payload keeps number fields as numeric) */
const deliveriesOf = async (subscription: number | string) =>
  (
    await execute(
      // in the journal's order (uuid ids are not): the statement's time, then the event's place in the journal
      `select * from webhook_deliveries where subscription_id = $1 order by created_at, (payload->'data'->>'sequence')::bigint nulls last, id`,
      [subscription],
    )
  ).map((row): Record<string, any> => ({
    ...row,
    attempts: Number(row.attempts),
    last_status: row.last_status === null ? null : Number(row.last_status),
    response_ms: row.response_ms === null ? null : Number(row.response_ms),
  }))

beforeAll(async () => {
  api = await startTestApi({ labelOps: { webhooks: { allowHosts: ['127.0.0.1'], pollMs: 50, retrySchedule: SCHEDULE, timeoutMs: 2000 } } })
  world = await buildWorkflowWorld(api, { items: 8, reviewers: 1 })
  receiver = await startWebhookReceiver()
  const ontology = await createStreetOntology(world)
  project = (await world.startProject('Annotate → Review → Complete', { ontology })).project
}, 180_000)
afterAll(async () => {
  await receiver?.close()
  await api?.close()
})

const subscribe = async (path: string, events = ALL_EVENTS) => {
  const created = await world.call(world.tm.token).post('/api/webhook-subscriptions', { project, url: receiver.url(path), events })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.doc as { id: number | string; secret: string }
}

const putLabel = (token: string, task: number | string, body: object) =>
  api.http().put(`/api/tasks/${task}/label`).set('Authorization', `JWT ${token}`).send(body)

/** An annotator claims, labels and submits; the reviewer approves. */
const workOneTask = async () => {
  const [ann] = world.annotators
  const claimed = (await world.call(ann!.token).post(`/api/projects/${project}/next`, {})).body.task
  await putLabel(ann!.token, claimed.id, {
    objects: [{ id: 'c1', featureId: 'car', geometry: box(0.1) }],
    classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
  })
  const submitted = await world.call(ann!.token).post(`/api/tasks/${claimed.id}/submit`, { expectedVersion: claimed.version })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  const reviewer = world.reviewers[0]!
  const served = (await world.call(reviewer.token).post(`/api/projects/${project}/next`, {})).body.task
  const approved = await world.call(reviewer.token).post(`/api/tasks/${served.id}/approve`, { expectedVersion: served.version })
  expect(approved.status, JSON.stringify(approved.body)).toBe(200)
  return claimed.id as number | string
}

describe('webhook subscriptions', () => {
  it('are kept by whoever runs the project, with a secret LabelOps makes and a URL webhooks may reach', async () => {
    const [ann] = world.annotators
    const body = { project, url: receiver.url('/rules'), events: ['task.submitted'] }
    expect((await world.call(ann!.token).post('/api/webhook-subscriptions', body)).status).toBe(403)
    const internal = await world.call(world.tm.token).post('/api/webhook-subscriptions', { ...body, url: 'http://10.0.0.7/hook' })
    expect(internal.status).toBe(400)
    expect(internal.body.errors[0].data.errors).toEqual([
      { path: 'url', message: expect.stringMatching(/^10\.0\.0\.7 is not a public address .*webhooks\.allowHosts/) },
    ])
    const ftp = await world.call(world.tm.token).post('/api/webhook-subscriptions', { ...body, url: 'ftp://e.com/x' })
    expect(ftp.body.errors[0].data.errors[0]).toEqual({ path: 'url', message: 'only http and https URLs are allowed' })
    const given = await world.call(world.tm.token).post('/api/webhook-subscriptions', { ...body, secret: 'whsec_mine' })
    expect(given.body.errors[0].data.errors[0]).toMatchObject({ path: 'secret' })
    const before = Number((await execute(`select count(*) from webhook_subscriptions`))[0]!.count)
    expect(before).toBe(0) // none of the refused ones was written

    const created = await subscribe('/rules', ['task.submitted'])
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    // the annotator sees neither the webhook nor its secret; its secret never changes
    expect((await world.call(ann!.token).get('/api/webhook-subscriptions')).status).toBe(403)
    expect((await world.call(ann!.token).get(`/api/webhook-subscriptions/${created.id}`)).status).toBe(403)
    const changed = await world.call(world.tm.token).patch(`/api/webhook-subscriptions/${created.id}`, { secret: 'whsec_other' })
    expect(changed.status).toBe(403)
    expect((await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${created.id}`)).status).toBe(200)
  })
})

describe('deliveries', () => {
  it('carry every committed action, signed with the Standard Webhooks scheme, once per webhook-id', async () => {
    const subscription = await subscribe('/all')
    const task = await workOneTask()
    const heard = await eventually(() => {
      const messages = receiver.on('/all')
      expect(messages.map((message) => message.json.type)).toEqual(['task.submitted', 'task.approved', 'task.completed'])
      return messages
    })
    const verifier = new Webhook(subscription.secret)
    for (const message of heard) {
      const verified = verifier.verify(message.body, {
        'webhook-id': message.id,
        'webhook-timestamp': message.timestamp,
        'webhook-signature': message.signature,
      }) as { data: { task: unknown; project: unknown } }
      expect(verified.data).toMatchObject({ task: task, project })
    }
    expect(new Set(heard.map((message) => message.id)).size).toBe(3)
    // a forged body fails verification
    expect(() =>
      verifier.verify(heard[0]!.body.replace('submitted', 'approved'), {
        'webhook-id': heard[0]!.id,
        'webhook-timestamp': heard[0]!.timestamp,
        'webhook-signature': heard[0]!.signature,
      }),
    ).toThrow()
    // the worker records a delivery after the receiver has answered: the log may lag the receiver a moment
    const log = await eventually(async () => {
      const rows = await deliveriesOf(subscription.id)
      expect(rows.map((row) => [row.event, row.status, row.attempts])).toEqual([
        ['task.submitted', 'delivered', 1],
        ['task.approved', 'delivered', 1],
        ['task.completed', 'delivered', 1],
      ])
      return rows
    })
    expect(log.every((row) => row.last_status === 200 && row.response_ms !== null && row.delivered_at !== null)).toBe(true)
    await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${subscription.id}`)
  })

  it('are written in the transaction of their event: nothing for one rolled back, one for one committed', async () => {
    const subscription = await subscribe('/tx', ['task.skipped'])
    receiver.answerWith(() => ({ status: 503 })) // keep them pending, to count them
    const [task] = await execute(`select * from tasks where project_id = $1 limit 1`, [project])
    const client = new pg.Client({ connectionString: api.databaseUri })
    await client.connect()
    const insert = `insert into task_events (workspace_id, project_id, task_id, type, from_stage, to_stage, created_at, updated_at)
                    values ($1, $2, $3, 'skipped', 'annotate', 'annotate', now(), now())`
    try {
      await client.query('begin')
      await client.query(insert, [task!.workspace_id, project, task!.id])
      expect(
        (await client.query(`select count(*)::int as n from webhook_deliveries where subscription_id = $1`, [subscription.id])).rows[0].n,
      ).toBe(1)
      await client.query('rollback')
      expect(await deliveriesOf(subscription.id)).toEqual([])
      await client.query('begin')
      await client.query(insert, [task!.workspace_id, project, task!.id])
      await client.query('commit')
      expect((await deliveriesOf(subscription.id)).map((row) => row.event)).toEqual(['task.skipped'])
    } finally {
      await client.query(`delete from task_events where type = 'skipped' and task_id = $1`, [task!.id])
      await client.end()
      receiver.answerWith(() => ({ status: 200 }))
    }
    await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${subscription.id}`)
  })

  it('are retried with backoff while the receiver is down, and all arrive once it is back', async () => {
    const subscription = await subscribe('/down')
    receiver.answerWith((path) => ({ status: path === '/down' ? 503 : 200 }))
    await workOneTask()
    const retried = await eventually(async () => {
      const rows = await deliveriesOf(subscription.id)
      expect(rows).toHaveLength(3)
      expect(rows.every((row) => row.status === 'pending' && row.attempts >= 2 && row.last_status === 503)).toBe(true)
      return rows
    })
    expect(retried[0]!.last_error).toBe('the receiver answered 503')
    receiver.answerWith(() => ({ status: 200 }))
    await eventually(async () => {
      const rows = await deliveriesOf(subscription.id)
      expect(rows.map((row) => row.status)).toEqual(['delivered', 'delivered', 'delivered'])
    })
    const ids = new Set(receiver.on('/down').map((message) => message.id))
    expect(ids.size).toBe(3) // every message arrived, each retry with the same webhook-id
    await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${subscription.id}`)
  })

  it('give up after the last attempt of the schedule', async () => {
    const subscription = await subscribe('/never', ['task.submitted'])
    receiver.answerWith((path) => ({ status: path === '/never' ? 500 : 200 }))
    const [ann] = world.annotators
    const claimed = (await world.call(ann!.token).post(`/api/projects/${project}/next`, {})).body.task
    await putLabel(ann!.token, claimed.id, {
      objects: [{ id: 'c1', featureId: 'car', geometry: box(0.1) }],
      classifications: [{ featureId: 'weather', optionIds: ['sun'] }],
    })
    await world.call(ann!.token).post(`/api/tasks/${claimed.id}/submit`, { expectedVersion: claimed.version })
    const [row] = await eventually(async () => {
      const rows = await deliveriesOf(subscription.id)
      expect(rows[0]?.status).toBe('failed')
      return rows
    })
    expect(row).toMatchObject({ attempts: SCHEDULE.length + 1, last_status: 500, next_attempt_at: null })
    expect(row!.last_error).toBe(`the receiver answered 500 (attempt ${SCHEDULE.length + 1}, the last)`)
    receiver.answerWith(() => ({ status: 200 }))
    await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${subscription.id}`)
  })

  it('honour Retry-After, and a 410 turns the webhook off', async () => {
    const later = await subscribe('/later', ['project.status-changed'])
    const gone = await subscribe('/gone', ['project.status-changed'])
    receiver.answerWith((path) =>
      path === '/later' ? { status: 429, headers: { 'retry-after': '120' } } : { status: path === '/gone' ? 410 : 200 },
    )
    expect((await world.asAdmin.patch(`/api/projects/${project}`, { status: 'paused' })).status).toBe(200)
    const [waiting] = await eventually(async () => {
      const rows = await deliveriesOf(later.id)
      expect(rows[0]?.attempts).toBe(1)
      expect(rows[0]?.last_status).toBe(429)
      return rows
    })
    expect(new Date(waiting!.next_attempt_at).getTime() - Date.now()).toBeGreaterThan(100_000)
    const [stopped] = await eventually(async () => {
      const rows = await deliveriesOf(gone.id)
      expect(rows[0]?.status).toBe('failed')
      return rows
    })
    expect(stopped!.last_status).toBe(410)
    const webhook = (await world.call(world.tm.token).get(`/api/webhook-subscriptions/${gone.id}`)).body
    expect(webhook).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/^the receiver answered 410 Gone at /) })
    const heard = receiver.on('/gone')
    expect(heard[0]!.json).toMatchObject({
      type: 'project.status-changed',
      data: { project, fromStatus: 'in-progress', toStatus: 'paused' },
    })
    // turned on again: the reason goes; a replay sends the failed delivery afresh, with the same webhook-id
    receiver.answerWith(() => ({ status: 200 }))
    expect((await world.call(world.tm.token).patch(`/api/webhook-subscriptions/${gone.id}`, { enabled: true })).body.doc).toMatchObject({
      enabled: true,
      disabledReason: null,
    })
    const [ann] = world.annotators
    expect((await world.call(ann!.token).post(`/api/webhook-deliveries/${stopped!.id}/replay`, {})).status).toBe(404)
    const replay = await api.graphql<{ replayWebhookDelivery: { status: string } }>(
      `mutation { replayWebhookDelivery(id: ${JSON.stringify(stopped!.id)}) { status attempts } }`,
      {},
      world.tm.token,
    )
    expect(replay.errors).toBeUndefined()
    expect(replay.data!.replayWebhookDelivery).toEqual({ status: 'pending', attempts: 0 })
    await eventually(() => expect(receiver.on('/gone').map((message) => message.id)).toEqual([heard[0]!.id, heard[0]!.id]))
    const rest = await world.call(world.tm.token).post(`/api/webhook-deliveries/${stopped!.id}/replay`, {})
    expect(rest.status, JSON.stringify(rest.body)).toBe(200)
    expect(rest.body).toMatchObject({ id: stopped!.id, status: 'pending', attempts: 0 })
    await eventually(() => expect(receiver.on('/gone')).toHaveLength(3))
    expect((await world.asAdmin.patch(`/api/projects/${project}`, { status: 'in-progress' })).status).toBe(200)
    for (const id of [later.id, gone.id]) await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${id}`)
  })

  it('are taken by one worker each: several workers never send the same attempt twice', async () => {
    const subscription = await subscribe('/many', ['task.skipped'])
    receiver.answerWith(() => ({ status: 200 }))
    const tasks = await execute(`select id, workspace_id from tasks where project_id = $1 order by id`, [project])
    // 80 events in one statement: 80 deliveries, sent by the server's worker and three more racing it
    await execute(
      `insert into task_events (workspace_id, project_id, task_id, type, from_stage, to_stage, created_at, updated_at)
       select $1, $2, t.id, 'skipped', 'annotate', 'annotate', now(), now() from tasks t, generate_series(1, 10) where t.project_id = $2`,
      [tasks[0]!.workspace_id, project],
    )
    const settings = { allowHosts: ['127.0.0.1'], pollMs: 10, retrySchedule: SCHEDULE, timeoutMs: 2000, worker: true }
    const racers = [
      startWebhookWorker(api.payload, settings),
      startWebhookWorker(api.payload, settings),
      startWebhookWorker(api.payload, settings),
    ]
    try {
      await eventually(async () => {
        const rows = await deliveriesOf(subscription.id)
        expect(rows).toHaveLength(tasks.length * 10)
        expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true)
      })
    } finally {
      await Promise.all(racers.map((racer) => racer.stop()))
      await execute(`delete from task_events where type = 'skipped' and project_id = $1`, [project])
    }
    const ids = receiver.on('/many').map((message) => message.id)
    expect(ids).toHaveLength(tasks.length * 10)
    expect(new Set(ids).size).toBe(ids.length)
    await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${subscription.id}`)
  })

  it("are taken again once a dead worker's lease lapses", async () => {
    const subscription = await subscribe('/orphan', ['issue.raised'])
    // parked: the first attempt is told to come back in an hour
    receiver.answerWith((path) => (path === '/orphan' ? { status: 429, headers: { 'retry-after': '3600' } } : { status: 200 }))
    const [task] = await execute(`select id from tasks where project_id = $1 limit 1`, [project])
    const raised = await world.call(world.tm.token).post('/api/issues', {
      task: task!.id,
      title: 'Blurry frame',
      anchor: { kind: 'coordinate', x: 0.5, y: 0.5 },
    })
    expect(raised.status, JSON.stringify(raised.body)).toBe(201)
    await eventually(async () => expect((await deliveriesOf(subscription.id))[0]).toMatchObject({ attempts: 1, last_status: 429 }))
    // a worker takes it — the claim's lease, as claimDueDeliveries writes it — and dies before sending: nothing recorded
    receiver.answerWith(() => ({ status: 200 }))
    const taken = Date.now()
    await execute(
      `update webhook_deliveries set attempts = attempts + 1, next_attempt_at = now() + interval '1500 milliseconds' where subscription_id = $1`,
      [subscription.id],
    )
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect((await deliveriesOf(subscription.id))[0]).toMatchObject({ status: 'pending', attempts: 2 }) // held by the dead worker's lease
    const [row] = await eventually(async () => {
      const rows = await deliveriesOf(subscription.id)
      expect(rows[0]).toMatchObject({ status: 'delivered', event: 'issue.raised', attempts: 3 })
      return rows
    })
    expect(new Date(row!.delivered_at).getTime() - taken).toBeGreaterThanOrEqual(1400)
    expect(receiver.on('/orphan').at(-1)!.json).toMatchObject({ type: 'issue.raised', data: { title: 'Blurry frame', task: task!.id } })
    await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${subscription.id}`)
  })

  it('lets only the current claim record an outcome: a replay ends an older one', async () => {
    const subscription = await subscribe('/stale', ['task.skipped'])
    receiver.answerWith((path) => (path === '/stale' ? { status: 429, headers: { 'retry-after': '3600' } } : { status: 200 }))
    const [task] = await execute(`select id, workspace_id from tasks where project_id = $1 limit 1`, [project])
    await execute(
      `insert into task_events (workspace_id, project_id, task_id, type, from_stage, to_stage, created_at, updated_at)
       values ($1, $2, $3, 'skipped', 'annotate', 'annotate', now(), now())`,
      [task!.workspace_id, project, task!.id],
    )
    try {
      const [parked] = await eventually(async () => {
        const rows = await deliveriesOf(subscription.id)
        expect(rows[0]).toMatchObject({ attempts: 1, last_status: 429 })
        return rows
      })
      // a slow worker holds attempt 1 — its claim written as claimDueDeliveries writes one (the server's own
      // worker, polling every 50 ms, would win a race for it)
      await execute(
        `update webhook_deliveries set next_attempt_at = now() + interval '60 seconds', claim_token = 'slow-worker' where id = $1`,
        [parked!.id],
      )
      const mine: ClaimedDelivery = {
        id: parked!.id,
        messageId: parked!.message_id,
        event: parked!.event,
        payload: parked!.payload,
        attempts: 1,
        claimToken: 'slow-worker',
        subscription: subscription.id,
        url: receiver.url('/stale'),
        secret: subscription.secret,
      }
      // a manager sends it again: the server's worker takes it afresh (attempt 1 again) and waits on a slow receiver
      receiver.answerWith(() => ({ status: 200, delayMs: 1200 })) // under the attempt's 2 s timeout
      expect((await world.call(world.tm.token).post(`/api/webhook-deliveries/${parked!.id}/replay`, {})).status).toBe(200)
      await eventually(async () => {
        const [row] = await deliveriesOf(subscription.id)
        expect(row).toMatchObject({ status: 'pending', attempts: 1 })
        expect(row!.claim_token).not.toBe('slow-worker')
      })
      // the slow worker's late 410 for its own attempt 1 changes nothing: the delivery is with another claim
      const late = await recordOutcome({ payload: api.payload }, mine, {
        status: 'failed',
        httpStatus: 410,
        error: 'late',
        responseMs: 1,
        disableSubscription: 'late 410',
      })
      expect(late).toBe(false)
      await eventually(async () =>
        expect((await deliveriesOf(subscription.id))[0]).toMatchObject({ status: 'delivered', last_status: 200 }),
      )
      receiver.answerWith(() => ({ status: 200 }))
      expect((await world.call(world.tm.token).get(`/api/webhook-subscriptions/${subscription.id}`)).body.enabled).toBe(true)
    } finally {
      await execute(`delete from task_events where type = 'skipped' and task_id = $1`, [task!.id])
    }
    await world.call(world.tm.token).delete(`/api/webhook-subscriptions/${subscription.id}`)
  })

  it('lets a webhook be deleted while an event for it is being written: the delete waits, and takes the delivery too', async () => {
    const subscription = await subscribe('/deleted', ['task.skipped'])
    receiver.answerWith(() => ({ status: 503 }))
    const [task] = await execute(`select id, workspace_id from tasks where project_id = $1 limit 1`, [project])
    const client = new pg.Client({ connectionString: api.databaseUri })
    await client.connect()
    try {
      await client.query('begin')
      await client.query(
        `insert into task_events (workspace_id, project_id, task_id, type, from_stage, to_stage, created_at, updated_at)
         values ($1, $2, $3, 'skipped', 'annotate', 'annotate', now(), now())`,
        [task!.workspace_id, project, task!.id],
      )
      let deleted: { status: number } | undefined
      const deleting = world
        .call(world.tm.token)
        .delete(`/api/webhook-subscriptions/${subscription.id}`)
        .then((res) => (deleted = res))
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(deleted).toBeUndefined() // waits for the event's transaction
      await client.query('commit')
      expect((await deleting).status).toBe(200)
      expect(await deliveriesOf(subscription.id)).toEqual([])
      expect(await execute(`select id from webhook_subscriptions where id = $1`, [subscription.id])).toEqual([])
    } finally {
      await client.query(`delete from task_events where type = 'skipped' and task_id = $1`, [task!.id])
      await client.end()
      receiver.answerWith(() => ({ status: 200 }))
    }
  })
})
