import type { GraphQLExtension, PayloadRequest } from 'payload'

import { FieldRuleError } from '../errors.ts'
import { performTaskAction } from '../operations/performTaskAction.ts'
import { routeId } from '../utilities/routeId.ts'
import { TASK_ACTIONS, type TaskAction } from '../workflow/permissions.ts'

/**
 * `taskAction(id, action, expectedVersion, note, to, timeSpentMs, idempotencyKey)`: the GraphQL face of
 * POST /api/tasks/:id/<action>, calling the same operation. Built with the graphql module Payload hands us.
 */
export const taskActionMutations: GraphQLExtension = (GraphQL) => {
  const { GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const result = new GraphQLObjectType({
    name: 'LabelOpsTaskActionResult',
    fields: {
      id: { type: new GraphQLNonNull(GraphQLID) },
      project: { type: new GraphQLNonNull(GraphQLID) },
      stage: { type: new GraphQLNonNull(GraphQLString) },
      status: { type: new GraphQLNonNull(GraphQLString) },
      version: { type: new GraphQLNonNull(GraphQLInt) },
      priority: { type: GraphQLInt },
      assignee: { type: GraphQLID },
    },
  })
  const action = new GraphQLEnumType({ name: 'LabelOpsTaskAction', values: Object.fromEntries(TASK_ACTIONS.map((value) => [value, { value }])) })
  return {
    taskAction: {
      type: result,
      args: {
        id: { type: new GraphQLNonNull(GraphQLID) },
        action: { type: new GraphQLNonNull(action) },
        expectedVersion: { type: new GraphQLNonNull(GraphQLInt) },
        note: { type: GraphQLString },
        to: { type: GraphQLString },
        timeSpentMs: { type: GraphQLInt },
        idempotencyKey: { type: GraphQLString },
      },
      resolve: async (_source: unknown, args: { id: string; action: TaskAction; expectedVersion: number; note?: string; to?: string; timeSpentMs?: number; idempotencyKey?: string }, context: { req: PayloadRequest }) => {
        if (args.action === 'move' && !args.to) throw new FieldRuleError('to', 'is required to move a task: the id of the target stage')
        const { body } = await performTaskAction({
          req: context.req,
          taskId: routeId(args.id),
          action: args.action,
          expectedVersion: args.expectedVersion,
          note: args.note ?? undefined,
          to: args.to ?? undefined,
          timeSpentMs: args.timeSpentMs ?? undefined,
          idempotencyKey: args.idempotencyKey ?? context.req.headers.get('idempotency-key') ?? undefined,
        })
        return body
      },
    },
  }
}
