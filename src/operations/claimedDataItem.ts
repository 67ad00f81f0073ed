import type { Field, Payload, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { getOptions } from '../context.ts'
import type { Id } from '../types.ts'

/** The data-item fields the claim's one-query read maps (src/sql/queue/claimContext.ts `dataItemDoc`). */
const MAPPED = new Set([
  'id',
  'workspace',
  'dataset',
  'name',
  'type',
  'source',
  'kind',
  'url',
  'media',
  'text',
  'metadata',
  'width',
  'height',
  'frames',
  'externalId',
  'createdAt',
  'updatedAt',
])

/** Whether any field (nested ones included) is unknown to the row mapping, has read hooks or read access. Pure. */
function fieldsNeedPayload(fields: readonly Field[]): boolean {
  return fields.some((field) => {
    if (field.type === 'tabs' || ('name' in field && !MAPPED.has(field.name))) return true
    if ('hooks' in field && field.hooks?.afterRead?.length) return true
    if ('access' in field && field.access?.read) return true
    return 'fields' in field && Array.isArray(field.fields) ? fieldsNeedPayload(field.fields as Field[]) : false
  })
}

/**
 * True when the data-items collection (sanitized) is still LabelOps' own shape: then the row read with the
 * claim is exactly what REST shows at depth 0. A host (or another plugin) that adds fields, read hooks or
 * field access makes it false, and the claim reads the item through Payload so the host's rules apply. Pure.
 */
export function isPlainDataItemsCollection(config: SanitizedCollectionConfig): boolean {
  return !config.hooks.afterRead?.length && !fieldsNeedPayload(config.fields)
}

const plainByPayload = new WeakMap<Payload, boolean>()

function dataItemsArePlain(payload: Payload): boolean {
  let plain = plainByPayload.get(payload)
  if (plain === undefined) {
    plain = isPlainDataItemsCollection(payload.collections[getOptions(payload).slugs.dataItems]!.config)
    plainByPayload.set(payload, plain)
  }
  return plain
}

/** The claimed task's data item as Payload's REST API returns it at depth 0, for the caller. */
export async function claimedDataItem(req: PayloadRequest, id: Id, row: unknown): Promise<unknown> {
  if (row == null || dataItemsArePlain(req.payload)) return row
  return req.payload.findByID({
    collection: getOptions(req.payload).slugs.dataItems,
    id,
    depth: 0,
    req,
    overrideAccess: false,
    disableErrors: true,
  })
}
