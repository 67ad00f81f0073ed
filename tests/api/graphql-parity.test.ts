import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_SLUGS } from '../../src/index.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import { type GraphQLField, OPERATIONS, type OperationEntry, type RestRoute } from '../../src/operations/registry.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'
import { journalInOrder } from '../helpers/journal.ts'

// Every operation in the registry is served over REST and GraphQL by adapters generated from it. For each
// one: the same input over both gives the same answer and the same stored state, and invalid input gives
// the same 4xx naming the field. Operations with a before/after state run on twins (two equivalent tasks,
// invitations or datasets), one per interface; read-only ones run on the very same input.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let ontology: number
const mails: Array<{ to: string; text: string }> = []

beforeAll(async () => {
  api = await startTestApi()
  api.payload.sendEmail = async (message: unknown) => {
    mails.push(message as never)
  }
  world = await buildWorkflowWorld(api, { items: 4, reviewers: 2 })
  ontology = (
    await world.asAdmin.post('/api/ontologies', {
      workspace: world.workspace,
      name: 'Street',
      objects: [{ id: 'car', name: 'Car', shape: 'bounding-box' }],
      classifications: [],
    })
  ).body.doc.id
}, 180_000)
afterAll(() => api?.close())

type Id = number | string
/** One call of an operation, as each interface carries it. */
type Call = {
  token?: string
  /** REST: which of the operation's routes (its path) @default the first */
  route?: string
  id?: Id
  body?: unknown
  query?: Record<string, string>
  /** GraphQL: the field's arguments */
  args: Record<string, unknown>
}
/** A JSON answer, read loosely: a case picks the fields that must match. */
type Answer = Record<string, Record<string, unknown>>
type Twin = Call & { state: () => Promise<unknown> }
type Scenario = {
  /** two equivalent starting points: the first is called over REST, the second over GraphQL */
  twins: () => Promise<[Twin, Twin]>
  /** what of an answer must be equal (ids of twins differ); REST answers unwrapped by the registry's answer */
  pick?: (answer: Answer) => unknown
  invalid: () => Promise<Call & { field: string }>
}

const stored = (collection: string, id: Id) =>
  api.payload.findByID({ collection: collection as 'tasks', id, depth: 0, overrideAccess: true }) as unknown as Promise<
    Record<string, unknown>
  >
/** the given fields of a document */
const only = (keys: string[]) => (doc: object) => Object.fromEntries(keys.map((key) => [key, (doc as Record<string, unknown>)[key]]))
const journalOf = async (task: Id) =>
  ((await journalInOrder(api.payload, { task: { equals: task } })) as Array<{ type: string }>).map((event) => event.type)
const taskState = (task: Id, holder?: Id) => async () => {
  const doc = await stored('tasks', task)
  return {
    stage: doc.stage,
    status: doc.status,
    version: doc.version,
    priority: doc.priority,
    held: holder === undefined ? doc.leaseHolder : String(doc.leaseHolder) === String(holder),
    journal: await journalOf(task),
  }
}
const claim = async (token: string, project: Id) => {
  const res = await world.call(token).post(`/api/projects/${project}/next`, {})
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.task as { id: number; version: number }
}
const invite = async (email: string) => {
  const res = await world.asAdmin.post('/api/workspace-invitations', { workspace: world.workspace, email, role: 'tasker' })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const link = /(\S*sign-up\?token=\S+)/.exec(mails.at(-1)!.text)![1]!
  return { id: res.body.doc.id as Id, token: new URL(link, 'http://localhost').searchParams.get('token')! }
}
const membershipOf = async (user: Id) =>
  (await api.payload.find({ collection: 'workspace-members', where: { user: { equals: user } }, depth: 0, overrideAccess: true })).docs.map(
    (doc) => (doc as { role: string }).role,
  )
const TOO_LONG = 'x'.repeat(4001)

