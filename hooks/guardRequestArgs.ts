import type { CollectionBeforeOperationHook } from 'payload'

import { documentIdType } from '../src/db/idArray.ts'
import { FieldRuleError } from '../src/errors.ts'
import { inspectBody } from '../src/hardening/inspectBody.ts'
import { inspectSort, inspectWhere, type Schema, type SchemaField } from '../src/hardening/inspectWhere.ts'
import { REQUEST_LIMITS } from '../src/hardening/limits.ts'
import { idProblem, integerProblem } from '../src/hardening/values.ts'

/**
 * On every collection (the host's, LabelOps' and Payload's own): refuses, before any query runs, the request
 * arguments that would otherwise reach the database and fail there — ids that cannot be ids, filters over
 * more than one relationship or with values their column cannot hold, limits past the documented ones,
 * bodies nested past any document — with a 400 naming the parameter. (Routes of features a collection does
 * not use answer 404: src/hardening/unusedRoutes.ts.)
 */
export const guardRequestArgs: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const a = args as Record<string, unknown>
  const idType = documentIdType(req.payload)
  const collections = req.payload.collections as Record<string, { config: { flattenedFields: unknown } } | undefined>
  const schema: Schema = { idType, fieldsOf: (slug) => collections[slug]?.config.flattenedFields as SchemaField[] | undefined }
  const problems = [...inspectWhere(schema, collection.slug, a.where), ...inspectSort(schema, collection.slug, a.sort)]
  if ('id' in a && a.id !== undefined && (operation === 'read' || operation === 'update' || operation === 'delete')) {
    const problem = idProblem(idType, a.id)
    if (problem) problems.push({ path: 'id', message: problem })
  }
  if (a.data !== undefined || operation === 'create') {
    if (!a.data || typeof a.data !== 'object' || Array.isArray(a.data))
      problems.push({ path: 'data', message: 'must be an object of fields' })
    else problems.push(...inspectBody(a.data))
  }
  if (req.payloadAPI !== 'local') {
    const limits: Array<[string, number, number]> = [
      ['limit', 0, REQUEST_LIMITS.maxLimit],
      ['page', 1, REQUEST_LIMITS.maxPage],
      ['depth', 0, REQUEST_LIMITS.maxDepth],
    ]
    for (const [name, min, max] of limits) {
      const problem = integerProblem(a[name], min, max)
      if (problem) problems.push({ path: name, message: problem })
    }
  }
  if (problems.length > 0) throw FieldRuleError.of(problems)
  return args
}
