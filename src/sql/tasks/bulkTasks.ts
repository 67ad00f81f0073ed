import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { BulkChange, BulkRequest } from '../../domain/queue/bulk.ts'
import type { Id } from '../../types.ts'
import { idArray, idValue } from '../../db/idArray.ts'
import { hasTaskEventListener, publishTaskEvents, taskEventColumns } from '../journal/journalFeed.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName as col, type SqlTable, sqlTable } from '../../db/tables.ts'

/** The selected tasks of one project: by ids, or by the filter. */
function selection(req: PayloadRequest, tasks: SqlTable<'tasks'>, items: SqlTable<'dataItems'>, request: BulkRequest): SQL {
  const conditions = [sql`${tasks.project} = ${request.project}`]
  if (request.ids) conditions.push(sql`${tasks.id} = any(${idArray(req, request.ids)})`)
  const filter = request.filter ?? {}
  if (filter.stage !== undefined) conditions.push(sql`${tasks.stage} = ${filter.stage}`)
  if (filter.status !== undefined) conditions.push(sql`${tasks.status}::text = ${filter.status}`)
  if (filter.assignee !== undefined)
    conditions.push(filter.assignee === null ? sql`${tasks.assignee} is null` : sql`${tasks.assignee} = ${filter.assignee}`)
  if (filter.leaseHolder !== undefined)
    conditions.push(filter.leaseHolder === null ? sql`${tasks.leaseHolder} is null` : sql`${tasks.leaseHolder} = ${filter.leaseHolder}`)
  if (filter.dataset !== undefined)
    conditions.push(sql`exists (select 1 from ${items} where ${items.id} = ${tasks.dataItem} and ${items.dataset} = ${filter.dataset})`)
  if (filter.priorityAtLeast !== undefined) conditions.push(sql`${tasks.priority} >= ${filter.priorityAtLeast}`)
  if (filter.priorityAtMost !== undefined) conditions.push(sql`${tasks.priority} <= ${filter.priorityAtMost}`)
  return sql.join(conditions, sql` and `)
}

/** What each operation writes, which of the selected rows it actually changes, and the journal note. */
function writes(
  tasks: SqlTable<'tasks'>,
  branches: SqlTable<'consensusBranches'>,
  change: BulkChange,
): { set: SQL; changes: SQL; note: SQL } {
  const noLease = sql`${col(tasks.leaseHolder)} = null, ${col(tasks.leaseExpiresAt)} = null`
  const openBranches = sql`exists (select 1 from ${branches} where ${branches.task} = ${tasks.id} and ${branches.submittedAt} is null)`
  switch (change.kind) {
    case 'assign': {
      const keepsLease = change.user === null ? sql`false` : sql`${tasks.leaseHolder} = ${change.user}`
      return {
        // a lease held by anyone but the new assignee ends: the task is theirs now
        set: sql`${col(tasks.assignee)} = ${change.user},
                 ${col(tasks.leaseHolder)} = case when ${keepsLease} then ${tasks.leaseHolder} end,
                 ${col(tasks.leaseExpiresAt)} = case when ${keepsLease} then ${tasks.leaseExpiresAt} end`,
        changes: sql`${tasks.status} <> 'completed' and ${tasks.assignee} is distinct from ${change.user}`,
        note: change.user === null ? sql`'unassigned'` : sql`${`assigned to user ${change.user}`}`,
      }
    }
    case 'release':
      return {
        set: noLease,
        changes: sql`${tasks.status} <> 'completed' and (${tasks.leaseHolder} is not null or ${openBranches})`,
        note: sql`'released by a manager'`,
      }
    case 'set-priority':
      return {
        set: sql`${col(tasks.priority)} = ${change.priority}`,
        changes: sql`${tasks.priority} is distinct from ${change.priority}`,
        note: sql`'priority ' || coalesce(target."priority"::text, '-') || ' -> ' || ${String(change.priority)}`,
      }
    case 'move':
      return {
        set: sql`${col(tasks.stage)} = ${change.stage}, ${col(tasks.status)} = ${sql.raw(`'${change.status}'`)}, ${col(tasks.skippedBy)} = '[]'::jsonb,
                 ${col(tasks.consensusSubmissions)} = 0, ${col(tasks.round)} = coalesce(${tasks.round}, 1) + 1, ${col(tasks.assignee)} = null, ${noLease},
                 ${col(tasks.consensusAgreement)} = null,
                 ${col(tasks.version)} = ${tasks.version} + 1`,
        changes: sql`true`,
        note: sql`null`,
      }
  }
}

/**
 * One bulk operation as one statement: lock the selected tasks (in id order), change those it changes,
 * end open consensus slots a release or a move takes away, and journal one row per changed task (naming the
 * lease it ended, in `holder`) and one per consensus slot a release ended.
 */
