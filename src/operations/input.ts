import { z } from 'zod'

import { FieldRuleError } from '../errors.ts'
import { formatPath } from '../domain/ontology/schema.ts'

/**
 * Parts of an operation's input that are what a client sent as one whole (a REST body or query string, a
 * GraphQL JSON argument): a problem inside one is named by the field within it, as the client wrote it.
 */
const WHOLE_PARTS = new Set<PropertyKey>(['body', 'query'])

/**
 * Every operation's first step: its zod schema over `unknown` input, or a 400 listing each problem by the
 * field it concerns (`FieldRuleError`). The same for REST, GraphQL and in-process callers.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root = 'input'): z.output<S> {
  const parsed = schema.safeParse(input ?? {})
  if (parsed.success) return parsed.data
  throw FieldRuleError.of(
    parsed.error.issues.map((issue) => {
      const [first, ...rest] = issue.path
      const path = first !== undefined && WHOLE_PARTS.has(first) ? formatPath(rest) || String(first) : formatPath(issue.path) || root
      return { path, message: issue.message }
    }),
  )
}

/** A whole part (see WHOLE_PARTS): an absent body reads as an empty one, so its own rules name what is missing. */
export const wholePart = <S extends z.ZodType>(schema: S) => z.preprocess((value) => value ?? {}, schema)

/** An optional Idempotency-Key (header over REST, argument over GraphQL); an empty one is none. */
export const idempotencyKeySchema = z.string().max(200).optional()
