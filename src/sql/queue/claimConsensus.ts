import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { idArray } from '../../db/idArray.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName, type SqlTable, sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'
import { type ClaimedRow, type SkipPolicy, taskColumns, taskDoc } from './claimTask.ts'
import { EVERYONE } from '../../domain/queue/slots.ts'
import { hasGoldLabel } from '../quality/goldLabel.ts'

export type ConsensusClaimArgs = {
  project: Id
  user: Id
  consensusStages: Array<{ id: string; annotators: number }>
  leaseMinutes: number
  skipPolicy: SkipPolicy
  taskId?: Id
  /** scored projects and honeypots: only tasks with a gold label (there is nothing to score the others against) */
  goldOnly?: boolean
  /** a training retry: the caller's submitted branch of `taskId` opens again for another attempt */
  retry?: boolean
}

const tables = (req: PayloadRequest) => ({ tasks: sqlTable(req, 'tasks'), branches: sqlTable(req, 'consensusBranches') })
type Branches = SqlTable<'consensusBranches'>

/** A branch counts while it is submitted or its lease is live; a lapsed, unsubmitted one frees its slot. */
const holdsSlot = (branches: Branches) => sql`(${branches.submittedAt} is not null or ${branches.leaseExpiresAt} > now())`

const neededFor = (tasks: SqlTable<'tasks'>, stages: ConsensusClaimArgs['consensusStages']): SQL =>
  sql`(case ${tasks.stage} ${sql.join(
    stages.map((stage) => sql`when ${stage.id} then ${stage.annotators}`),
    sql` `,
  )} else 0 end)`

/**
 * A slot on a task in a consensus stage: served to N distinct people, never twice to the same one. Two
 * statements under the task's row lock: the first picks and locks the best task with a free slot the caller
 * has not held (`FOR UPDATE SKIP LOCKED`); the second inserts the caller's branch only if the slots are still
 * not all taken — it runs on a fresh snapshot, after any claim that held the lock before us committed. The
 * unique index (task, round, annotator) is the database's guarantee of distinctness.
 */
export async function claimConsensusBranch(req: PayloadRequest, args: ConsensusClaimArgs): Promise<ClaimedRow | undefined> {
  if (args.consensusStages.length === 0) return undefined
  const { tasks, branches } = tables(req)
  const db = await sessionDb(req)
  const needed = neededFor(tasks, args.consensusStages)
  const retry = Boolean(args.retry && args.taskId !== undefined)
  // slots with no limit (benchmarks, training, honeypots) count nothing under the row lock: everyone works the
  // same few tasks at once, and skipping rows others lock would answer "nothing left" while they save
  const unlimited = args.consensusStages.every((stage) => stage.annotators >= EVERYONE)
  const mine = sql`${branches.task} = ${tasks.id} and ${branches.round} = ${tasks.round}`
  const tried: Id[] = []
  for (let attempt = 0; attempt < 5; attempt++) {
    const conditions = [
      sql`${tasks.project} = ${args.project}`,
      sql`${tasks.status} <> 'completed'`,
      sql`${tasks.stage} = any(${`{${args.consensusStages.map((stage) => `"${stage.id}"`).join(',')}}`}::text[])`,
      sql`(${tasks.assignee} is null or ${tasks.assignee} = ${args.user})`,
      retry
        ? sql`true`
        : sql`not exists (select 1 from ${branches} where ${mine} and ${branches.annotator} = ${args.user} and ${branches.submittedAt} is not null)`,
      sql`(select count(*) from ${branches} where ${mine} and ${branches.annotator} <> ${args.user} and ${holdsSlot(branches)}) < ${needed}`,
    ]
    if (args.taskId !== undefined) conditions.push(sql`${tasks.id} = ${args.taskId}`)
    if (args.goldOnly) conditions.push(hasGoldLabel(req, tasks.id))
    if (tried.length > 0) conditions.push(sql`${tasks.id} <> all(${idArray(req, tried)})`)
    if (args.skipPolicy === 'requeue-for-others')
      conditions.push(sql`not (coalesce(${tasks.skippedBy}, '[]'::jsonb) @> ${`[${JSON.stringify(args.user)}]`}::jsonb)`)
    const {
      rows: [picked],
    } = await db.execute<{ id: Id }>(sql`
      select ${tasks.id} as "id" from ${tasks} where ${sql.join(conditions, sql` and `)}
       order by (${tasks.assignee} is not null) desc, ${tasks.priority} desc nulls last, ${tasks.id} asc
       limit 1${unlimited ? sql`` : sql` for update skip locked`}`)
    if (!picked) return undefined
    const {
      rows: [claimed],
    } = await db.execute<ClaimedRow>(sql`
      with slot as (
        insert into ${branches} (${sql.join([branches.workspace, branches.project, branches.task, branches.stage, branches.round, branches.annotator, branches.leaseExpiresAt, branches.updatedAt, branches.createdAt].map(columnName), sql`, `)})
        select ${tasks.workspace}, ${tasks.project}, ${tasks.id}, ${tasks.stage}, ${tasks.round}, ${args.user}, now() + make_interval(mins => ${args.leaseMinutes}), now(), now()
          from ${tasks} where ${tasks.id} = ${picked.id}
           and (select count(*) from ${branches} where ${mine} and ${branches.annotator} <> ${args.user} and ${holdsSlot(branches)}) < ${needed}
        on conflict (${columnName(branches.task)}, ${columnName(branches.round)}, ${columnName(branches.annotator)})
          do update set ${columnName(branches.leaseExpiresAt)} = excluded.${columnName(branches.leaseExpiresAt)}, ${columnName(branches.updatedAt)} = now(),
                        ${columnName(branches.submittedAt)} = null
          where ${retry ? sql`true` : sql`${branches.submittedAt} is null`}
        returning ${branches.task} as "task", ${branches.leaseExpiresAt} as "slotExpiresAt"
      )
      select ${taskColumns(tasks, sql`slot."slotExpiresAt"`)}, null as "tookOverFrom" from slot join ${tasks} on ${tasks.id} = slot."task"`)
    if (claimed) return { ...taskDoc(claimed), tookOverFrom: null }
    tried.push(picked.id)
  }
  return undefined
}

