import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { systemAccess } from '../system.ts'
import type { Id } from '../types.ts'

/**
 * People by id: their email (and name, when the host's users have one) — those in a report's tables, or the
 * annotators of a consensus round under review. Read as the system: the caller may see these people's work,
 * so their names too.
 */
export async function peopleByIds(req: PayloadRequest, ids: string[]): Promise<Record<string, { email: string; name?: string }>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return {}
  const { slugs } = getOptions(req.payload)
  const found = await req.payload.find({
    collection: slugs.users,
    where: { id: { in: unique } },
    limit: unique.length,
    depth: 0,
    pagination: false,
    ...systemAccess(req),
  })
  return Object.fromEntries(
    (found.docs as unknown as Array<{ id: Id; email?: string; name?: string }>).map((user) => [
      String(user.id),
      { email: user.email ?? '', ...(user.name ? { name: user.name } : {}) },
    ]),
  )
}
