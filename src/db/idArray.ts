import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

const SAFE_ID = /^[0-9A-Za-z-]+$/

/** A bound Postgres array of document ids, typed for the adapter's id type (serial by default, or uuid). */
export function idArray(req: PayloadRequest, ids: Array<number | string>) {
  const uuid = (req.payload.db as unknown as { idType?: string }).idType === 'uuid'
  const literal = `{${ids.map(String).filter((id) => SAFE_ID.test(id)).join(',')}}`
  return uuid ? sql`${literal}::uuid[]` : sql`${literal}::integer[]`
}

/** One bound document id, typed for the adapter's id type (a bare parameter in VALUES would be text). */
export function idValue(req: PayloadRequest, id: number | string) {
  return (req.payload.db as unknown as { idType?: string }).idType === 'uuid' ? sql`${String(id)}::uuid` : sql`${Number(id)}::integer`
}