export type BranchHold = { submitted: boolean; live: boolean; othersHolding: number } | undefined

/** The caller's branch on a task's current round (and how many others hold slots): the consensus lease check. */
export async function branchOf(req: PayloadRequest, task: { id: Id; round: number }, user: Id): Promise<BranchHold> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  // the round's branches that are the caller's or hold a slot: a handful of rows (one per annotator)
  const { rows } = await db.execute<{ mine: boolean; submitted: boolean; live: boolean }>(sql`
    select (${branches.annotator} = ${user}) as "mine", (${branches.submittedAt} is not null) as "submitted", (${branches.leaseExpiresAt} > now()) as "live"
      from ${branches} where ${branches.task} = ${task.id} and ${branches.round} = ${task.round} and (${branches.annotator} = ${user} or ${holdsSlot(branches)})`)
  const row = rows.find((branch) => branch.mine)
  return row && { submitted: row.submitted, live: Boolean(row.live), othersHolding: rows.filter((branch) => !branch.mine).length }
}

/**
 * Ends the caller's branch: submitted (kept, counts for ever) or given up (deleted: the slot is free again — but
 * a training retry given up goes back to the attempt it reopened, whose content and score it still holds).
 */
export async function closeBranch(
  req: PayloadRequest,
  task: { id: Id; round: number },
  user: Id,
  how: 'submitted' | 'passed' | 'given-up',
): Promise<void> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const where = sql`${branches.task} = ${task.id} and ${branches.round} = ${task.round} and ${branches.annotator} = ${user} and ${branches.submittedAt} is null`
  if (how === 'passed') {
    // skipped in a scored slot: closed unscored, so it is not served to this person again (a training task may
    // still be asked for again by id)
    await db.execute(
      sql`update ${branches} set ${columnName(branches.submittedAt)} = now(), ${columnName(branches.leaseExpiresAt)} = null, ${columnName(branches.updatedAt)} = now() where ${where}`,
    )
    return
  }
  await db.execute(
    how === 'submitted'
      ? sql`update ${branches} set ${columnName(branches.submittedAt)} = now(), ${columnName(branches.leaseExpiresAt)} = null, ${columnName(branches.updatedAt)} = now(),
               ${columnName(branches.attempts)} = coalesce(${branches.attempts}, 0) + 1 where ${where}`
      : sql`with back as (update ${branches} set ${columnName(branches.submittedAt)} = ${branches.updatedAt}, ${columnName(branches.leaseExpiresAt)} = null
                           where ${where} and ${branches.attempts} > 0 returning ${branches.id})
            delete from ${branches} where ${where} and coalesce(${branches.attempts}, 0) = 0`,
  )
}

/**
 * A task moved by a manager leaves its open consensus slots behind: the unsubmitted ones go (submitted
 * annotations stay, they belong to the history). The bulk move does the same inside its statement.
 */
