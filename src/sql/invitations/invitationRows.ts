import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Id } from '../../types.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName, sqlTable } from '../../db/tables.ts'

/** Whether someone with this email already belongs to the workspace. */
export async function isMemberByEmail(req: PayloadRequest, workspace: Id, email: string): Promise<boolean> {
  const members = sqlTable(req, 'workspaceMembers')
  const users = sqlTable(req, 'users')
  const db = await sessionDb(req)
  const { rows } = await db.execute(sql`
    select 1 from ${members} join ${users} on ${users.id} = ${members.user}
      where ${members.workspace} = ${workspace} and lower(${users.email}) = ${email} limit 1`)
  return rows.length > 0
}

/**
 * The open invitation of this email to this workspace, if any; pending ones past their expiry are marked
 * expired first, so they neither count as open nor block a new invitation (the unique index sees pending only).
 */
export async function findOpenInvitation(req: PayloadRequest, workspace: Id, email: string): Promise<Id | undefined> {
  const invitations = sqlTable(req, 'invitations')
  const db = await sessionDb(req)
  await db.execute(sql`
    update ${invitations} set ${columnName(invitations.status)} = 'expired'
      where ${invitations.workspace} = ${workspace} and ${invitations.email} = ${email}
        and ${invitations.status} = 'pending' and ${invitations.expiresAt} <= now()`)
  const { rows } = await db.execute<{ id: Id }>(sql`
    select ${invitations.id} as "id" from ${invitations}
      where ${invitations.workspace} = ${workspace} and ${invitations.email} = ${email} and ${invitations.status} = 'pending'`)
  return rows[0]?.id
}

export type InvitationRow = {
  id: Id
  workspace: Id
  email: string
  role: string
  status: 'pending' | 'accepted' | 'declined' | 'expired'
  expiresAt: string
}

/** Locks one invitation for the rest of the transaction (by id, or by its token's hash). */
export async function lockInvitation(req: PayloadRequest, by: { id: Id } | { tokenHash: string }): Promise<InvitationRow | undefined> {
  const invitations = sqlTable(req, 'invitations')
  const db = await sessionDb(req)
  const where = 'id' in by ? sql`${invitations.id} = ${by.id}` : sql`${invitations.tokenHash} = ${by.tokenHash}`
  const { rows } = await db.execute<InvitationRow>(sql`
    select ${invitations.id} as "id", ${invitations.workspace} as "workspace", ${invitations.email} as "email",
           ${invitations.role}::text as "role", ${invitations.status}::text as "status", ${invitations.expiresAt} as "expiresAt"
      from ${invitations} where ${where} for update`)
  return rows[0]
}
