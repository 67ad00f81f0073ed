import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { type ClaimContext, claimContextColumns, type ClaimContextRow, readClaimContext } from './claimContext.ts'
import { publishTaskEvents, taskEventColumns } from '../journal/journalFeed.ts'
import { executePrepared, sessionDb } from '../../db/session.ts'
import { columnName as col, type SqlTable, sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'
import { hasGoldLabel } from '../quality/goldLabel.ts'
import type { SkipPolicy } from '../../domain/projects/settings.ts'

/** The task row as the claim returns it (every column of the collection, named as its fields). */
export type ClaimedRow = TaskDoc & { tookOverFrom: Id | null }

export type TaskDoc = {
  id: Id
  workspace: Id
  project: Id
  dataItem: Id
  title: string | null
  stage: string
  status: string
  priority: number
  assignee: Id | null
  leaseHolder: Id | null
  leaseExpiresAt: string | null
  version: number
  skippedBy: Id[]
  lastActorByStage: Record<string, Id>
  round: number
  consensusSubmissions: number
  /** the last consensus round's agreement (src/operations/consensusAgreement.ts) */
  consensusAgreement: unknown
  rejectionNote: string | null
  updatedAt: string
  createdAt: string
}

/** Every column of a task, named as its fields; `leaseExpiresAt` may come from elsewhere (a consensus slot). */
export function taskColumns(tasks: SqlTable<'tasks'>, leaseExpiresAt: unknown = tasks.leaseExpiresAt): SQL {
  return sql`${tasks.id} as "id", ${tasks.workspace} as "workspace", ${tasks.project} as "project", ${tasks.dataItem} as "dataItem",
    ${tasks.title} as "title", ${tasks.stage} as "stage", ${tasks.status}::text as "status", ${tasks.priority} as "priority", ${tasks.assignee} as "assignee",
    ${tasks.leaseHolder} as "leaseHolder", ${leaseExpiresAt} as "leaseExpiresAt", ${tasks.version} as "version", ${tasks.skippedBy} as "skippedBy",
    ${tasks.lastActorByStage} as "lastActorByStage", ${tasks.round} as "round", ${tasks.consensusSubmissions} as "consensusSubmissions",
    ${tasks.consensusAgreement} as "consensusAgreement", ${tasks.rejectionNote} as "rejectionNote", ${tasks.updatedAt} as "updatedAt", ${tasks.createdAt} as "createdAt"`
}

/** The row as the REST API would show it at depth 0: numbers as numbers, dates as ISO strings. */
export function taskDoc(row: ClaimedRow): TaskDoc {
  const iso = (value: unknown) => (value == null ? null : new Date(value as string).toISOString())
  // exactly the collection's fields: the statement's own columns (held, tookOverFrom) stay out
  const { id, workspace, project, dataItem, stage, status, assignee, leaseHolder, rejectionNote } = row
  return {
    id,
    workspace,
    project,
    dataItem,
    title: row.title ?? null,
    stage,
    status,
    assignee,
    leaseHolder,
    rejectionNote,
    priority: Number(row.priority),
    version: Number(row.version),
    round: Number(row.round ?? 1),
    consensusSubmissions: Number(row.consensusSubmissions ?? 0),
    consensusAgreement: row.consensusAgreement ?? null,
    skippedBy: row.skippedBy ?? [],
    lastActorByStage: row.lastActorByStage ?? {},
    leaseExpiresAt: iso(row.leaseExpiresAt),
    updatedAt: iso(row.updatedAt)!,
    createdAt: iso(row.createdAt)!,
  }
}

export type { SkipPolicy }

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
  /** the project's ontology: the answer then carries the label to work on and the ontology's freshness */
  ontology?: Id | null
  /** every review stage of the workflow: there the label to show is the annotator's, elsewhere the caller's own */
  reviewStageIds?: string[]
  /** honeypots on: the annotate stages, where gold tasks are served only as honeypots (never as ordinary tasks) */
  honeypotStages?: string[]
}

