import { describe, expect, it } from 'vitest'

import { ERROR_STATUS, FieldRuleError } from '../../src/errors.ts'
import { taskActionSchema } from '../../src/operations/performTaskAction.ts'
import { parseInput } from '../../src/operations/input.ts'
import { OPERATIONS } from '../../src/operations/registry.ts'

const problemOf = (input: unknown) => {
  try {
    parseInput(taskActionSchema, input)
  } catch (error) {
    return error as FieldRuleError
  }
  throw new Error('expected a refusal')
}

describe('operation input', () => {
  it('names a problem inside the body by the field the client wrote, and the body itself when it is not one', () => {
    expect(problemOf({ id: 3, action: 'submit', body: { expectedVersion: 1, note: 'x'.repeat(4001) } }).message).toMatch(/^note: /)
    expect(problemOf({ id: 3, action: 'submit', body: 'text' }).message).toMatch(/^body: /)
    expect(problemOf({ id: 'abc', action: 'submit', body: { expectedVersion: 1 } }).message).toBe('id: must be a document id')
    expect(problemOf({ id: 3, action: 'move', body: { expectedVersion: 1 } }).message).toBe(
      'to: is required to move a task: the id of the target stage',
    )
  })

  it('reads an absent body as an empty one, so the missing field is named', () => {
    const error = problemOf({ id: 3, action: 'submit' })
    expect(error.message).toMatch(/^expectedVersion: is required/)
    expect(error.status).toBe(ERROR_STATUS.FieldRuleError)
  })

  it('parses what a REST route and a GraphQL field assemble from the same request into the same input', () => {
    const operation = OPERATIONS.find((candidate) => candidate.name === 'taskAction')!
    const header = (name: string) => (name === 'idempotency-key' ? 'k1' : undefined)
    const rest = operation.rest[0]!.input({ params: { id: '7' }, query: {}, body: { expectedVersion: 2, note: 'ok' }, header })
    const graph = operation.graphql[0]!.input(
      { id: '7', action: 'submit', expectedVersion: 2, note: 'ok', to: null, idempotencyKey: null },
      header,
    )
    expect(parseInput(taskActionSchema, graph)).toEqual(parseInput(taskActionSchema, rest))
  })
})
