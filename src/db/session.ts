import { fillPlaceholders, type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { NodePgDatabase } from '@payloadcms/db-postgres/drizzle/node-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { transactionSession } from './afterCommit.ts'

/** the adapter's drizzle handle (a pool, or one transaction's client) */
export type Drizzle = NodePgDatabase<Record<string, unknown>>
/** The Postgres adapter's drizzle handle on its pool; undefined under another adapter (no journal, no outbox). */
export const adapterDrizzle = (payload: Payload): Drizzle | undefined => (payload.db as unknown as { drizzle?: Drizzle }).drizzle

/** `adapterDrizzle` where only a Postgres adapter gets this far. */
export function drizzleOf(payload: Payload): Drizzle {
  const db = adapterDrizzle(payload)
  if (!db) throw new Error('LabelOps needs the Postgres adapter (@payloadcms/db-postgres)')
  return db
}

/** The drizzle handle of the request's transaction (or the pool when there is none): raw SQL joins the transaction. */
export async function sessionDb(req: PayloadRequest): Promise<Drizzle> {
  return (await transactionSession(req))?.db ?? drizzleOf(req.payload)
}

type PgClient = { query: (config: { name?: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }> }
type Built = { name: string; text: string; params: unknown[] }

const builtStatements = new WeakMap<object, Map<string, Built>>()

/** A short stable name for a statement's text (FNV-1a), so each distinct text is prepared once per connection. */
function statementName(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
  return `labelops_${hash.toString(36)}_${text.length.toString(36)}`
}

/**
 * Runs a hot statement (the claim, the actor's access query) as a named prepared statement on the request's
 * connection (its transaction's, or the pool's): its text is built once per `key` — with drizzle
 * `sql.placeholder(name)`s for the values — and planned once per connection, instead of both on every call.
 * `key` names the statement's shape: everything `build` varies on besides the placeholders. With the
 * `preparedStatements: false` option the text is still built once, but sent unnamed.
 */
export async function executePrepared<T>(
  req: PayloadRequest,
  key: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<{ rows: T[] }> {
  return runStatement<T>(req, key, build, values, false)
}

/** Binds a value as the next placeholder of a statement being built (see `placeholders`). */
export type Bind = (value: unknown) => SQL

/** A `Bind` that sends the value with the statement (a statement built for one call). */
export const inline: Bind = (value) => sql`${value}`

/**
 * Placeholders for a statement built afresh on every call (its values are worked out as it is built): `bind`
 * names each value `p0`, `p1`, ... in the order it is met, which a statement of the same shape repeats.
 */
export function placeholders(): { bind: Bind; values: Record<string, unknown> } {
  const values: Record<string, unknown> = {}
  let next = 0
  const bind: Bind = (value) => {
    const name = `p${next++}`
    values[name] = value
    return sql.placeholder(name) as unknown as SQL
  }
  return { bind, values }
}

/**
 * `executePrepared` for a statement built on every call with `placeholders()`: its text is made (drizzle's
 * walk of the whole tree) once per `key` and planned once per connection. Under the test runner every call
 * checks that the key does determine the text — a shape left out of the key would run another shape's text.
 */
export async function executeBuilt<T>(
  req: PayloadRequest,
  key: string,
  statement: SQL,
  values: Record<string, unknown>,
): Promise<{ rows: T[] }> {
  return runStatement<T>(req, key, () => statement, values, CHECK_KEYS)
}

const CHECK_KEYS = Boolean(process.env.VITEST)

type StatementDb = {
  dialect: { sqlToQuery: (q: unknown) => { sql: string; params: unknown[] } }
  session: { client: PgClient; logger?: { logQuery: (text: string, params: unknown[]) => void } }
}

async function runStatement<T>(
  req: PayloadRequest,
  key: string,
  build: () => SQL,
  values: Record<string, unknown>,
  checkKey: boolean,
): Promise<{ rows: T[] }> {
  const db = (await sessionDb(req)) as unknown as StatementDb
  let cache = builtStatements.get(req.payload.db)
  if (!cache) builtStatements.set(req.payload.db, (cache = new Map()))
  let built = cache.get(key)
  if (!built) {
    const { sql: text, params } = db.dialect.sqlToQuery(build())
    cache.set(key, (built = { name: statementName(text), text, params }))
  } else if (checkKey && db.dialect.sqlToQuery(build()).sql !== built.text) {
    throw new Error(`statement key ${JSON.stringify(key)} stands for two texts: its shape is not all in the key`)
  }
  const params = fillPlaceholders(built.params, values)
  db.session.logger?.logQuery(built.text, params) // the adapter's query log still sees it
  // unnamed (planned on every call) when prepared statements are off: PgBouncer in transaction mode
  const named = getOptions(req.payload).preparedStatements
  return (await db.session.client.query(
    named ? { name: built.name, text: built.text, values: params } : { text: built.text, values: params },
  )) as { rows: T[] }
}
