import type { PayloadRequest } from 'payload'

import { FieldRuleError, UnsupportedMediaTypeError } from '../errors.ts'
import { manifestFormat } from '../domain/import/manifestFormat.ts'
import type { SlugMap } from '../options.ts'
import { TASK_ACTIONS } from '../domain/workflow/permissions.ts'
import { bulkTaskOperation } from './bulkTaskOperation.ts'
import { claimRequest } from './claimNextTask.ts'
import { heartbeat } from './heartbeat.ts'
import { importRequest } from './importDataItems.ts'
import { describeInvitationToken, respondToInvitation, signUpWithInvitation } from './invitations.ts'
import { saveLabelDraft } from './labels.ts'
import { listQueue } from './listQueue.ts'
import { myWork } from './myWork.ts'
import { projectAnalytics } from './projectAnalytics.ts'
import { scoredResults } from './scoredResults.ts'
import { workspaceAnalytics } from './workspaceAnalytics.ts'
import { auditExport } from './auditExport.ts'
import { exportAsValue, exportLabels, type LabelExport } from './exportLabels.ts'
import { importLabels } from './importLabels.ts'
import { resolveConsensusRequest } from './resolveConsensus.ts'
import { reviewTaskRequest } from './reviewTask.ts'
import { replayWebhookDelivery } from './replayWebhookDelivery.ts'
import { taskActionRequest } from './performTaskAction.ts'

/** A GraphQL `params` object as a query string carries it: its keys' values as strings. */
const stringValues = (params: unknown) =>
  params && typeof params === 'object' ? Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])) : params

/** A report answers JSON, or — asked for `format=csv` — one of its tables as a CSV download. */
const jsonOrCsv = (result: unknown) => {
  const csv = result as { csv?: string; filename?: string }
  return typeof csv.csv === 'string'
    ? { status: 200, text: csv.csv, contentType: 'text/csv; charset=utf-8', filename: csv.filename }
    : { status: 200, body: result }
}

/** What a REST route hands its operation's input assembly: plain values, no HTTP objects. */
export type HttpInput = {
  params: Record<string, string | undefined>
  query: Record<string, string>
  /** the JSON body (`body: 'json'`), or the raw byte stream (`body: 'stream'`) */
  body: unknown
  header: (name: string) => string | undefined
}

export type RestRoute = {
  /** the collection whose routes it joins (a key of the slug map) */
  collection: keyof SlugMap
  method: 'get' | 'post' | 'put'
  /** one segment per action, never a catch-all `/:id/:param`, which would shadow Payload's own routes */
  path: string
  /** how the body is read: parsed JSON, a byte stream handed on unread, or none @default 'none' */
  body?: 'json' | 'stream' | 'none'
  input: (http: HttpInput) => unknown
  /**
   * the HTTP answer; `body: undefined` answers with no body; a `text` answer goes as that content type (CSV
   * downloads) @default { status: 200, body: result }
   */
  answer?: (
    result: unknown,
  ) =>
    | { status: number; body: unknown }
    | { status: number; text: string; contentType: string; filename?: string }
    | { status: number; stream: AsyncIterable<string | Uint8Array>; contentType: string; filename: string }
}

/**
 * A GraphQL field, described as data: argument types in SDL notation (`ID!`, `JSON`, `LabelOpsTaskAction!`),
 * the result a named type (`JSON`, one of ours, or a collection's own type).
 */
export type GraphQLField = {
  name: string
  kind: 'query' | 'mutation'
  args: Record<string, string>
  type: 'JSON' | 'LabelOpsClaim' | 'LabelOpsTaskActionResult' | 'LabelOpsSignUp' | { collection: keyof SlugMap }
  input: (args: Record<string, unknown>, header: (name: string) => string | undefined) => unknown
  answer?: (result: unknown) => unknown
}

export type OperationEntry = {
  name: string
  /** the operation: parses its `unknown` input itself, throws typed errors (src/errors.ts) */
  run: (args: { req: PayloadRequest; input: unknown }) => Promise<unknown>
  rest: RestRoute[]
  graphql: GraphQLField[]
}

const keyOf = (header: HttpInput['header']) => header('idempotency-key')
/** GraphQL leaves absent arguments out or null: the operation's schema reads both as absent */
const defined = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value != null))
/** answers that carry their own status (`{ status, body }`), e.g. an idempotent replay */
const withStatus = (result: unknown) => result as { status: number; body: unknown }
const bodyOf = (result: unknown) => (result as { body: unknown }).body

