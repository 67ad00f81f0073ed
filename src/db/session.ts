import type { PayloadRequest } from 'payload'

type Drizzle = { execute: <T = Record<string, unknown>>(query: unknown) => Promise<{ rows: T[] }> }
type PostgresDb = { drizzle: Drizzle; sessions: Record<string, { db: Drizzle }>; tables: Record<string, any>; tableNameMap: Map<string, string>; relationshipsSuffix: string }

const postgres = (req: PayloadRequest) => req.payload.db as unknown as PostgresDb

/** The drizzle handle of the request's transaction (or the pool when there is none): raw SQL joins the transaction. */
export async function sessionDb(req: PayloadRequest): Promise<Drizzle> {
  const db = postgres(req)
  const id = req.transactionID ? await req.transactionID : undefined
  return (id !== undefined && db.sessions[String(id)]?.db) || db.drizzle
}

/** The drizzle table of a collection (and of its hasMany relationships: `rels`). */
export function collectionTable(req: PayloadRequest, slug: string, { rels = false } = {}): any {
  const db = postgres(req)
  const name = db.tableNameMap.get(slug.replace(/-/g, '_'))
  const table = name && db.tables[rels ? `${name}${db.relationshipsSuffix}` : name]
  if (!table) throw new Error(`LabelOps: no table for collection "${slug}"${rels ? ' relationships' : ''}`)
  return table
}
