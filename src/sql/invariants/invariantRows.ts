import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { EVENT_SUMS } from '../../domain/analytics/eventSums.ts'
import { EVERYONE } from '../../domain/analytics/grains.ts'
import type { JournalEntry } from '../../domain/workflow/replay.ts'
import type { WorkflowGraph } from '../../domain/workflow/graph.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName as c, sqlTable } from '../../db/tables.ts'
import type { Id } from '../../types.ts'
import { hasGoldLabel } from '../quality/goldLabel.ts'

/** The reads of the invariant checker (src/operations/checkInvariants.ts), project by project. */

export async function projectGraphs(
  req: PayloadRequest,
): Promise<Array<{ id: Id; graph: WorkflowGraph | null; kind: string | null; honeypots: boolean }>> {
  const projects = sqlTable(req, 'projects')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id; graph: WorkflowGraph | null; kind: string | null; honeypots: boolean }>(
    sql`select ${projects.id} as "id", ${projects.workflow} as "graph", ${projects.kind}::text as "kind",
               coalesce(${projects.honeypots_enabled}, false) as "honeypots" from ${projects} order by ${projects.id}`,
  )
  return rows
}

export async function storedTasks(req: PayloadRequest, project: Id) {
  const tasks = sqlTable(req, 'tasks')
  const branches = sqlTable(req, 'consensusBranches')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id; stage: string; status: string; holder: Id | null; slots: Id[] | null; gold: boolean }>(sql`
    select ${tasks.id} as "id", ${tasks.stage} as "stage", ${tasks.status}::text as "status", ${tasks.leaseHolder} as "holder",
           (select array_agg(${branches.annotator}) from ${branches}
             where ${branches.task} = ${tasks.id} and ${branches.round} = ${tasks.round} and ${branches.submittedAt} is null) as "slots",
           ${hasGoldLabel(req, tasks.id)} as "gold"
      from ${tasks} where ${tasks.project} = ${project} order by ${tasks.id}`)
  return rows.map((row) => ({ ...row, slots: row.slots ?? [] }))
}

/** The project's journal in its order (`seq`), by task. */
export async function journalsOf(req: PayloadRequest, project: Id): Promise<Map<string, JournalEntry[]>> {
  const events = sqlTable(req, 'taskEvents')
  const db = await sessionDb(req)
  const { rows } = await db.execute<JournalEntry & { task: Id }>(sql`
    select ${events.task} as "task", ${events.type}::text as "type", ${events.actor} as "actor", ${events.holder} as "holder",
           ${events.fromStage} as "fromStage", ${events.toStage} as "toStage", ${events.fromStatus} as "fromStatus", ${events.toStatus} as "toStatus"
      from ${events} where ${events.project} = ${project} order by ${events.seq}`)
  const byTask = new Map<string, JournalEntry[]>()
  for (const { task, ...entry } of rows) {
    const journal = byTask.get(String(task))
    if (journal) journal.push(entry)
    else byTask.set(String(task), [entry])
  }
  return byTask
}

/** Consensus rounds with more slots than their stage asks for, or a person in one twice. */
export async function consensusRounds(req: PayloadRequest, project: Id) {
  const branches = sqlTable(req, 'consensusBranches')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ task: Id; round: number; stage: string; slots: number; people: number }>(sql`
    select ${branches.task} as "task", ${branches.round}::int as "round", ${branches.stage} as "stage", count(*)::int as "slots",
           count(distinct ${branches.annotator})::int as "people"
      from ${branches} where ${branches.project} = ${project} group by 1, 2, 3`)
  return rows
}

/** Labels whose task is gone. */
export async function orphanLabels(req: PayloadRequest): Promise<Array<{ id: Id; task: Id | null }>> {
  const labels = sqlTable(req, 'labels')
  const tasks = sqlTable(req, 'tasks')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id; task: Id | null }>(sql`
    select ${labels.id} as "id", ${labels.task} as "task" from ${labels}
     where not exists (select 1 from ${tasks} where ${tasks.id} = ${labels.task}) limit 100`)
  return rows
}

/**
 * Rollup keys whose figures differ from the raw journal's aggregate at the same key (events, timed events,
 * time, held time, label counts; the duration histograms follow the same rows) — the journal's events still
 * pending left out, as the rollups do until they are folded. At most 100.
 */
export async function rollupDrift(req: PayloadRequest): Promise<Array<{ key: string; raw: string | null; rollup: string | null }>> {
  const e = sqlTable(req, 'taskEvents')
  const r = sqlTable(req, 'taskRollups')
  const col = (table: object, field: string) => c((table as Record<string, Parameters<typeof c>[0]>)[field]!)
  const db = await sessionDb(req)
  const stage = sql`coalesce(${e.fromStage}, ${e.toStage}, '')`
  const measuresOf = (sum: (field: string) => ReturnType<typeof sql>) =>
    sql.join([sql`count(*)`, ...['timeSpentMs', ...EVENT_SUMS].map(sum)], sql` || '/' || `)
  const rawMeasures = measuresOf((field) => sql`coalesce(sum(${col(e, field)}), 0)::text`)
  const timed = sql`count(${e.timeSpentMs})::text`
  const pending = sqlTable(req, 'taskEventsPending')
  const folded = sql`(select * from ${e} where not exists (select 1 from ${pending} where ${pending.event} = ${e.id})) as ${e}`
  const { rows } = await db.execute<{ key: string; raw: string | null; rollup: string | null }>(sql`
    with raw as (
      select ${e.project}::text || ' day ' || coalesce(${e.actor}::text, '') || ' ' || coalesce(${e.subject}::text, '') || ' ' || ${stage} || ' ' || ${e.type}::text
               || ' ' || to_char(date_trunc('day', ${e.createdAt} at time zone 'UTC'), 'YYYY-MM-DD') as "key",
             ${rawMeasures} || '/' || ${timed} as "measures"
        from ${folded} group by ${e.project}, ${e.actor}, ${e.subject}, ${stage}, ${e.type}, date_trunc('day', ${e.createdAt} at time zone 'UTC')
      union all
      select ${e.project}::text || ' all-hour ${sql.raw(EVERYONE)} ${sql.raw(EVERYONE)} ' || ${stage} || ' ' || ${e.type}::text
               || ' ' || to_char(date_trunc('hour', ${e.createdAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24'),
             ${rawMeasures} || '/' || ${timed}
        from ${folded} group by ${e.project}, ${stage}, ${e.type}, date_trunc('hour', ${e.createdAt} at time zone 'UTC')
    ),
    rolled as (
      select ${r.project}::text || ' ' || ${r.grain} || ' ' || ${r.actorKey} || ' ' || ${r.subjectKey} || ' ' || ${r.stage} || ' ' || ${r.type}
               || ' ' || to_char(${r.hour} at time zone 'UTC', case when ${r.grain} = 'day' then 'YYYY-MM-DD' else 'YYYY-MM-DD"T"HH24' end) as "key",
             ${sql.join(
               ['events', 'timeMs', ...EVENT_SUMS].map((field) => sql`sum(${col(r, field)})::text`),
               sql` || '/' || `,
             )} || '/' || sum(${r.timedEvents})::text as "measures"
        from ${r} group by 1 having sum(${r.events}) <> 0
    )
    select coalesce(raw."key", rolled."key") as "key", raw."measures" as "raw", rolled."measures" as "rollup"
      from raw full outer join rolled on rolled."key" = raw."key"
     where raw."measures" is distinct from rolled."measures"
     limit 100`)
  return rows
}