/**
 * Every LabelOps operation, once: its REST routes and its GraphQL field are generated from this list
 * (src/endpoints/fromRegistry.ts, src/graphql/fromRegistry.ts), so each operation is in both, called with
 * the same input, answering the same JSON and the same errors. Input assembly only picks values from where
 * each interface carries them; the operation parses and checks them.
 */
export const OPERATIONS: OperationEntry[] = [
  {
    name: 'taskAction',
    run: taskActionRequest,
    rest: TASK_ACTIONS.map((action) => ({
      collection: 'tasks',
      method: 'post',
      path: `/:id/${action}`,
      body: 'json',
      input: ({ params, body, header }) => ({ id: params.id, action, body, idempotencyKey: keyOf(header) }),
      answer: withStatus,
    })),
    graphql: [
      {
        name: 'taskAction',
        kind: 'mutation',
        type: 'LabelOpsTaskActionResult',
        args: {
          id: 'ID!',
          action: 'LabelOpsTaskAction!',
          expectedVersion: 'Int!',
          note: 'String',
          to: 'String',
          timeSpentMs: 'Int',
          idempotencyKey: 'String',
        },
        input: ({ id, action, idempotencyKey, ...body }, header) => ({
          id,
          action,
          body: defined(body),
          idempotencyKey: idempotencyKey ?? keyOf(header),
        }),
        answer: bodyOf,
      },
    ],
  },
  {
    name: 'claim',
    run: claimRequest,
    rest: [
      // the next task of a project (204 when nothing is left), or one given task (409 when not available)
      {
        collection: 'projects',
        method: 'post',
        path: '/:id/next',
        input: ({ params }) => ({ project: params.id }),
        answer: (result) => (result ? { status: 200, body: result } : { status: 204, body: undefined }),
      },
      { collection: 'tasks', method: 'post', path: '/:id/claim', input: ({ params }) => ({ task: params.id }) },
    ],
    graphql: [
      {
        name: 'claimNextTask',
        kind: 'mutation',
        type: 'LabelOpsClaim',
        args: { project: 'ID!', task: 'ID' },
        input: (args) => defined(args),
      },
    ],
  },
  {
    name: 'replayWebhookDelivery',
    run: replayWebhookDelivery,
    rest: [{ collection: 'webhookDeliveries', method: 'post', path: '/:id/replay', input: ({ params }) => ({ id: params.id }) }],
    graphql: [
      {
        name: 'replayWebhookDelivery',
        kind: 'mutation',
        type: { collection: 'webhookDeliveries' },
        args: { id: 'ID!' },
        input: ({ id }) => ({ id }),
      },
    ],
  },
  {
    name: 'heartbeat',
    run: heartbeat,
    rest: [{ collection: 'tasks', method: 'post', path: '/:id/heartbeat', input: ({ params }) => ({ id: params.id }) }],
    graphql: [{ name: 'heartbeatTask', kind: 'mutation', type: 'JSON', args: { id: 'ID!' }, input: ({ id }) => ({ id }) }],
  },
  {
    name: 'saveLabel',
    run: saveLabelDraft,
    rest: [
      { collection: 'tasks', method: 'put', path: '/:id/label', body: 'json', input: ({ params, body }) => ({ id: params.id, body }) },
    ],
    graphql: [
      {
        name: 'saveTaskLabel',
        kind: 'mutation',
        type: 'JSON',
        args: { id: 'ID!', label: 'JSON!' },
        input: ({ id, label }) => ({ id, body: label }),
      },
    ],
  },
  {
    name: 'review',
    run: reviewTaskRequest,
    rest: [
      {
        collection: 'tasks',
        method: 'post',
        path: '/:id/review',
        body: 'json',
        input: ({ params, body, header }) => ({ id: params.id, body, idempotencyKey: keyOf(header) }),
        answer: withStatus,
      },
    ],
    graphql: [
      {
        name: 'reviewTask',
        kind: 'mutation',
        type: 'JSON',
        args: { id: 'ID!', review: 'JSON!', idempotencyKey: 'String' },
        input: ({ id, review, idempotencyKey }, header) => ({ id, body: review, idempotencyKey: idempotencyKey ?? keyOf(header) }),
        answer: bodyOf,
      },
    ],
  },
  {
    name: 'resolveConsensus',
    run: resolveConsensusRequest,
    rest: [
      {
        collection: 'tasks',
        method: 'post',
        path: '/:id/resolve',
        body: 'json',
        input: ({ params, body, header }) => ({ id: params.id, body, idempotencyKey: keyOf(header) }),
        answer: withStatus,
      },
    ],
    graphql: [
      {
        name: 'resolveConsensus',
        kind: 'mutation',
        type: 'JSON',
        args: { id: 'ID!', resolution: 'JSON!', idempotencyKey: 'String' },
        input: ({ id, resolution, idempotencyKey }, header) => ({ id, body: resolution, idempotencyKey: idempotencyKey ?? keyOf(header) }),
        answer: bodyOf,
      },
    ],
  },
  {
    name: 'bulkTasks',
    run: bulkTaskOperation,
    rest: [{ collection: 'tasks', method: 'post', path: '/bulk', body: 'json', input: ({ body }) => body }],
    graphql: [{ name: 'bulkTasks', kind: 'mutation', type: 'JSON', args: { input: 'JSON!' }, input: ({ input }) => input }],
  },
  {
    name: 'listQueue',
    run: listQueue,
    rest: [{ collection: 'projects', method: 'get', path: '/:id/queue', input: ({ params, query }) => ({ project: params.id, query }) }],
    graphql: [
      {
        name: 'taskQueue',
        kind: 'query',
        type: 'JSON',
        args: { project: 'ID!', params: 'JSON' },
        input: ({ project, params }) => ({ project, query: stringValues(params) }),
      },
    ],
  },
  {
    name: 'projectAnalytics',
    run: projectAnalytics,
    rest: [
      {
        collection: 'projects',
        method: 'get',
        path: '/:id/analytics',
        input: ({ params, query }) => ({ project: params.id, query }),
        answer: jsonOrCsv,
      },
    ],
    graphql: [
      {
        name: 'projectAnalytics',
        kind: 'query',
        type: 'JSON',
        args: { project: 'ID!', params: 'JSON' },
        input: ({ project, params }) => ({ project, query: stringValues(params) }),
      },
    ],
  },
  {
    name: 'scoredResults',
    run: scoredResults,
    rest: [
      { collection: 'projects', method: 'get', path: '/:id/scores', input: ({ params, query }) => ({ ...query, project: params.id }) },
    ],
    graphql: [
      {
        name: 'projectScores',
        kind: 'query',
        type: 'JSON',
        args: { project: 'ID!', days: 'Int' },
        input: ({ project, days }) => ({ project, ...(days == null ? {} : { days }) }),
      },
    ],
  },
  {
    name: 'workspaceAnalytics',
    run: workspaceAnalytics,
    rest: [
      {
        collection: 'workspaces',
        method: 'get',
        path: '/:id/analytics',
        input: ({ params, query }) => ({ workspace: params.id, query }),
        answer: jsonOrCsv,
      },
    ],
    graphql: [
      {
        name: 'workspaceAnalytics',
        kind: 'query',
        type: 'JSON',
        args: { workspace: 'ID!', params: 'JSON' },
        input: ({ workspace, params }) => ({ workspace, query: stringValues(params) }),
      },
    ],
  },
  {
    name: 'auditExport',
    run: auditExport,
    rest: [
      {
        collection: 'workspaces',
        method: 'get',
        path: '/:id/audit',
        input: ({ params, query }) => ({ workspace: params.id, query }),
        answer: jsonOrCsv,
      },
    ],
    graphql: [
      {
        name: 'workspaceAudit',
        kind: 'query',
        type: 'JSON',
        args: { workspace: 'ID!', params: 'JSON' },
        input: ({ workspace, params }) => ({ workspace, query: stringValues(params) }),
      },
    ],
  },
  {
    name: 'exportLabels',
    run: exportLabels,
    rest: [
      {
        collection: 'projects',
        method: 'get',
        path: '/:id/export',
        input: ({ params, query }) => ({ project: params.id, query }),
        answer: (result) => {
          const file = result as LabelExport
          return { status: 200, stream: file.chunks, contentType: file.contentType, filename: file.filename }
        },
      },
    ],
    // GraphQL answers the same file as one JSON value, for exports of a few MB (larger ones: REST)
    graphql: [
      {
        name: 'projectLabelExport',
        kind: 'query',
        type: 'JSON',
        args: { project: 'ID!', params: 'JSON' },
        input: ({ project, params }) => ({ project, query: stringValues(params) }),
        answer: (result) => exportAsValue(result as LabelExport),
      },
    ],
  },
  {
    name: 'importLabels',
    run: importLabels,
    rest: [
      {
        // the file streams in as the body (application/json); what it becomes is said in the query string
        collection: 'projects',
        method: 'post',
        path: '/:id/import-labels',
        body: 'stream',
        input: ({ params, query, body, header }) => {
          const type = header('content-type') ?? ''
          if (!/^application\/json\b/i.test(type))
            throw new UnsupportedMediaTypeError('Content-Type: send the label file as application/json')
          if (!body) throw new FieldRuleError('body', 'the label file is empty')
          return { ...query, project: params.id, body }
        },
      },
    ],
    graphql: [
      {
        name: 'importLabels',
        kind: 'mutation',
        type: 'JSON',
        args: { project: 'ID!', kind: 'String', format: 'String', source: 'String', document: 'JSON!' },
        input: ({ document, ...args }) => ({ ...defined(args), body: document }),
      },
    ],
  },
  {
    name: 'myWork',
    run: myWork,
    // ?project=<id> narrows it to one project
    rest: [{ collection: 'projects', method: 'get', path: '/my-work', input: ({ query }) => query }],
    graphql: [{ name: 'myWork', kind: 'query', type: 'JSON', args: { project: 'ID' }, input: (args) => defined(args) }],
  },
  {
    name: 'importDataItems',
    run: importRequest,
    rest: [
      {
        // a manifest of any size streams in (JSON array, NDJSON or CSV); GraphQL takes a JSON array of rows
        // within the JSON body limit, for small imports
        collection: 'datasets',
        method: 'post',
        path: '/:id/import',
        body: 'stream',
        input: ({ params, body, header }) => {
          const format = manifestFormat(header('content-type') ?? '')
          if (!format) throw new UnsupportedMediaTypeError('Content-Type: send application/json, application/x-ndjson or text/csv')
          if (!body) throw new FieldRuleError('body', 'the manifest is empty')
          return { dataset: params.id, format, body }
        },
      },
    ],
    graphql: [
      {
        name: 'importDataItems',
        kind: 'mutation',
        type: 'JSON',
        args: { dataset: 'ID!', rows: 'JSON!' },
        input: ({ dataset, rows }) => ({
          dataset,
          format: 'json',
          body: (async function* () {
            yield Buffer.from(JSON.stringify(rows))
          })(),
        }),
      },
    ],
  },
  ...(['accept', 'decline'] as const).map((answer): OperationEntry => ({
    name: `${answer}Invitation`,
    run: respondToInvitation,
    rest: [
      {
        collection: 'invitations',
        method: 'post',
        path: `/:id/${answer}`,
        input: ({ params }) => ({ id: params.id, answer }),
        answer: (doc) => ({ status: 200, body: { doc } }),
      },
    ],
    graphql: [
      {
        name: `${answer}WorkspaceInvitation`,
        kind: 'mutation',
        type: { collection: 'invitations' },
        args: { id: 'ID!' },
        input: ({ id }) => ({ id, answer }),
      },
    ],
  })),
  {
    name: 'describeInvitationToken',
    run: describeInvitationToken,
    rest: [{ collection: 'invitations', method: 'get', path: '/sign-up', input: ({ query }) => ({ token: query.token }) }],
    graphql: [
      { name: 'workspaceInvitationByToken', kind: 'query', type: 'JSON', args: { token: 'String!' }, input: ({ token }) => ({ token }) },
    ],
  },
  {
    name: 'signUpWithInvitation',
    run: signUpWithInvitation,
    rest: [
      {
        collection: 'invitations',
        method: 'post',
        path: '/sign-up',
        body: 'json',
        input: ({ body }) => body,
        answer: (result) => ({ status: 201, body: result }),
      },
    ],
    graphql: [
      {
        name: 'signUpWithInvitation',
        kind: 'mutation',
        type: 'LabelOpsSignUp',
        args: { token: 'String!', password: 'String!' },
        input: (args) => args,
        answer: (result) => (result as { user: unknown }).user,
      },
    ],
  },
]