export async function endOpenSlots(req: PayloadRequest, task: Id): Promise<void> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const open = sql`${branches.task} = ${task} and ${branches.submittedAt} is null`
  // a reopened training attempt goes back to the attempt it reopened (closeBranch 'given-up')
  await db.execute(sql`
    with back as (update ${branches} set ${columnName(branches.submittedAt)} = ${branches.updatedAt}, ${columnName(branches.leaseExpiresAt)} = null
                   where ${open} and ${branches.attempts} > 0 returning ${branches.id})
    delete from ${branches} where ${open} and coalesce(${branches.attempts}, 0) = 0`)
}

/**
 * Once a round's slots are all taken again (submitted or live), the lapsed, unsubmitted branches in it were
 * taken over: they go, as a lapsed lease does, and their annotators are answered for the journal (`expired`).
 * Run after a slot claim, under the task's row lock.
 */
export async function endLapsedSlots(req: PayloadRequest, task: { id: Id; round: number }, needed: number): Promise<Id[]> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const round = sql`${branches.task} = ${task.id} and ${branches.round} = ${task.round}`
  const { rows } = await db.execute<{ annotator: Id }>(sql`
    delete from ${branches} where ${round} and ${branches.submittedAt} is null and ${branches.leaseExpiresAt} <= now()
       and (select count(*) from ${branches} where ${round} and ${holdsSlot(branches)}) >= ${needed}
    returning ${branches.annotator} as "annotator"`)
  return rows.map((row) => row.annotator)
}

/** Extends the caller's unsubmitted branch lease (the caller checked the slot is still theirs). */
export async function extendBranchLease(
  req: PayloadRequest,
  task: { id: Id; round: number },
  user: Id,
  minutes: number,
): Promise<string | undefined> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ leaseExpiresAt: string }>(sql`
    update ${branches} set ${columnName(branches.leaseExpiresAt)} = now() + make_interval(mins => ${minutes}), ${columnName(branches.updatedAt)} = now()
     where ${branches.task} = ${task.id} and ${branches.round} = ${task.round} and ${branches.annotator} = ${user} and ${branches.submittedAt} is null
     returning ${branches.leaseExpiresAt} as "leaseExpiresAt"`)
  return rows[0]?.leaseExpiresAt
}

/** Everyone who submitted a consensus annotation of the task, in any round: none of them reviews it. */
export async function consensusAuthorsOf(req: PayloadRequest, task: Id): Promise<Id[]> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ annotator: Id }>(sql`
    select distinct ${branches.annotator} as "annotator" from ${branches} where ${branches.task} = ${task} and ${branches.submittedAt} is not null`)
  return rows.map((row) => row.annotator)
}

/**
 * Keeps the annotator's submitted label on their branch of the round: the round's record, which a later round
 * (the annotator's label document starting afresh) does not touch. Run as the branch is submitted.
 */
export async function keepBranchContent(req: PayloadRequest, task: { id: Id; round: number }, user: Id): Promise<void> {
  const { branches } = tables(req)
  const labels = sqlTable(req, 'labels')
  const db = await sessionDb(req)
  await db.execute(sql`
    update ${branches} set ${columnName(branches.objects)} = coalesce(${labels.objects}, '[]'::jsonb),
           ${columnName(branches.classifications)} = coalesce(${labels.classifications}, '[]'::jsonb)
      from ${labels}
     where ${branches.task} = ${task.id} and ${branches.round} = ${task.round} and ${branches.annotator} = ${user}
       and ${labels.task} = ${task.id} and ${labels.author} = ${user}`)
}

export type SubmittedBranch = { annotator: Id; objects: unknown; classifications: unknown }

/** The submitted branches of one consensus round of a task, in the order they were submitted. */
export async function roundBranchesOf(req: PayloadRequest, task: Id, round: number): Promise<SubmittedBranch[]> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<SubmittedBranch>(sql`
    select ${branches.annotator} as "annotator", coalesce(${branches.objects}, '[]'::jsonb) as "objects",
           coalesce(${branches.classifications}, '[]'::jsonb) as "classifications"
      from ${branches}
     where ${branches.task} = ${task} and ${branches.round} = ${round} and ${branches.submittedAt} is not null
     order by ${branches.submittedAt}, ${branches.id}`)
  return rows
}

/** Whether a person holds a task (a lease) or a live slot in a project. */
export async function holdsWorkIn(req: PayloadRequest, project: Id, user: Id): Promise<boolean> {
  const { tasks, branches } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ holds: boolean }>(sql`
    select (exists (select 1 from ${tasks} where ${tasks.project} = ${project} and ${tasks.leaseHolder} = ${user} and ${tasks.status} <> 'completed')
         or exists (select 1 from ${branches} where ${branches.project} = ${project} and ${branches.annotator} = ${user}
                       and ${branches.submittedAt} is null and ${branches.leaseExpiresAt} > now())) as "holds"`)
  return Boolean(rows[0]?.holds)
}
