import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { collectionTable, sessionDb } from '../db/session.ts'
import type { Id } from './actor.ts'
import { idArray } from '../db/idArray.ts'

export type MembershipRow = { kind: 'membership' | 'members' | 'managers'; workspace: Id; role: string | null; groupId: Id | null }

/** The actor's workspace roles and group ties, in one round trip. */
export async function loadMembershipRows(req: PayloadRequest, userId: Id): Promise<MembershipRow[]> {
  const { slugs } = getOptions(req.payload)
  const members = collectionTable(req, slugs.workspaceMembers)
  const groups = collectionTable(req, slugs.userGroups)
  const groupRels = collectionTable(req, slugs.userGroups, { rels: true })
  const db = await sessionDb(req)
  const { rows } = await db.execute<MembershipRow>(sql`
    select 'membership' as "kind", ${members.workspace} as "workspace", ${members.role}::text as "role", null::integer as "groupId"
      from ${members} where ${members.user} = ${userId}
    union all
    select ${groupRels.path} as "kind", ${groups.workspace} as "workspace", null as "role", ${groups.id} as "groupId"
      from ${groupRels} join ${groups} on ${groups.id} = ${groupRels.parent}
      where ${groupRels.usersID} = ${userId} and ${groupRels.path} in ('members', 'managers')`)
  return rows
}

/**
 * The users an actor may see, by the three ways the capability table grants it: everyone in some workspaces,
 * the Taskers of others, and the members of the groups they manage. One query, only when users are read.
 */
export async function loadVisibleUserIds(
  req: PayloadRequest,
  { allIn, taskersIn, managedGroups }: { allIn: Id[]; taskersIn: Id[]; managedGroups: Id[] },
): Promise<Id[]> {
  if (allIn.length + taskersIn.length + managedGroups.length === 0) return []
  const { slugs } = getOptions(req.payload)
  const members = collectionTable(req, slugs.workspaceMembers)
  const groupRels = collectionTable(req, slugs.userGroups, { rels: true })
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id }>(sql`
    select ${members.user} as "id" from ${members}
      where ${members.workspace} = any(${idArray(req, allIn)}) or (${members.workspace} = any(${idArray(req, taskersIn)}) and ${members.role} = 'tasker')
    union
    select ${groupRels.usersID} as "id" from ${groupRels}
      where ${groupRels.parent} = any(${idArray(req, managedGroups)}) and ${groupRels.path} = 'members'`)
  return rows.map((row) => row.id)
}

/** The members of the given groups (user ids). */
export async function loadGroupMemberIds(req: PayloadRequest, groupIds: Id[]): Promise<Id[]> {
  if (groupIds.length === 0) return []
  const { slugs } = getOptions(req.payload)
  const groupRels = collectionTable(req, slugs.userGroups, { rels: true })
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id }>(sql`
    select distinct ${groupRels.usersID} as "id" from ${groupRels}
      where ${groupRels.parent} = any(${idArray(req, groupIds)}) and ${groupRels.path} = 'members'`)
  return rows.map((row) => row.id)
}


