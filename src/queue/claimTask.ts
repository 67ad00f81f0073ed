import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { collectionTable, sessionDb } from '../db/session.ts'
import type { Id } from '../types.ts'

export type ClaimedRow = { id: Id; dataItem: Id; stage: string; status: string; version: number; priority: number; tookOverFrom: Id | null; leaseExpiresAt: string }

export type SkipPolicy = 'requeue-for-others' | 'requeue-for-everyone'

export type ClaimArgs = {
  project: Id
  user: Id
  /** annotate and review stages the caller may work */
  stages: string[]
  reviewStages: string[]
  leaseMinutes: number
  allowSelfReview: boolean
  skipPolicy: SkipPolicy
  /** claim this task only (opening a task from the queue listing) instead of the next one */
  taskId?: Id
}

const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`
const numberOf = (row: ClaimedRow): ClaimedRow => ({ ...row, version: Number(row.version), priority: Number(row.priority) })

/** The rules every claimable row meets, whichever index finds it. */
function eligible(tasks: any, args: ClaimArgs): SQL {
  const conditions = [
    sql`${tasks.project} = ${args.project}`,
    sql`${tasks.status} <> 'completed'`,
    sql`${tasks.stage} = any(${textArray(args.stages)})`,
  ]
  if (args.taskId !== undefined) conditions.push(sql`${tasks.id} = ${args.taskId}`)
  if (args.skipPolicy === 'requeue-for-others') conditions.push(sql`not (coalesce(${tasks.skippedBy}, '[]'::jsonb) @> ${`[${JSON.stringify(args.user)}]`}::jsonb)`)
  if (!args.allowSelfReview && args.reviewStages.length > 0) {
    conditions.push(sql`not (${tasks.stage} = any(${textArray(args.reviewStages)}) and coalesce(${tasks.lastActorByStage}->>'$annotator', '') = ${String(args.user)})`)
  }
  return sql.join(conditions, sql` and `)
}

export type ClaimResult = (ClaimedRow & { held: boolean }) | undefined

/**
 * The claim, as ONE statement. First the task the caller already holds in the project (a live lease, or a
 * live consensus slot): they get it back and nothing else happens. Otherwise three candidates, each the best
 * of its kind and locked with `FOR UPDATE SKIP LOCKED` (concurrent claimers pass each other instead of
 * colliding):
 * - a task reserved for the caller (served first, and only to them);
 * - the best free task: unreserved, unleased — walked in order on the partial index (project, priority desc, id);
 * - the best task whose lease lapsed (an expired lease counts as free; no background job needed).
 * The reservation wins, else the higher priority (then the older) of the other two. It gets the caller's
 * lease, and the journal gets `expired` (when a lapsed lease was taken over) and `claimed` rows.
 */
export async function claimNextTaskRow(req: PayloadRequest, args: ClaimArgs & { workspace: Id }): Promise<ClaimResult> {
  const { slugs } = getOptions(req.payload)
  const tasks = collectionTable(req, slugs.tasks)
  const branches = collectionTable(req, slugs.consensusBranches)
  const events = collectionTable(req, slugs.taskEvents)
  const db = await sessionDb(req)
  const rules = args.stages.length > 0 ? eligible(tasks, args) : sql`false`
  const pick = (rank: number) => sql`select ${tasks.id} as "id", ${tasks.priority} as "priority", ${tasks.leaseHolder} as "previousHolder", ${rank} as "rank" from ${tasks}`
  const inClaimOrder = sql`order by ${tasks.priority} desc nulls last, ${tasks.id} asc limit 1 for update skip locked`
  const nothingHeld = sql`not exists (select 1 from held)`
  const col = (column: { name: string }) => sql.raw(`"${column.name}"`)
  const eventType = sql.raw(`"${(events.type as { getSQLType: () => string }).getSQLType()}"`)
  const { rows } = await db.execute<ClaimedRow & { held: boolean }>(sql`
    with held as (
      select ${tasks.id} as "id", ${tasks.leaseExpiresAt} as "leaseExpiresAt" from ${tasks}
       where ${tasks.project} = ${args.project} and ${tasks.leaseHolder} = ${args.user} and ${tasks.leaseExpiresAt} > now() and ${tasks.status} <> 'completed'
      union all
      select ${branches.task}, ${branches.leaseExpiresAt} from ${branches} join ${tasks} on ${tasks.id} = ${branches.task} and ${tasks.round} = ${branches.round}
       where ${branches.project} = ${args.project} and ${branches.annotator} = ${args.user} and ${branches.submittedAt} is null and ${branches.leaseExpiresAt} > now()
      limit 1
    ), reserved as (
      ${pick(0)} where ${nothingHeld} and ${rules} and ${tasks.assignee} = ${args.user}
        and (${tasks.leaseHolder} is null or ${tasks.leaseHolder} = ${args.user} or ${tasks.leaseExpiresAt} < now())
      ${inClaimOrder}
    ), free as (
      ${pick(1)} where ${nothingHeld} and not exists (select 1 from reserved) and ${rules}
        and ${tasks.assignee} is null and ${tasks.leaseHolder} is null
      ${inClaimOrder}
    ), lapsed as (
      ${pick(1)} where ${nothingHeld} and not exists (select 1 from reserved) and ${rules}
        and ${tasks.assignee} is null and ${tasks.leaseHolder} is not null and ${tasks.leaseExpiresAt} < now()
      ${inClaimOrder}
    ), candidate as (
      select * from (select * from reserved union all select * from free union all select * from lapsed) as found
       order by "rank", "priority" desc nulls last, "id" limit 1
    ), claimed as (
      update ${tasks} set
        ${col(tasks.leaseHolder)} = ${args.user},
        ${col(tasks.leaseExpiresAt)} = now() + make_interval(mins => ${args.leaseMinutes}),
        ${col(tasks.updatedAt)} = now()
        from candidate where ${tasks.id} = candidate."id"
      returning ${tasks.id} as "id", ${tasks.dataItem} as "dataItem", ${tasks.stage} as "stage", ${tasks.status}::text as "status",
                ${tasks.version} as "version", ${tasks.priority} as "priority", ${tasks.leaseExpiresAt} as "leaseExpiresAt",
                case when candidate."previousHolder" is distinct from ${args.user} then candidate."previousHolder" end as "tookOverFrom"
    ), journal as (
      insert into ${events} (${col(events.workspace)}, ${col(events.project)}, ${col(events.task)}, ${col(events.actor)}, ${col(events.type)},
                             ${col(events.fromStage)}, ${col(events.toStage)}, ${col(events.fromStatus)}, ${col(events.toStatus)}, ${col(events.note)},
                             ${col(events.updatedAt)}, ${col(events.createdAt)})
      select ${args.workspace}, ${args.project}, claimed."id", entry."actor", entry."type"::${eventType}, claimed."stage", claimed."stage",
             claimed."status", claimed."status", entry."note", now(), now()
        from claimed cross join lateral (values
          (1, claimed."tookOverFrom", 'expired', 'lease lapsed; taken over by user ' || ${String(args.user)}),
          (2, ${args.user}, 'claimed', null)) as entry("order", "actor", "type", "note")
       where entry."type" = 'claimed' or claimed."tookOverFrom" is not null
       order by entry."order"
    )
    select *, false as "held" from claimed
    union all
    select ${tasks.id}, ${tasks.dataItem}, ${tasks.stage}, ${tasks.status}::text, ${tasks.version}, ${tasks.priority}, held."leaseExpiresAt", null, true
      from held join ${tasks} on ${tasks.id} = held."id"`)
  return rows[0] && { ...numberOf(rows[0]), held: Boolean(rows[0].held) }
}

/**
 * Serialises one person's claims in one project (until the transaction ends): two claims sent at once by the
 * same person must end with one lease, not two. An advisory lock, so it holds across processes.
 */
export async function lockClaimsOf(req: PayloadRequest, project: Id, user: Id): Promise<void> {
  const db = await sessionDb(req)
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`labelops-claim:${project}:${user}`}, 0))`)
}
