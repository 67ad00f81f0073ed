import { GraphQLJSON } from '@payloadcms/graphql/types'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { bulkTaskOperation } from '../operations/bulkTaskOperation.ts'
import { heartbeat } from '../operations/heartbeat.ts'
import { saveLabelDraft } from '../operations/labels.ts'
import { listQueue } from '../operations/listQueue.ts'
import { reviewTaskRequest } from '../operations/reviewTask.ts'
import { routeId } from '../utilities/routeId.ts'

type Context = { req: PayloadRequest }

/**
 * The GraphQL faces of the task operations REST serves beside the workflow actions and the claim: each calls
 * the same operation with the same (unparsed) input as its REST route, and answers the same JSON.
 * - heartbeatTask(id) ~ POST /api/tasks/:id/heartbeat
 * - saveTaskLabel(id, label) ~ PUT /api/tasks/:id/label
 * - reviewTask(id, review, idempotencyKey) ~ POST /api/tasks/:id/review
 * - bulkTasks(input) ~ POST /api/tasks/bulk
 */
export const queueOperationMutations: GraphQLExtension = (GraphQL) => {
  const { GraphQLID, GraphQLNonNull, GraphQLString } = GraphQL
  const id = { type: new GraphQLNonNull(GraphQLID) }
  const json = { type: new GraphQLNonNull(GraphQLJSON) }
  return {
    heartbeatTask: {
      type: GraphQLJSON,
      args: { id },
      resolve: (_: unknown, args: { id: string }, { req }: Context) => heartbeat({ req, taskId: routeId(args.id) }),
    },
    saveTaskLabel: {
      type: GraphQLJSON,
      args: { id, label: json },
      resolve: (_: unknown, args: { id: string; label: unknown }, { req }: Context) => saveLabelDraft({ req, taskId: routeId(args.id), body: args.label }),
    },
    reviewTask: {
      type: GraphQLJSON,
      args: { id, review: json, idempotencyKey: { type: GraphQLString } },
      resolve: async (_: unknown, args: { id: string; review: unknown; idempotencyKey?: string | null }, { req }: Context) =>
        (await reviewTaskRequest({ req, taskId: routeId(args.id), body: args.review, idempotencyKey: args.idempotencyKey ?? req.headers.get('idempotency-key') ?? undefined })).body,
    },
    bulkTasks: {
      type: GraphQLJSON,
      args: { input: json },
      resolve: (_: unknown, args: { input: unknown }, { req }: Context) => bulkTaskOperation({ req, body: args.input }),
    },
  }
}

/** taskQueue(project, params) ~ GET /api/projects/:id/queue?... (params as the query string's keys). */
export const queueOperationQueries: GraphQLExtension = (GraphQL) => {
  const { GraphQLID, GraphQLNonNull } = GraphQL
  return {
    taskQueue: {
      type: GraphQLJSON,
      args: { project: { type: new GraphQLNonNull(GraphQLID) }, params: { type: GraphQLJSON } },
      resolve: (_: unknown, args: { project: string; params?: Record<string, unknown> | null }, { req }: Context) => {
        const params = Object.fromEntries(Object.entries(args.params ?? {}).map(([key, value]) => [key, String(value)]))
        return listQueue({ req, project: routeId(args.project), params })
      },
    },
  }
}