const SCENARIOS: Record<string, Scenario> = {
  taskAction: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      const [a, b] = [world.annotators[0]!, world.annotators[1]!]
      const [ta, tb] = [await claim(a.token, project), await claim(b.token, project)]
      return [
        { token: a.token, id: ta.id, body: { expectedVersion: ta.version, note: 'done' }, args: {}, state: taskState(ta.id, a.id) },
        { token: b.token, args: { id: tb.id, action: 'submit', expectedVersion: tb.version, note: 'done' }, state: taskState(tb.id, b.id) },
      ]
    },
    pick: ({ stage, status, version }) => ({ stage, status, version }),
    // GraphQL's own types let a 4,001-character note through: the operation's schema refuses it either way
    invalid: async () => ({
      token: world.annotators[0]!.token,
      id: 1,
      body: { expectedVersion: 1, note: TOO_LONG },
      args: { id: 1, action: 'submit', expectedVersion: 1, note: TOO_LONG },
      field: 'note',
    }),
  },
  claim: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      const [a, b] = [world.annotators[0]!, world.annotators[1]!]
      const state = (user: Id) => async () => {
        const held = (
          await api.payload.find({
            collection: 'tasks',
            where: { and: [{ project: { equals: project } }, { leaseHolder: { equals: user } }] },
            depth: 0,
            overrideAccess: true,
          })
        ).docs
        return { held: held.length, journal: held[0] && (await journalOf(held[0].id)) }
      }
      return [
        { token: a.token, id: project, args: {}, state: state(a.id) },
        { token: b.token, args: { project }, state: state(b.id) },
      ]
    },
    pick: ({ task, dataItem, leaseExpiresAt }) => ({
      task: { stage: task.stage, status: task.status },
      dataItem: { type: dataItem.type },
      lease: typeof leaseExpiresAt,
    }),
    invalid: async () => ({ token: world.annotators[2]!.token, id: 'abc', args: { project: 'abc' }, field: 'project' }),
  },
  heartbeat: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      const [a, b] = [world.annotators[0]!, world.annotators[1]!]
      const [ta, tb] = [await claim(a.token, project), await claim(b.token, project)]
      // the lease runs longer than the claim gave it
      const state = (task: Id, holder: Id) => {
        const claimed = stored('tasks', task).then((doc) => new Date(doc.leaseExpiresAt as string).getTime())
        return async () => {
          const doc = await stored('tasks', task)
          return {
            held: String(doc.leaseHolder) === String(holder),
            extended: new Date(doc.leaseExpiresAt as string).getTime() > (await claimed),
          }
        }
      }
      return [
        { token: a.token, id: ta.id, args: {}, state: state(ta.id, a.id) },
        { token: b.token, args: { id: tb.id }, state: state(tb.id, b.id) },
      ]
    },
    pick: (answer) => ({ keys: Object.keys(answer).sort(), lease: typeof answer.leaseExpiresAt }),
    invalid: async () => ({ token: world.annotators[0]!.token, id: 'abc', args: { id: 'abc' }, field: 'id' }),
  },
  saveLabel: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete', { ontology })
      const [a, b] = [world.annotators[0]!, world.annotators[1]!]
      const [ta, tb] = [await claim(a.token, project), await claim(b.token, project)]
      const label = { objects: [{ id: 'o1', featureId: 'car', geometry: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } }], classifications: [] }
      const state = (task: Id) => async () =>
        (await api.payload.find({ collection: 'labels', where: { task: { equals: task } }, depth: 0, overrideAccess: true })).docs.map(
          only(['objects', 'classifications', 'status', 'featureIds']),
        )
      return [
        { token: a.token, id: ta.id, body: label, args: {}, state: state(ta.id) },
        { token: b.token, args: { id: tb.id, label }, state: state(tb.id) },
      ]
    },
    pick: only(['objects', 'classifications', 'status', 'featureIds']),
    invalid: async () => {
      // the lease holder's own task: the label itself is what is wrong
      const { project } = await world.startProject('Annotate → Review → Complete', { ontology })
      const task = await claim(world.annotators[2]!.token, project)
      const label = { objects: [{ id: 'o1', featureId: 'plane', geometry: {} }] }
      return { token: world.annotators[2]!.token, id: task.id, body: label, args: { id: task.id, label }, field: 'objects[0].featureId' }
    },
  },
  review: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      for (const annotator of world.annotators.slice(0, 2)) {
        const task = await claim(annotator.token, project)
        expect((await world.call(annotator.token).post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version })).status).toBe(200)
      }
      const [r, s] = world.reviewers as [(typeof world.reviewers)[0], (typeof world.reviewers)[0]]
      const [tr, ts] = [await claim(r.token, project), await claim(s.token, project)]
      return [
        { token: r.token, id: tr.id, body: { expectedVersion: tr.version, all: 'approve' }, args: {}, state: taskState(tr.id, r.id) },
        { token: s.token, args: { id: ts.id, review: { expectedVersion: ts.version, all: 'approve' } }, state: taskState(ts.id, s.id) },
      ]
    },
    pick: ({ stage, status, version, review }) => ({ stage, status, version, review }),
    invalid: async () => ({
      token: world.reviewers[0]!.token,
      id: 1,
      body: { expectedVersion: 1, note: TOO_LONG },
      args: { id: 1, review: { expectedVersion: 1, note: TOO_LONG } },
      field: 'note',
    }),
  },
  resolveConsensus: {
    twins: async () => {
      // a consensus stage without auto-accept: both rounds wait for a reviewer to resolve them
      const graph = structuredClone(BUILT_IN_TEMPLATES.consensus!.graph)
      ;(graph.stages[0] as { config: Record<string, unknown> }).config = { annotators: 3 }
      const { project } = await world.startProject('Consensus', { name: 'Consensus parity', workflow: graph })
      for (let round = 0; round < 2; round++)
        for (const annotator of world.annotators) {
          const task = await claim(annotator.token, project)
          expect((await world.call(annotator.token).post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version })).status).toBe(
            200,
          )
        }
      const [r, s] = world.reviewers as [(typeof world.reviewers)[0], (typeof world.reviewers)[0]]
      const [tr, ts] = [await claim(r.token, project), await claim(s.token, project)]
      const resolution = (task: Id, holder: Id) => async () => ({
        ...(await taskState(task, holder)()),
        resolution: ((await stored('tasks', task)).consensusAgreement as { resolution: { mode: string } | null }).resolution?.mode,
      })
      return [
        { token: r.token, id: tr.id, body: { expectedVersion: tr.version, mode: 'majority' }, args: {}, state: resolution(tr.id, r.id) },
        {
          token: s.token,
          args: { id: ts.id, resolution: { expectedVersion: ts.version, mode: 'majority' } },
          state: resolution(ts.id, s.id),
        },
      ]
    },
    pick: ({ version, consensusAgreement, label }) => ({
      version,
      mode: (consensusAgreement as { resolution: { mode: string } }).resolution.mode,
      label,
    }),
    invalid: async () => ({
      token: world.reviewers[0]!.token,
      id: 1,
      body: { expectedVersion: 1, mode: 'vote' },
      args: { id: 1, resolution: { expectedVersion: 1, mode: 'vote' } },
      field: 'mode',
    }),
  },
  bulkTasks: {
    twins: async () => {
      const { project, tasks } = await world.startProject('Annotate → Review → Complete')
      const [a, b] = [tasks[0]!.id, tasks[1]!.id]
      return [
        { token: world.tm.token, body: { project, ids: [a], operation: 'set-priority', priority: 80 }, args: {}, state: taskState(a) },
        { token: world.tm.token, args: { input: { project, ids: [b], operation: 'set-priority', priority: 80 } }, state: taskState(b) },
      ]
    },
    invalid: async () => ({
      token: world.tm.token,
      body: { project: 1, ids: [1], operation: 'set-priority', priority: 101 },
      args: { input: { project: 1, ids: [1], operation: 'set-priority', priority: 101 } },
      field: 'priority',
    }),
  },
  listQueue: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      const state = taskState(
        (await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 1, overrideAccess: true })).docs[0]!
          .id,
      )
      // a read: the very same input both ways
      return [
        { token: world.tm.token, id: project, query: { sort: '-priority', limit: '3' }, args: {}, state },
        { token: world.tm.token, args: { project, params: { sort: '-priority', limit: 3 } }, state },
      ]
    },
    invalid: async () => ({
      token: world.tm.token,
      id: 1,
      query: { sort: 'bogus' },
      args: { project: 1, params: { sort: 'bogus' } },
      field: 'sort',
    }),
  },
  projectAnalytics: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      const state = taskState(
        (await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 1, overrideAccess: true })).docs[0]!
          .id,
      )
      // a read: the very same input both ways (a fixed window, so both answer for the same hours)
      const window = { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z', timeZone: 'Europe/Berlin' }
      return [
        { token: world.tm.token, id: project, query: window, args: {}, state },
        { token: world.tm.token, args: { project, params: window }, state },
      ]
    },
    invalid: async () => ({
      token: world.tm.token,
      id: 1,
      query: { bucket: 'month' },
      args: { project: 1, params: { bucket: 'month' } },
      field: 'bucket',
    }),
  },
  scoredResults: {
    twins: async () => {
      const { project, tasks } = await world.startProject('Annotate → Complete', { kind: 'benchmark', name: 'Parity benchmark' })
      const state = taskState(tasks[0]!.id)
      return [
        { token: world.tm.token, id: project, query: { days: '30' }, args: {}, state },
        { token: world.tm.token, args: { project, days: 30 }, state },
      ]
    },
    invalid: async () => ({ token: world.tm.token, id: 1, query: { days: '0' }, args: { project: 1, days: 0 }, field: 'days' }),
  },
  workspaceAnalytics: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      const state = taskState(
        (await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 1, overrideAccess: true })).docs[0]!
          .id,
      )
      const window = { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z', bucket: 'week', timeZone: 'America/New_York' }
      return [
        { token: world.admin.token, id: world.workspace, query: window, args: {}, state },
        { token: world.admin.token, args: { workspace: world.workspace, params: window }, state },
      ]
    },
    invalid: async () => ({
      token: world.admin.token,
      id: world.workspace,
      query: { timeZone: 'Mars/Olympus' },
      args: { workspace: world.workspace, params: { timeZone: 'Mars/Olympus' } },
      field: 'timeZone',
    }),
  },
  auditExport: {
    twins: async () => {
      // the same question twice: the trail of project changes so far, as JSON
      const { project } = await world.startProject('Annotate → Review → Complete')
      const state = async () => (await stored('projects', project)).updatedAt
      const query = { resource: 'projects', format: 'json' }
      return [
        { token: world.admin.token, id: world.workspace, query, args: {}, state },
        { token: world.admin.token, args: { workspace: world.workspace, params: query }, state },
      ]
    },
    invalid: async () => ({
      token: world.admin.token,
      id: world.workspace,
      query: { action: 'rename' },
      args: { workspace: world.workspace, params: { action: 'rename' } },
      field: 'action',
    }),
  },
  exportLabels: {
    twins: async () => {
      // a read: the same export both ways (every task, none labelled yet), as LabelOps JSON
      const { project } = await world.startProject('Annotate → Review → Complete', { ontology })
      const state = async () => (await stored('projects', project)).updatedAt
      const query = { unlabelled: 'true', status: 'new' }
      return [
        { token: world.tm.token, id: project, query, args: {}, state },
        { token: world.tm.token, args: { project, params: query }, state },
      ]
    },
    // the same file, but for the moment it was written
    pick: ({ exportedAt: _, ...file }) => file,
    invalid: async () => ({
      token: world.tm.token,
      id: 1,
      query: { status: 'done' },
      args: { project: 1, params: { status: 'done' } },
      field: 'status',
    }),
  },
  importLabels: {
    twins: async () => {
      // the same file of pre-labels into two projects on the same data
      const [a, b] = [
        (await world.startProject('Annotate → Review → Complete', { ontology, name: 'Import A' })).project,
        (await world.startProject('Annotate → Review → Complete', { ontology, name: 'Import B' })).project,
      ]
      const file = {
        format: 'labelops',
        tasks: [
          {
            dataItem: { externalId: 'f1' },
            label: { objects: [{ id: 'c', featureId: 'car', geometry: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } }] },
          },
        ],
      }
      const state = (project: Id) => async () =>
        (
          await api.payload.find({
            collection: 'reference-labels',
            where: { project: { equals: project } },
            depth: 0,
            overrideAccess: true,
          })
        ).docs.map(only(['kind', 'objects', 'classifications']))
      return [
        { token: world.tm.token, id: a, body: file, args: {}, state: state(a) },
        { token: world.tm.token, args: { project: b, document: file }, state: state(b) },
      ]
    },
    invalid: async () => ({
      token: world.tm.token,
      id: 1,
      query: { kind: 'silver' },
      body: {},
      args: { project: 1, kind: 'silver', document: {} },
      field: 'kind',
    }),
  },
  replayWebhookDelivery: {
    twins: async () => {
      // two failed deliveries of one webhook: each sent again from the start
      const { project } = await world.startProject('Annotate → Review → Complete')
      const webhook = await world.asAdmin.post('/api/webhook-subscriptions', {
        project,
        url: 'https://hooks.example.com/parity',
        events: ['task.submitted'],
      })
      expect(webhook.status, JSON.stringify(webhook.body)).toBe(201)
      const failed = async () =>
        (
          await api.payload.create({
            collection: 'webhook-deliveries',
            data: {
              workspace: world.workspace,
              project,
              subscription: webhook.body.doc.id,
              event: 'task.submitted',
              messageId: `msg_parity_${Math.random().toString(36).slice(2)}`,
              payload: { type: 'task.submitted', data: {} },
              status: 'failed',
              attempts: 8,
            } as never,
          })
        ).id
      const [a, b] = [await failed(), await failed()]
      // the worker may try it at once (no receiver answers here): pending either way, never delivered
      const state = (id: Id) => async () => {
        const doc = await stored('webhook-deliveries', id)
        return { status: doc.status, deliveredAt: doc.deliveredAt ?? null }
      }
      return [
        { token: world.admin.token, id: a, args: {}, state: state(a) },
        { token: world.admin.token, args: { id: b }, state: state(b) },
      ]
    },
    pick: ({ status }) => ({ status }),
    invalid: async () => ({ token: world.admin.token, id: 'x!', args: { id: 'x!' }, field: 'id' }),
  },
  myWork: {
    twins: async () => {
      const { project } = await world.startProject('Annotate → Review → Complete')
      const state = taskState(
        (await api.payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 1, overrideAccess: true })).docs[0]!
          .id,
      )
      // a read: the very same input both ways (one project; the whole list, too, is the same operation)
      return [
        { token: world.annotators[0]!.token, query: { project: String(project) }, args: {}, state },
        { token: world.annotators[0]!.token, args: { project }, state },
      ]
    },
    invalid: async () => ({ token: world.tm.token, query: { project: 'abc' }, args: { project: 'abc' }, field: 'project' }),
  },
  importDataItems: {
    twins: async () => {
      const dataset = async (name: string) =>
        (await world.asAdmin.post('/api/datasets', { workspace: world.workspace, name })).body.doc.id as Id
      const [a, b] = [await dataset('Parity A'), await dataset('Parity B')]
      const rows = [
        { externalId: 'p1', type: 'image', url: 'https://e.com/p1.png' },
        { externalId: 'p2', type: 'sound' },
      ]
      const state = (id: Id) => async () =>
        (
          await api.payload.find({
            collection: 'data-items',
            where: { dataset: { equals: id } },
            sort: 'externalId',
            depth: 0,
            overrideAccess: true,
          })
        ).docs.map(only(['externalId', 'type', 'name']))
      return [
        { token: world.admin.token, id: a, body: rows, args: {}, state: state(a) },
        { token: world.admin.token, args: { dataset: b, rows }, state: state(b) },
      ]
    },
    invalid: async () => ({ token: world.admin.token, id: 'abc', body: [], args: { dataset: 'abc', rows: [] }, field: 'dataset' }),
  },
  ...Object.fromEntries(
    (['accept', 'decline'] as const).map((answer) => [
      `${answer}Invitation`,
      {
        twins: async () => {
          const [p, q] = [await api.createUser(`${answer}-rest@parity.test`), await api.createUser(`${answer}-graph@parity.test`)]
          const [ip, iq] = [await invite(p.email), await invite(q.email)]
          const state = (user: Id, invitation: Id) => async () => ({
            roles: await membershipOf(user),
            status: (await stored('workspace-invitations', invitation)).status,
          })
          return [
            { token: p.token, id: ip.id, args: {}, state: state(p.id, ip.id) },
            { token: q.token, args: { id: iq.id }, state: state(q.id, iq.id) },
          ]
        },
        // REST answers { doc }, GraphQL the invitation itself
        pick: (answer: Answer) => only(['status', 'role'])(answer.doc ?? answer),
        invalid: async () => ({ token: world.admin.token, id: 'abc', args: { id: 'abc' }, field: 'id' }),
      } satisfies Scenario,
    ]),
  ),
  describeInvitationToken: {
    twins: async () => {
      const { id, token } = await invite('described@parity.test')
      const state = async () => (await stored('workspace-invitations', id)).status
      return [
        { query: { token }, args: {}, state },
        { args: { token }, state },
      ]
    },
    invalid: async () => ({ query: { token: 'x'.repeat(201) }, args: { token: 'x'.repeat(201) }, field: 'token' }),
  },
  signUpWithInvitation: {
    twins: async () => {
      const [p, q] = [await invite('signup-rest@parity.test'), await invite('signup-graph@parity.test')]
      const state = (email: string) => async () => {
        const user = (await api.payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })).docs[0]
        return { roles: user ? await membershipOf(user.id) : null }
      }
      return [
        { body: { token: p.token, password: 'long-enough-1' }, args: {}, state: state('signup-rest@parity.test') },
        { args: { token: q.token, password: 'long-enough-1' }, state: state('signup-graph@parity.test') },
      ]
    },
    // REST answers { user, message } (201), GraphQL the user
    pick: (answer: Answer) => Object.keys(answer.user ?? answer).sort(),
    invalid: async () => ({
      body: { token: 'x'.repeat(43), password: 'short' },
      args: { token: 'x'.repeat(43), password: 'short' },
      field: 'password',
    }),
  },
}

