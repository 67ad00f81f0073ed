import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Id } from '../access/actor.ts'
import { deleteWebhookRows } from './webhooks/deliveryQueue.ts'
import { sessionDb } from '../db/session.ts'
import { sqlTable } from '../db/tables.ts'

/**
 * Locks the workspace row for the rest of the request's transaction, then counts its Admins. Two requests
 * that each demote "the other" Admin serialise on the lock, so the second sees the first one's change.
 */
export async function countAdminsLocked(req: PayloadRequest, workspace: Id): Promise<number> {
  const workspaces = sqlTable(req, 'workspaces')
  const members = sqlTable(req, 'workspaceMembers')
  const db = await sessionDb(req)
  await db.execute(sql`select ${workspaces.id} from ${workspaces} where ${workspaces.id} = ${workspace} for update`)
  const { rows } = await db.execute<{ count: string }>(
    sql`select count(*) as "count" from ${members} where ${members.workspace} = ${workspace} and ${members.role} = 'admin'`,
  )
  return Number(rows[0]?.count ?? 0)
}

/** Takes a user out of every group (as member and as manager) of one workspace. */
export async function removeFromWorkspaceGroups(req: PayloadRequest, workspace: Id, user: Id): Promise<void> {
  const groups = sqlTable(req, 'userGroups')
  const groupRels = sqlTable(req, 'userGroupRels')
  const db = await sessionDb(req)
  await db.execute(sql`
    delete from ${groupRels} where ${groupRels.usersID} = ${user}
      and ${groupRels.parent} in (select ${groups.id} from ${groups} where ${groups.workspace} = ${workspace})`)
}

/** A workspace's tasks and their journal go with the workspace (in bulk: there may be millions). */
export async function deleteWorkspaceTasks(req: PayloadRequest, workspace: Id): Promise<void> {
  const tasks = sqlTable(req, 'tasks')
  const events = sqlTable(req, 'taskEvents')
  const branches = sqlTable(req, 'consensusBranches')
  const issues = sqlTable(req, 'issues')
  const labels = sqlTable(req, 'labels')
  const references = sqlTable(req, 'referenceLabels')
  const db = await sessionDb(req)
  await deleteWebhookRows(req, { workspace })
  await db.execute(sql`delete from ${labels} where ${labels.workspace} = ${workspace}`)
  await db.execute(sql`delete from ${references} where ${references.workspace} = ${workspace}`)
  // issues' comments, history and participants go with them (their tables cascade)
  await db.execute(sql`delete from ${issues} where ${issues.workspace} = ${workspace}`)
  await db.execute(sql`delete from ${branches} where ${branches.workspace} = ${workspace}`)
  await db.execute(sql`delete from ${events} where ${events.workspace} = ${workspace}`)
  await db.execute(sql`delete from ${tasks} where ${tasks.workspace} = ${workspace}`)
}
