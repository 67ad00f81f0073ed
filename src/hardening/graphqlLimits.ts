import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql'

import { REQUEST_LIMITS } from './limits.ts'

export type OperationSize = { depth: number; aliases: number; fields: number }

/**
 * How deep, how aliased and how wide a GraphQL document is, fragments followed (a fragment spread counts as
 * if written out; a fragment that spreads itself is counted once). Pure.
 */
export function measureDocument(document: DocumentNode): OperationSize {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  const size: OperationSize = { depth: 0, aliases: 0, fields: 0 }
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>) => {
    size.depth = Math.max(size.depth, depth)
    if (size.fields > REQUEST_LIMITS.maxGraphQLFields * 10) return // past any limit: stop counting
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        size.fields++
        if (selection.alias) size.aliases++
        if (selection.selectionSet) walk(selection.selectionSet, depth + 1, seen)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth, seen)
      } else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        if (fragment && !seen.has(name)) walk(fragment.selectionSet, depth, new Set([...seen, name]))
      }
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, 1, new Set())
  }
  return size
}

/** A validation rule refusing documents past the depth, alias and field limits (README, "Request limits"). */
export function operationSizeRule(context: ValidationContext): ASTVisitor {
  return {
    Document(document) {
      const size = measureDocument(document)
      const limits: Array<[keyof OperationSize, number, string]> = [
        ['depth', REQUEST_LIMITS.maxGraphQLDepth, 'nesting depth'],
        ['aliases', REQUEST_LIMITS.maxGraphQLAliases, 'aliases'],
        ['fields', REQUEST_LIMITS.maxGraphQLFields, 'fields'],
      ]
      for (const [key, max, what] of limits) {
        if (size[key] > max)
          context.reportError(
            new GraphQLError(`query: at most ${max} ${what} per request (this one has ${size[key]})`, { extensions: { statusCode: 400 } }),
          )
      }
    },
  }
}
