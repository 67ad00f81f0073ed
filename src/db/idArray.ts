import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { type Bind, inline } from './session.ts'

const SAFE_ID = /^[0-9A-Za-z-]+$/

/** The adapter's id type: `serial` (Postgres' default, integers) or `uuid` (`idType: 'uuid'`). */
export const documentIdType = (payload: Payload): 'serial' | 'uuid' =>
  (payload.db as unknown as { idType?: string }).idType === 'uuid' ? 'uuid' : 'serial'

/** The SQL type of document ids (`integer` or `uuid`), e.g. to type a `null` where ids are expected. */
export function idSqlType(req: Pick<PayloadRequest, 'payload'>) {
  return sql.raw(documentIdType(req.payload) === 'uuid' ? 'uuid' : 'integer')
}

/** A bound Postgres array of document ids, typed for the adapter's id type (`bind`: as a statement's placeholder). */
export function idArray(req: PayloadRequest, ids: Array<number | string>, bind: Bind = inline) {
  const literal = `{${ids
    .map(String)
    .filter((id) => SAFE_ID.test(id))
    .join(',')}}`
  return sql`${bind(literal)}::${idSqlType(req)}[]`
}

/** One bound document id, typed for the adapter's id type (a bare parameter in VALUES would be text). */
export function idValue(req: PayloadRequest, id: number | string) {
  return documentIdType(req.payload) === 'uuid' ? sql`${String(id)}::uuid` : sql`${Number(id)}::integer`
}
