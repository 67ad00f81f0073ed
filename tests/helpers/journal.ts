import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload, Where } from 'payload'

/**
 * Task events matching `where`, in the journal's order (`seq`, src/sql/journal/journalOrder.ts): the id gives no order
 * with uuid ids, and events written in one transaction share their timestamps.
 */
export async function journalInOrder(payload: Payload, where: Where): Promise<Array<Record<string, any>>> {
  const { docs } = await payload.find({ collection: 'task-events', where, depth: 0, limit: 0, pagination: false, overrideAccess: true })
  if (docs.length === 0) return []
  const ids = docs.map((doc) => String(doc.id))
  const { rows } = await (
    payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<{ rows: Array<{ id: unknown }> }> } }
  ).drizzle.execute(sql`select id::text as id from task_events where id::text = any(${`{${ids.join(',')}}`}::text[]) order by seq`)
  const position = new Map(rows.map((row, index) => [String(row.id), index]))
  return [...docs].sort((a, b) => position.get(String(a.id))! - position.get(String(b.id))!) as Array<Record<string, any>>
}
