import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { sessionDb } from '../db/session.ts'
import { sqlTable } from '../db/tables.ts'
import { systemAccess } from '../system.ts'
import type { OntologyStructure } from '../domain/ontology/schema.ts'
import type { Id } from '../types.ts'

const MAX_ENTRIES = 200
const caches = new WeakMap<object, Map<string, unknown>>()

/**
 * A project's ontology as Payload reads it, kept per (id, updatedAt): every claim answers with it, and it
 * changes rarely. Its updatedAt (one indexed lookup, or handed in by the caller's own query) tells whether the
 * cached copy is current, across processes.
 */
export async function cachedOntology(req: PayloadRequest, id: Id, knownUpdatedAt?: string | null): Promise<unknown> {
  const { slugs } = getOptions(req.payload)
  let updatedAt = knownUpdatedAt
  if (updatedAt === undefined) {
    const ontologies = sqlTable(req, 'ontologies')
    const db = await sessionDb(req)
    const { rows } = await db.execute<{ updatedAt: string }>(
      sql`select ${ontologies.updatedAt} as "updatedAt" from ${ontologies} where ${ontologies.id} = ${id}`,
    )
    updatedAt = rows[0]?.updatedAt ?? null
  }
  if (updatedAt == null) return null
  const key = `${String(id)}:${new Date(updatedAt).toISOString()}`
  let cache = caches.get(req.payload)
  if (!cache) caches.set(req.payload, (cache = new Map()))
  if (cache.has(key)) return cache.get(key)
  // one cache for everyone: read as the system (claimNextTask decided who may see it)
  const doc = await req.payload.findByID({ collection: slugs.ontologies, id, depth: 0, ...systemAccess(req), disableErrors: true })
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  cache.set(key, doc)
  return doc
}

/** The ontology's objects and classifications (from the cache), or null when there is none. */
export async function ontologyOf(req: PayloadRequest, id: Id | null | undefined): Promise<OntologyStructure | null> {
  if (id == null) return null
  const doc = (await cachedOntology(req, id)) as Partial<OntologyStructure> | null
  return doc ? { objects: doc.objects ?? [], classifications: doc.classifications ?? [] } : null
}
