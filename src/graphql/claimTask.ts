import type { GraphQLExtension, PayloadRequest } from 'payload'

import { claimNextTask } from '../operations/claimNextTask.ts'
import { routeId } from '../utilities/routeId.ts'

type CollectionTypes = { collections: Record<string, { graphQL?: { type?: unknown } }> }

/**
 * `claimNextTask(project: ID!, task: ID)`: the GraphQL face of POST /api/projects/:id/next (or, with `task`,
 * /api/tasks/:id/claim): the same operation, answered with the collections' own Task, DataItem and Ontology
 * types; null when nothing is left for the caller.
 */
export const claimTaskMutations = (slugs: { tasks: string; dataItems: string; ontologies: string }): GraphQLExtension => (GraphQL, context) => {
  const { GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const { collections } = context as unknown as CollectionTypes
  const typeOf = (slug: string) => collections[slug]?.graphQL?.type as never
  const claim = new GraphQLObjectType({
    name: 'LabelOpsClaim',
    fields: {
      task: { type: new GraphQLNonNull(typeOf(slugs.tasks)) },
      dataItem: { type: typeOf(slugs.dataItems) },
      ontology: { type: typeOf(slugs.ontologies) },
      leaseExpiresAt: { type: new GraphQLNonNull(GraphQLString) },
    },
  })
  return {
    claimNextTask: {
      type: claim,
      args: { project: { type: new GraphQLNonNull(GraphQLID) }, task: { type: GraphQLID } },
      resolve: async (_source: unknown, args: { project: string; task?: string | null }, { req }: { req: PayloadRequest }) => claimNextTask({ req, project: routeId(args.project), taskId: args.task ? routeId(args.task) : undefined }),
    },
  }
}