/** The statement's values, as placeholders: its text is built once per shape and prepared per connection. */
const value = {
  project: sql.placeholder('project'),
  user: sql.placeholder('user'),
  userText: sql.placeholder('userText'),
  workspace: sql.placeholder('workspace'),
  stages: sql`${sql.placeholder('stages')}::text[]`,
  reviewStages: sql`${sql.placeholder('reviewStages')}::text[]`,
  skipped: sql`${sql.placeholder('skipped')}::jsonb`,
  leaseMinutes: sql`${sql.placeholder('leaseMinutes')}::int`,
  taskId: sql.placeholder('taskId'),
  ontology: sql`${sql.placeholder('ontology')}`,
  withLabel: sql`${sql.placeholder('withLabel')}::boolean`,
  reviewStageIds: sql`${sql.placeholder('reviewStageIds')}::text[]`,
  honeypotStages: sql`${sql.placeholder('honeypotStages')}::text[]`,
}
const numberOf = (row: ClaimedRow): ClaimedRow => ({ ...taskDoc(row), tookOverFrom: row.tookOverFrom ?? null })

/** The rules every claimable row meets, whichever index finds it. */
function eligible(
  req: Pick<PayloadRequest, 'payload'>,
  tasks: SqlTable<'tasks'>,
  branches: SqlTable<'consensusBranches'>,
  args: ClaimArgs,
): SQL {
  const conditions = [
    sql`${tasks.project} = ${value.project}`,
    sql`${tasks.status} <> 'completed'`,
    sql`${tasks.stage} = any(${value.stages})`,
  ]
  if (args.taskId !== undefined) conditions.push(sql`${tasks.id} = ${value.taskId}`)
  if (args.honeypotStages?.length)
    conditions.push(sql`not (${tasks.stage} = any(${value.honeypotStages}) and ${hasGoldLabel(req, tasks.id)})`)
  if (args.skipPolicy === 'requeue-for-others') conditions.push(sql`not (coalesce(${tasks.skippedBy}, '[]'::jsonb) @> ${value.skipped})`)
  if (!args.allowSelfReview && args.reviewStages.length > 0) {
    conditions.push(sql`not (${tasks.stage} = any(${value.reviewStages}) and (coalesce(${tasks.lastActorByStage}->>'$annotator', '') = ${value.userText}
      or exists (select 1 from ${branches} where ${branches.task} = ${tasks.id} and ${branches.annotator} = ${value.user} and ${branches.submittedAt} is not null)))`)
  }
  return sql.join(conditions, sql` and `)
}

/** the claimed row, whether the caller already held it, and what the answer needs besides the task */
export type ClaimResult = (ClaimedRow & { held: boolean; context: ClaimContext }) | undefined

/**
 * The claim, as ONE statement. First the task the caller already holds in the project (a live lease, or a
 * live consensus slot): they get it back and nothing else happens. Otherwise three candidates, each the best
 * of its kind and locked with `FOR UPDATE SKIP LOCKED` (concurrent claimers pass each other instead of
 * colliding):
 * - a task reserved for the caller (served first, and only to them);
 * - the best free task: unreserved, unleased — walked in order on the partial index (project, priority desc, id);
 * - the best task whose lease lapsed (an expired lease counts as free; no background job needed).
 * The reservation wins, else the higher priority (then the older) of the other two. It gets the caller's
 * lease, and the journal gets `expired` (when a lapsed lease was taken over) and `claimed` rows, each naming
 * whose lease it ended or gave (`holder`), which the statement also answers for the host's `onTaskEvent`.
 */
export async function claimNextTaskRow(req: PayloadRequest, args: ClaimArgs & { workspace: Id }): Promise<ClaimResult> {
  const { key, build, values } = claimStatement(req, args)
  const { rows } = await executePrepared<ClaimedRow & ClaimContextRow & { held: boolean; journal: Array<Record<string, unknown>> | null }>(
    req,
    key,
    build,
    values,
  )
  await publishTaskEvents(req, rows[0]?.journal ?? [])
  return rows[0] && { ...numberOf(rows[0]), held: Boolean(rows[0].held), context: readClaimContext(rows[0]) }
}