// --- the two interfaces, driven from the registry's own description of each operation ---

const SELECTIONS: Record<string, string> = {
  JSON: '',
  LabelOpsTaskActionResult: '{ id project stage status version priority assignee }',
  LabelOpsClaim: '{ task { id stage status } dataItem { id type } leaseExpiresAt }',
  LabelOpsSignUp: '{ id email }',
}
/** the fields asked of an operation answering a collection's document */
const COLLECTION_SELECTIONS: Record<string, string> = {
  invitations: '{ id status role email }',
  webhookDeliveries: '{ id status attempts }',
}
const selectionOf = (type: GraphQLField['type']) => (typeof type === 'string' ? SELECTIONS[type]! : COLLECTION_SELECTIONS[type.collection]!)

async function overRest(route: RestRoute, call: Call) {
  const path = `/api/${DEFAULT_SLUGS[route.collection as keyof typeof DEFAULT_SLUGS]}${route.path.replace(':id', encodeURIComponent(String(call.id ?? '')))}`
  const req = api
    .http()
    [route.method](path)
    .query(call.query ?? {})
  if (call.token) req.set('Authorization', `JWT ${call.token}`)
  const res = await (route.method === 'get' ? req : req.send((call.body ?? {}) as object))
  return { status: res.status, body: res.body }
}

