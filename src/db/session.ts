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

/**
 * The drizzle table of a collection; `rels` for its hasMany relationships, `array` for one of its array
 * fields (e.g. a project's collaborators).
 */
export function collectionTable(req: PayloadRequest, slug: string, { rels = false, array }: { rels?: boolean; array?: string } = {}): any {
  const db = postgres(req)
  const base = slug.replace(/-/g, '_')
  const name = array ? db.tableNameMap.get(`${base}_${array.replace(/([A-Z])/g, '_$1').toLowerCase()}`) : db.tableNameMap.get(base)
  const table = name && db.tables[rels ? `${name}${db.relationshipsSuffix}` : name]
  if (!table) throw new Error(`LabelOps: no table for collection "${slug}"${rels ? ' relationships' : ''}${array ? ` array ${array}` : ''}`)
  return table
}
