import { parseDocumentId } from '../domain/ids.ts'
import { FieldRuleError } from '../errors.ts'

/** A document id from a route segment or a GraphQL argument; 400 naming `field` when it cannot be one. */
export const routeId = (raw: unknown, field = 'id') => {
  const id = parseDocumentId(raw)
  if (id === undefined) throw new FieldRuleError(field, 'must be a document id')
  return id
}