/**
 * The claim statement: its shape `key`, a `build` of its text (placeholders for the values) and the `values`
 * of this call. The benchmark runs the same statement from a plain pg client as its baseline.
 */
export function claimStatement(
  req: Pick<PayloadRequest, 'payload'>,
  args: ClaimArgs & { workspace: Id },
): { key: string; build: () => SQL; values: Record<string, unknown> } {
  const key = `claim:${args.stages.length > 0}:${args.taskId !== undefined}:${args.skipPolicy}:${!args.allowSelfReview && args.reviewStages.length > 0}:${Boolean(args.honeypotStages?.length)}`
  const values = {
    project: args.project,
    user: args.user,
    userText: String(args.user),
    workspace: args.workspace,
    stages: args.stages,
    reviewStages: args.reviewStages,
    skipped: JSON.stringify([args.user]),
    leaseMinutes: args.leaseMinutes,
    taskId: args.taskId,
    ontology: args.ontology ?? null,
    withLabel: args.ontology != null,
    reviewStageIds: args.reviewStageIds ?? [],
    honeypotStages: args.honeypotStages ?? [],
  }
  return { key, build: () => buildClaim(req, args), values }
}

function buildClaim(req: Pick<PayloadRequest, 'payload'>, args: ClaimArgs): SQL {
  const tasks = sqlTable(req as PayloadRequest, 'tasks')
  const branches = sqlTable(req as PayloadRequest, 'consensusBranches')
  const events = sqlTable(req as PayloadRequest, 'taskEvents')
  const rules = args.stages.length > 0 ? eligible(req, tasks, branches, args) : sql`false`
  const pick = (rank: number) =>
    sql`select ${tasks.id} as "id", ${tasks.priority} as "priority", ${tasks.leaseHolder} as "previousHolder", ${sql.raw(String(rank))} as "rank" from ${tasks}`
  const inClaimOrder = sql`order by ${tasks.priority} desc nulls last, ${tasks.id} asc limit 1 for update skip locked`
  // claiming one given task while holding another: the other is answered as held, untouched (a refusal writes nothing)
  const given = args.taskId !== undefined
  const onlyGiven = given ? sql` and ${tasks.id} = ${value.taskId}` : sql``
  const nothingHeld = sql`not exists (select 1 from renewed) and not exists (select 1 from slot)${given ? sql` and not exists (select 1 from other)` : sql``}`
  const eventType = sql.raw(`"${(events.type as { getSQLType: () => string }).getSQLType()}"`)
  return sql`
    with renewed as (
      update ${tasks} set ${col(tasks.leaseExpiresAt)} = greatest(${tasks.leaseExpiresAt}, now() + make_interval(mins => ${value.leaseMinutes})), ${col(tasks.updatedAt)} = now()
       where ${tasks.project} = ${value.project} and ${tasks.leaseHolder} = ${value.user} and ${tasks.status} <> 'completed'${onlyGiven}
      returning ${taskColumns(tasks)}
    ), other as (
      select ${taskColumns(tasks)} from ${tasks}
       where ${given ? sql`${tasks.project} = ${value.project} and ${tasks.leaseHolder} = ${value.user} and ${tasks.status} <> 'completed' and ${tasks.id} <> ${value.taskId}` : sql`false`}
       limit 1
    ), slot as (
      select ${taskColumns(tasks, branches.leaseExpiresAt)} from ${branches} join ${tasks} on ${tasks.id} = ${branches.task} and ${tasks.round} = ${branches.round}
       where ${branches.project} = ${value.project} and ${branches.annotator} = ${value.user} and ${branches.submittedAt} is null and ${branches.leaseExpiresAt} > now()
       limit 1
    ), reserved as (
      ${pick(0)} where ${nothingHeld} and ${rules} and ${tasks.assignee} = ${value.user}
        and (${tasks.leaseHolder} is null or ${tasks.leaseHolder} = ${value.user} or ${tasks.leaseExpiresAt} < now())
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
        ${col(tasks.leaseHolder)} = ${value.user},
        ${col(tasks.leaseExpiresAt)} = now() + make_interval(mins => ${value.leaseMinutes}),
        ${col(tasks.updatedAt)} = now()
        from candidate where ${tasks.id} = candidate."id"
      returning ${taskColumns(tasks)}, case when candidate."previousHolder" is distinct from ${value.user} then candidate."previousHolder" end as "tookOverFrom"
    ), journal as (
      insert into ${events} (${col(events.workspace)}, ${col(events.project)}, ${col(events.task)}, ${col(events.actor)}, ${col(events.holder)}, ${col(events.type)},
                             ${col(events.fromStage)}, ${col(events.toStage)}, ${col(events.fromStatus)}, ${col(events.toStatus)}, ${col(events.note)},
                             ${col(events.updatedAt)}, ${col(events.createdAt)})
      select ${value.workspace}, ${value.project}, claimed."id", entry."actor", entry."actor", entry."type"::${eventType}, claimed."stage", claimed."stage",
             claimed."status", claimed."status", entry."note", now(), now()
        from claimed cross join lateral (values
          (1, claimed."tookOverFrom", 'expired', 'lease lapsed; taken over by user ' || ${value.userText}),
          (2, ${value.user}, 'claimed', null)) as entry("order", "actor", "type", "note")
       where entry."type" = 'claimed' or claimed."tookOverFrom" is not null
       order by entry."order"
      returning ${taskEventColumns(events)}
    ), answer as (
      select *, false as "held", (select json_agg(journal order by "seq") from journal) as "journal" from claimed
      union all select *, null, true, null from renewed
      union all select *, null, true, null from other
      union all select *, null, true, null from slot
      limit 1
    )
    select answer.*, ${claimContextColumns(req as PayloadRequest, {
      dataItem: sql`answer."dataItem"`,
      task: sql`answer."id"`,
      author: sql`case when not ${value.withLabel} then null when answer."stage" = any(${value.reviewStageIds}) then answer."lastActorByStage"->>'$annotator' else ${value.userText} end`,
      ontology: value.ontology,
    })} from answer`
}

