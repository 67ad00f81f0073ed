import { GraphQLJSON } from '@payloadcms/graphql/types'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import type { SlugMap } from '../options.ts'
import { type GraphQLField, OPERATIONS } from '../operations/registry.ts'
import { TASK_ACTIONS } from '../domain/workflow/permissions.ts'

type GraphQLModule = Parameters<GraphQLExtension>[0]
type CollectionTypes = { collections: Record<string, { graphQL?: { type?: unknown } }> }

/** Named types, built once per schema (queries and mutations get copies of one context sharing `collections`). */
const built = new WeakMap<object, Map<string, unknown>>()

function typeKit(GraphQL: GraphQLModule, context: object, slugs: SlugMap) {
  const { GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const schemaKey = (context as unknown as CollectionTypes).collections
  const cache = built.get(schemaKey) ?? new Map<string, unknown>()
  built.set(schemaKey, cache)
  const collectionType = (key: keyof SlugMap) => (context as unknown as CollectionTypes).collections[slugs[key]]?.graphQL?.type as never
  const makers: Record<string, () => unknown> = {
    ID: () => GraphQLID,
    Int: () => GraphQLInt,
    String: () => GraphQLString,
    JSON: () => GraphQLJSON,
    LabelOpsTaskAction: () =>
      new GraphQLEnumType({ name: 'LabelOpsTaskAction', values: Object.fromEntries(TASK_ACTIONS.map((value) => [value, { value }])) }),
    LabelOpsTaskActionResult: () =>
      new GraphQLObjectType({
        name: 'LabelOpsTaskActionResult',
        fields: {
          id: { type: new GraphQLNonNull(GraphQLID) },
          project: { type: new GraphQLNonNull(GraphQLID) },
          stage: { type: new GraphQLNonNull(GraphQLString) },
          status: { type: new GraphQLNonNull(GraphQLString) },
          version: { type: new GraphQLNonNull(GraphQLInt) },
          priority: { type: GraphQLInt },
          assignee: { type: GraphQLID },
          // a submission in a training project: its score against the gold label and what differed
          score: { type: GraphQLJSON },
        },
      }),
    // the claim answered with the collections' own Task, DataItem and Ontology types
    LabelOpsClaim: () =>
      new GraphQLObjectType({
        name: 'LabelOpsClaim',
        fields: {
          task: { type: new GraphQLNonNull(collectionType('tasks')) },
          dataItem: { type: collectionType('dataItems') },
          ontology: { type: collectionType('ontologies') },
          label: { type: GraphQLJSON },
          preLabel: { type: GraphQLJSON },
          leaseExpiresAt: { type: new GraphQLNonNull(GraphQLString) },
        },
      }),
    LabelOpsSignUp: () =>
      new GraphQLObjectType({
        name: 'LabelOpsSignUp',
        fields: { id: { type: new GraphQLNonNull(GraphQLID) }, email: { type: new GraphQLNonNull(GraphQLString) } },
      }),
  }
  const named = (name: string): unknown => {
    if (!cache.has(name)) {
      const make = makers[name]
      if (!make) throw new Error(`labelOps GraphQL: no type named ${name}`)
      cache.set(name, make())
    }
    return cache.get(name)
  }
  /** `ID!` -> GraphQLNonNull(GraphQLID); `JSON` -> GraphQLJSON */
  const argType = (sdl: string) => (sdl.endsWith('!') ? new GraphQLNonNull(named(sdl.slice(0, -1)) as never) : named(sdl))
  const resultType = (type: GraphQLField['type']) => (typeof type === 'string' ? named(type) : collectionType(type.collection))
  return { argType, resultType }
}

/**
 * The GraphQL fields of one kind (queries or mutations) generated from the operation registry: each
 * assembles its operation's input from the arguments and answers what the operation answers.
 */
export const registryFields =
  (kind: GraphQLField['kind'], slugs: SlugMap): GraphQLExtension =>
  (GraphQL, context) => {
    const { argType, resultType } = typeKit(GraphQL, context as object, slugs)
    const fields: Record<string, unknown> = {}
    for (const operation of OPERATIONS) {
      for (const field of operation.graphql.filter((candidate) => candidate.kind === kind)) {
        fields[field.name] = {
          type: resultType(field.type),
          args: Object.fromEntries(Object.entries(field.args).map(([name, sdl]) => [name, { type: argType(sdl) }])),
          resolve: async (_source: unknown, args: Record<string, unknown>, { req }: { req: PayloadRequest }) => {
            const result = await operation.run({ req, input: field.input(args, (name) => req.headers.get(name) ?? undefined) })
            return field.answer ? field.answer(result) : result
          },
        }
      }
    }
    return fields as ReturnType<GraphQLExtension>
  }
