import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { idArray, idSqlType } from '../../db/idArray.ts'
import { executePrepared, sessionDb } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'

// Every query here carries the /* labelops:access */ marker, so tests can count what access costs.

export type MembershipRow = {
  kind: 'membership' | 'members' | 'managers' | 'managed-member' | 'project-role' | 'project-dataset' | 'project-ontology'
  workspace: Id
  /** the workspace role (membership) or the project role (project-role) */
  role: string | null
  /**
   * a group id (members, managers), a user id (managed-member: someone in a group the actor manages), a project
   * id (project-role), a dataset or ontology id of a project the actor works on (project-dataset, -ontology)
   */
  ref: Id | null
}

/**
 * Everything access needs to know about the actor, in one round trip: workspace roles, group ties, the people
 * in the groups they manage, their project roles (direct or through a group) and those projects' datasets and
 * ontologies.
 */
export async function loadMembershipRows(req: PayloadRequest, userId: Id): Promise<MembershipRow[]> {
  const { rows } = await executePrepared<MembershipRow>(req, 'actor', () => membershipRowsQuery(req), { user: userId })
  return rows
}

/** The statement of loadMembershipRows, on the placeholder `user`: also run as part of a larger one. */
export function membershipRowsQuery(req: PayloadRequest): SQL {
  const members = sqlTable(req, 'workspaceMembers')
  const groups = sqlTable(req, 'userGroups')
  const groupRels = sqlTable(req, 'userGroupRels')
  const projects = sqlTable(req, 'projects')
  const projectRels = sqlTable(req, 'projectRels')
  const collaborators = sqlTable(req, 'projectCollaborators')
  const user = sql.placeholder('user')
  return sql`/* labelops:access */
    with ties as (
      select ${groupRels.path} as "kind", ${groups.workspace} as "workspace", ${groups.id} as "ref"
        from ${groupRels} join ${groups} on ${groups.id} = ${groupRels.parent}
        where ${groupRels.usersID} = ${user} and ${groupRels.path} in ('members', 'managers')),
    my_projects as (
      select ${collaborators._parentID} as "project", ${collaborators.role}::text as "role" from ${collaborators}
        where ${collaborators.user} = ${user}
      union
      select ${collaborators._parentID}, ${collaborators.role}::text from ${collaborators}
        join ties on ties."kind" = 'members' and ${collaborators.group} = ties."ref"),
    project_rows as (
      select distinct ${projects.id} as "id", ${projects.workspace} as "workspace", ${projects.ontology} as "ontology"
        from ${projects} where ${projects.id} in (select "project" from my_projects))
    select 'membership' as "kind", ${members.workspace} as "workspace", ${members.role}::text as "role", null::${idSqlType(req)} as "ref"
      from ${members} where ${members.user} = ${user}
    union all
    select ties."kind", ties."workspace", null, ties."ref" from ties
    union all
    select 'managed-member', ties."workspace", null, ${groupRels.usersID}
      from ties join ${groupRels} on ${groupRels.parent} = ties."ref" and ${groupRels.path} = 'members'
      where ties."kind" = 'managers'
    union all
    select 'project-role', project_rows."workspace", my_projects."role", my_projects."project"
      from my_projects join project_rows on project_rows."id" = my_projects."project"
    union all
    select 'project-dataset', project_rows."workspace", null, ${projectRels.datasetsID}
      from project_rows join ${projectRels} on ${projectRels.parent} = project_rows."id" and ${projectRels.path} = 'datasets'
    union all
    select 'project-ontology', project_rows."workspace", null, project_rows."ontology"
      from project_rows where project_rows."ontology" is not null`
}

/**
 * The users an actor may see beyond the groups it manages (those come with the actor): everyone in some
 * workspaces and the Taskers of others. One query, only when users are read.
 */
export async function loadVisibleUserIds(req: PayloadRequest, { allIn, taskersIn }: { allIn: Id[]; taskersIn: Id[] }): Promise<Id[]> {
  if (allIn.length + taskersIn.length === 0) return []
  const members = sqlTable(req, 'workspaceMembers')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id }>(sql`/* labelops:access */
    select distinct ${members.user} as "id" from ${members}
      where ${members.workspace} = any(${idArray(req, allIn)})
         or (${members.workspace} = any(${idArray(req, taskersIn)}) and ${members.role} = 'tasker')`)
  return rows.map((row) => row.id)
}