/**
 * Whether a task the claim could serve exists but was locked by concurrent claimers at that instant (SKIP
 * LOCKED passed over it): then "nothing left" would be wrong, and the claim is worth another try. Same rules
 * as the claim (`eligible`), no locks.
 */
export async function claimableRemains(req: PayloadRequest, args: ClaimArgs & { workspace: Id }): Promise<boolean> {
  if (args.stages.length === 0) return false
  const { key, values } = claimStatement(req, args)
  const { rows } = await executePrepared<{ remains: boolean }>(
    req,
    `remains:${key}`,
    () => {
      const tasks = sqlTable(req, 'tasks')
      const branches = sqlTable(req, 'consensusBranches')
      return sql`select exists (select 1 from ${tasks} where ${eligible(req, tasks, branches, args)}
      and (${tasks.assignee} = ${value.user} or (${tasks.assignee} is null and (${tasks.leaseHolder} is null or ${tasks.leaseExpiresAt} < now())))) as "remains"`
    },
    values,
  )
  return Boolean(rows[0]?.remains)
}

/**
 * Serialises one person's claims in one project (until the transaction ends): two claims sent at once by the
 * same person must end with one lease, not two. An advisory lock, so it holds across processes.
 */
export async function lockClaimsOf(req: PayloadRequest, project: Id, user: Id): Promise<void> {
  const db = await sessionDb(req)
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`labelops-claim:${project}:${user}`}, 0))`)
}
