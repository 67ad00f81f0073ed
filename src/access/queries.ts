import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { idArray } from '../db/idArray.ts'
import { collectionTable, sessionDb } from '../db/session.ts'
import type { Id } from '../types.ts'

// Every query here carries the /* labelops:access */ marker, so tests can count what access costs.

export type MembershipRow = {
  kind: 'membership' | 'members' | 'managers' | 'managed-member'
  workspace: Id
  role: string | null
  /** a group id (members, managers), or a user id (managed-member: someone in a group the actor manages) */
  ref: Id | null
}

/** The actor's workspace roles, group ties and the people in the groups they manage, in one round trip. */
export async function loadMembershipRows(req: PayloadRequest, userId: Id): Promise<MembershipRow[]> {
  const { slugs } = getOptions(req.payload)
  const members = collectionTable(req, slugs.workspaceMembers)
  const groups = collectionTable(req, slugs.userGroups)
  const groupRels = collectionTable(req, slugs.userGroups, { rels: true })
  const db = await sessionDb(req)
  const { rows } = await db.execute<MembershipRow>(sql`/* labelops:access */
    with ties as (
      select ${groupRels.path} as "kind", ${groups.workspace} as "workspace", ${groups.id} as "ref"
        from ${groupRels} join ${groups} on ${groups.id} = ${groupRels.parent}
        where ${groupRels.usersID} = ${userId} and ${groupRels.path} in ('members', 'managers'))
    select 'membership' as "kind", ${members.workspace} as "workspace", ${members.role}::text as "role", null::integer as "ref"
      from ${members} where ${members.user} = ${userId}
    union all
    select ties."kind", ties."workspace", null, ties."ref" from ties
    union all
    select 'managed-member', ties."workspace", null, ${groupRels.usersID}
      from ties join ${groupRels} on ${groupRels.parent} = ties."ref" and ${groupRels.path} = 'members'
      where ties."kind" = 'managers'`)
  return rows
}

/**
 * The users an actor may see beyond the groups it manages (those come with the actor): everyone in some
 * workspaces and the Taskers of others. One query, only when users are read.
 */
export async function loadVisibleUserIds(req: PayloadRequest, { allIn, taskersIn }: { allIn: Id[]; taskersIn: Id[] }): Promise<Id[]> {
  if (allIn.length + taskersIn.length === 0) return []
  const { slugs } = getOptions(req.payload)
  const members = collectionTable(req, slugs.workspaceMembers)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id }>(sql`/* labelops:access */
    select distinct ${members.user} as "id" from ${members}
      where ${members.workspace} = any(${idArray(req, allIn)})
         or (${members.workspace} = any(${idArray(req, taskersIn)}) and ${members.role} = 'tasker')`)
  return rows.map((row) => row.id)
}
