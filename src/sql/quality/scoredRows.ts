import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { sessionDb } from '../../db/session.ts'
import { columnName, sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'
import { hasGoldLabel } from './goldLabel.ts'

const tables = (req: PayloadRequest) => ({
  tasks: sqlTable(req, 'tasks'),
  branches: sqlTable(req, 'consensusBranches'),
  references: sqlTable(req, 'referenceLabels'),
  projects: sqlTable(req, 'projects'),
  users: sqlTable(req, 'users'),
})

/** A task's gold label (null when it has none). */
export async function goldLabelOf(req: PayloadRequest, task: Id): Promise<{ objects: unknown; classifications: unknown } | null> {
  const { references } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ objects: unknown; classifications: unknown }>(sql`
    select coalesce(${references.objects}, '[]'::jsonb) as "objects", coalesce(${references.classifications}, '[]'::jsonb) as "classifications"
      from ${references} where ${references.task} = ${task} and ${references.kind} = 'gold'`)
  return rows[0] ?? null
}

/** Stores the score of the caller's branch just submitted (the row closeBranch stamped). */
export async function storeBranchScore(
  req: PayloadRequest,
  task: { id: Id; round: number },
  user: Id,
  score: number,
  detail: unknown,
): Promise<{ attempts: number }> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ attempts: number | null }>(sql`
    update ${branches} set ${columnName(branches.score)} = ${score}, ${columnName(branches.scoreDetail)} = ${JSON.stringify(detail)}::jsonb
     where ${branches.task} = ${task.id} and ${branches.round} = ${task.round} and ${branches.annotator} = ${user}
     returning ${branches.attempts} as "attempts"`)
  return { attempts: Number(rows[0]?.attempts ?? 1) }
}

export type ScoredStanding = {
  annotator: Id
  email: string | null
  /** tasks scored so far */
  scored: number
  /** tasks there are to do: those with gold not yet completed, and any the person scored */
  required: number
  /** mean score over the scored tasks; null before the first */
  mean: number | null
  lastSubmittedAt: string | null
  attempts: number
}

/**
 * Each annotator's standing in a scored project: how many gold tasks they scored, out of how many, and their
 * mean score — one aggregate over the branch rows (one per person and task), with `who` limiting it to one person.
 */
export async function scoredStandings(req: PayloadRequest, project: Id, who?: Id): Promise<ScoredStanding[]> {
  const { tasks, branches, users } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    with mine as (
      -- a task's current round only: a task a manager moved back is done again, and counts once
      select ${branches.annotator} as "annotator", count(*) as "scored", avg(${branches.score}) as "mean",
             max(${branches.submittedAt}) as "last", sum(coalesce(${branches.attempts}, 1)) as "attempts"
        from ${branches} join ${tasks} on ${tasks.id} = ${branches.task} and ${tasks.round} = ${branches.round}
       where ${branches.project} = ${project} and ${branches.submittedAt} is not null and ${branches.score} is not null
         ${who === undefined ? sql`` : sql`and ${branches.annotator} = ${who}`}
       group by ${branches.annotator}
    ), open_gold as (${openGoldCount(req, project)})
    select mine."annotator", ${users.email} as "email", mine."scored", mine."mean", mine."last", mine."attempts",
           (select "open" from open_gold) + (
             select count(*) from ${branches} join ${tasks} on ${tasks.id} = ${branches.task} and ${tasks.round} = ${branches.round}
              where ${branches.project} = ${project} and ${branches.annotator} = mine."annotator" and ${branches.score} is not null
                and ${tasks.status} = 'completed') as "required"
      from mine left join ${users} on ${users.id} = mine."annotator"
     order by mine."mean" desc nulls last, mine."annotator"`)
  return rows.map((row) => ({
    annotator: row.annotator as Id,
    email: (row.email as string | null) ?? null,
    scored: Number(row.scored),
    required: Number(row.required),
    mean: row.mean == null ? null : Number(row.mean),
    lastSubmittedAt: row.last == null ? null : new Date(row.last as string).toISOString(),
    attempts: Number(row.attempts),
  }))
}

/** The count (`open`) of a project's gold tasks not completed yet. */
function openGoldCount(req: PayloadRequest, project: Id): SQL {
  const tasks = sqlTable(req, 'tasks')
  return sql`select count(*) as "open" from ${tasks}
    where ${tasks.project} = ${project} and ${tasks.status} <> 'completed' and ${hasGoldLabel(req, tasks.id)}`
}

/** How many gold tasks of a scored project are still open (what a newcomer would have to do). */
export async function openGoldTasks(req: PayloadRequest, project: Id): Promise<number> {
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ open: string }>(openGoldCount(req, project))
  return Number(rows[0]?.open ?? 0)
}

/** A benchmark project's name and pass mark, for the gate's message. */
export async function benchmarkOf(req: PayloadRequest, project: Id): Promise<{ id: Id; name: string; passScore: number } | null> {
  const { projects } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id; name: string; passScore: number | null }>(sql`
    select ${projects.id} as "id", ${projects.name} as "name", ${projects.scoring_passScore} as "passScore"
      from ${projects} where ${projects.id} = ${project}`)
  const row = rows[0]
  return row ? { id: row.id, name: row.name, passScore: row.passScore == null ? 0.8 : Number(row.passScore) } : null
}

export type ScoreDay = { day: string; annotator: Id; scored: number; mean: number }

/** Mean score per annotator and UTC day of submission, the last `days` days: accuracy over time. */
export async function scoresByDay(req: PayloadRequest, project: Id, days: number, who?: Id): Promise<ScoreDay[]> {
  const { branches } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    select to_char(date_trunc('day', ${branches.submittedAt} at time zone 'UTC'), 'YYYY-MM-DD') as "day", ${branches.annotator} as "annotator",
           count(*) as "scored", avg(${branches.score}) as "mean"
      from ${branches}
     where ${branches.project} = ${project} and ${branches.score} is not null and ${branches.submittedAt} >= now() - make_interval(days => ${days})
       ${who === undefined ? sql`` : sql`and ${branches.annotator} = ${who}`}
     group by 1, 2 order by 1, 2`)
  return rows.map((row) => ({ day: String(row.day), annotator: row.annotator as Id, scored: Number(row.scored), mean: Number(row.mean) }))
}

