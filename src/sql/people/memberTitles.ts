import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { sessionDb } from '../../db/session.ts'
import { columnName as column, sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'

/** Every membership of a person takes their (new) email as its title, in the request's transaction. */
export async function retitleMemberships(req: PayloadRequest, user: Id, email: string): Promise<void> {
  const members = sqlTable(req, 'workspaceMembers')
  const db = await sessionDb(req)
  await db.execute(sql`update ${members} set ${column(members.title)} = ${email} where ${members.user} = ${user}`)
}