export async function applyBulk(
  req: PayloadRequest,
  request: BulkRequest,
  change: BulkChange,
  ctx: { workspace: Id; actor: Id },
): Promise<{ matched: number; changed: number }> {
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const events = sqlTable(req, 'taskEvents')
  const branches = sqlTable(req, 'consensusBranches')
  const db = await sessionDb(req)
  const { set, changes, note } = writes(tasks, branches, change)
  const endsSlots = change.kind === 'release' || change.kind === 'move'
  const eventType = sql.raw(`"${(events.type as { getSQLType: () => string }).getSQLType()}"`)
  const { rows } = await db.execute<{ matched: string; changed: string; journal: unknown }>(sql`
    with target as (
      select ${tasks.id} as "id", ${tasks.stage} as "stage", ${tasks.status}::text as "status", ${tasks.priority} as "priority", ${tasks.leaseHolder} as "holder", (${changes}) as "changes"
        from ${tasks} where ${selection(req, tasks, items, request)}
       order by ${tasks.id} for update
    ), changed as (
      update ${tasks} set ${set}, ${col(tasks.updatedAt)} = now()
        from target where ${tasks.id} = target."id" and target."changes"
      returning ${tasks.id} as "id", target."stage" as "fromStage", ${tasks.stage} as "toStage", target."status" as "fromStatus",
                ${tasks.status}::text as "toStatus", ${note} as "note",
                -- the lease the change ended (a release, a move, an assignment to someone else), for the journal
                case when target."holder" is distinct from ${tasks.leaseHolder} then target."holder" end as "endedLease"
    ), deleted as (
      delete from ${branches} where ${endsSlots ? sql`${branches.task} in (select "id" from changed)` : sql`false`} and ${branches.submittedAt} is null
         and coalesce(${branches.attempts}, 0) = 0
      returning ${branches.task} as "task", ${branches.annotator} as "annotator"
    ), restored as (
      -- a reopened training attempt goes back to the attempt it reopened (closeBranch 'given-up')
      update ${branches} set ${col(branches.submittedAt)} = ${branches.updatedAt}, ${col(branches.leaseExpiresAt)} = null
       where ${endsSlots ? sql`${branches.task} in (select "id" from changed)` : sql`false`} and ${branches.submittedAt} is null
         and ${branches.attempts} > 0
      returning ${branches.task} as "task", ${branches.annotator} as "annotator"
    ), slots as (
      select * from deleted union all select * from restored
    ), journal as (
      insert into ${events} (${col(events.workspace)}, ${col(events.project)}, ${col(events.task)}, ${col(events.actor)}, ${col(events.holder)}, ${col(events.type)},
                             ${col(events.fromStage)}, ${col(events.toStage)}, ${col(events.fromStatus)}, ${col(events.toStatus)}, ${col(events.note)},
                             ${col(events.updatedAt)}, ${col(events.createdAt)})
      select ${idValue(req, ctx.workspace)}, ${idValue(req, request.project)}, "id", ${idValue(req, ctx.actor)}, "endedLease", ${change.event}::${eventType}, "fromStage", "toStage", "fromStatus", "toStatus", "note", now(), now()
        from changed
      union all -- a release ends each open consensus slot: one row per slot, naming its annotator (a move starts a new round anyway)
      select ${idValue(req, ctx.workspace)}, ${idValue(req, request.project)}, changed."id", ${idValue(req, ctx.actor)}, slots."annotator", ${change.event}::${eventType}, "toStage", "toStage", "toStatus", "toStatus",
             'consensus slot of user ' || slots."annotator" || ' released by a manager', now(), now()
        from changed join slots on slots."task" = changed."id" where ${change.kind === 'release' ? sql`true` : sql`false`}
      union all -- a move to an end stage finished the task: the journal says so, as it does for a single move
      select ${idValue(req, ctx.workspace)}, ${idValue(req, request.project)}, "id", ${idValue(req, ctx.actor)}, null, 'completed'::${eventType}, "toStage", "toStage", "toStatus", "toStatus", 'reached ' || "toStage", now(), now()
        from changed where ${change.kind === 'move' && change.status === 'completed' ? sql`true` : sql`false`}
      returning ${hasTaskEventListener(req) ? taskEventColumns(events) : sql`1`}
    )
    select (select count(*) from target) as "matched", (select count(*) from changed) as "changed",
           ${hasTaskEventListener(req) ? sql`(select json_agg(journal order by "seq") from journal)` : sql`(select count(*) from journal)`} as "journal"`)
  if (hasTaskEventListener(req)) await publishTaskEvents(req, (rows[0]?.journal ?? []) as Array<Record<string, unknown>>)
  return { matched: Number(rows[0]?.matched ?? 0), changed: Number(rows[0]?.changed ?? 0) }
}

/** Whether a person works on the project: a collaborator row of theirs, or of a group they are a member of. */
export async function worksOnProject(req: PayloadRequest, project: Id, user: Id): Promise<boolean> {
  const collaborators = sqlTable(req, 'projectCollaborators')
  const groupRels = sqlTable(req, 'userGroupRels')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ found: boolean }>(sql`
    select exists (select 1 from ${collaborators} where ${collaborators._parentID} = ${project} and (${collaborators.user} = ${user}
      or ${collaborators.group} in (select ${groupRels.parent} from ${groupRels} where ${groupRels.usersID} = ${user} and ${groupRels.path} = 'members'))) as "found"`)
  return Boolean(rows[0]?.found)
}