/** Whether a task has a gold label (a honeypot, in a project that serves them). */
export async function hasGold(req: PayloadRequest, task: Id): Promise<boolean> {
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ gold: boolean }>(sql`
    select ${hasGoldLabel(req, task)} as "gold"`)
  return Boolean(rows[0]?.gold)
}

/** How many honeypots a person submitted in a project, and how many other tasks: when the next honeypot is due. */
export async function honeypotCounts(req: PayloadRequest, project: Id, user: Id): Promise<{ honeypots: number; others: number }> {
  const { branches } = tables(req)
  const events = sqlTable(req, 'taskEvents')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ honeypots: string; submitted: string }>(sql`
    select (select count(*) from ${branches} where ${branches.project} = ${project} and ${branches.annotator} = ${user}
               and ${branches.submittedAt} is not null and ${branches.score} is not null) as "honeypots",
           (select count(*) from ${events} where ${events.project} = ${project} and ${events.actor} = ${user} and ${events.type} = 'submitted') as "submitted"`)
  const honeypots = Number(rows[0]?.honeypots ?? 0)
  return { honeypots, others: Math.max(0, Number(rows[0]?.submitted ?? 0) - honeypots) }
}

/** A person's latest honeypot scores in a project, newest first — only those after their last pause (lifted or not). */
export async function recentScores(req: PayloadRequest, project: Id, user: Id, limit: number): Promise<number[]> {
  const { branches } = tables(req)
  const paused = sqlTable(req, 'projectPausedAnnotators')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ score: string }>(sql`
    select ${branches.score} as "score" from ${branches}
     where ${branches.project} = ${project} and ${branches.annotator} = ${user} and ${branches.submittedAt} is not null and ${branches.score} is not null
       and ${branches.submittedAt} > coalesce((select max(${paused.pausedAt}) from ${paused}
                                                where ${paused._parentID} = ${project} and ${paused.user} = ${user}), '-infinity')
     order by ${branches.submittedAt} desc, ${branches.id} desc limit ${limit}`)
  return rows.map((row) => Number(row.score))
}

/**
 * Adds a person to a project's paused annotators (once: a second pause while paused changes nothing, and two
 * submits at once cannot both add one — they take a lock of their own for the person and project, never the
 * claim's); answers whether it did.
 */
export async function pauseAnnotator(req: PayloadRequest, project: Id, user: Id, reason: string): Promise<boolean> {
  const paused = sqlTable(req, 'projectPausedAnnotators')
  const db = await sessionDb(req)
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`labelops-pause:${project}:${user}`}, 0))`)
  const { rows } = await db.execute<{ id: string }>(sql`
    insert into ${paused} (${columnName(paused._order)}, ${columnName(paused._parentID)}, ${columnName(paused.id)}, ${columnName(paused.user)},
                           ${columnName(paused.reason)}, ${columnName(paused.pausedAt)}, ${columnName(paused.lifted)})
    select coalesce((select max(${paused._order}) from ${paused} where ${paused._parentID} = ${project}), 0) + 1, ${project},
           md5(random()::text || clock_timestamp()::text), ${user}, ${reason}, now(), false
     where not exists (select 1 from ${paused} where ${paused._parentID} = ${project} and ${paused.user} = ${user} and ${paused.lifted} is not true)
    returning ${paused.id} as "id"`)
  return rows.length > 0
}