async function overGraphQL(field: GraphQLField, call: Call) {
  const names = Object.keys(call.args)
  const declared = names.map((name) => `$${name}: ${field.args[name]}`).join(', ')
  const passed = names.map((name) => `${name}: $${name}`).join(', ')
  const document = `${field.kind}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(field.type)} }`
  const res = await api.graphql<Record<string, unknown>>(document, call.args, call.token)
  return { errors: res.errors, data: res.data?.[field.name] }
}

const routeOf = (operation: OperationEntry, call: Call) =>
  operation.rest.find((route) => route.path === (call.route ?? operation.rest[0]!.path))!

describe('the operation registry', () => {
  it('serves every operation over both REST and GraphQL, and every one has a parity case here', () => {
    for (const operation of OPERATIONS) {
      expect(operation.rest.length, operation.name).toBeGreaterThan(0)
      expect(operation.graphql.length, operation.name).toBeGreaterThan(0)
    }
    expect(Object.keys(SCENARIOS).sort()).toEqual(OPERATIONS.map((operation) => operation.name).sort())
  })
})

describe('REST and GraphQL parity, for every operation', () => {
  for (const operation of OPERATIONS) {
    const scenario = SCENARIOS[operation.name]!
    const field = operation.graphql[0]!

    it(`${operation.name}: the same input gives the same answer and the same stored state`, async () => {
      const [restCall, graphCall] = await scenario.twins()
      const [restBefore, graphBefore] = [await restCall.state(), await graphCall.state()]
      expect(graphBefore).toEqual(restBefore)
      const rest = await overRest(routeOf(operation, restCall), restCall)
      const graph = await overGraphQL(field, graphCall)
      expect(rest.status, JSON.stringify(rest.body)).toBeLessThan(300)
      expect(graph.errors, JSON.stringify(graph.errors)).toBeUndefined()
      const pick = scenario.pick ?? ((answer: Answer) => answer)
      expect(pick(graph.data as Answer)).toEqual(pick(rest.body))
      const after = await restCall.state()
      expect(await graphCall.state()).toEqual(after)
      // a mutation changed something; a query nothing
      if (field.kind === 'mutation') expect(after).not.toEqual(restBefore)
      else expect(after).toEqual(restBefore)
    })

    it(`${operation.name}: invalid input gives the same 4xx, naming the field`, async () => {
      const call = await scenario.invalid()
      const rest = await overRest(routeOf(operation, call), call)
      const graph = await overGraphQL(field, call)
      expect(rest.status).toBeGreaterThanOrEqual(400)
      expect(rest.status).toBeLessThan(500)
      expect(rest.body.errors[0].message).toMatch(new RegExp(`^${call.field.replace(/[[\].]/g, '\\$&')}: `))
      expect(graph.errors?.[0]?.message).toBe(rest.body.errors[0].message)
      expect(graph.errors?.[0]?.extensions?.statusCode).toBe(rest.status)
    })
  }

  it('answers 401 to anonymous callers of every operation that needs a person, over both', async () => {
    const PUBLIC = new Set(['describeInvitationToken', 'signUpWithInvitation'])
    const sample: Record<string, unknown> = {
      'ID!': 1,
      ID: 1,
      'JSON!': {},
      JSON: {},
      'String!': 'x',
      String: 'x',
      'Int!': 1,
      Int: 1,
      'LabelOpsTaskAction!': 'submit',
    }
    for (const operation of OPERATIONS.filter((candidate) => !PUBLIC.has(candidate.name))) {
      for (const route of operation.rest) {
        const res = await overRest(route, { id: 1, body: route.body === 'stream' ? [] : {}, args: {} })
        expect(res.status, `${route.method} ${route.path}`).toBe(401)
      }
      for (const field of operation.graphql) {
        const args = Object.fromEntries(
          Object.entries(field.args)
            .filter(([, sdl]) => sdl.endsWith('!'))
            .map(([name, sdl]) => [name, sample[sdl]]),
        )
        const res = await overGraphQL(field, { args })
        expect(res.errors?.[0]?.extensions?.statusCode, field.name).toBe(401)
      }
    }
  })
})
