import { sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { idArray } from '../../src/db/idArray.ts'
import { sessionDb } from '../../src/db/session.ts'
import { columnName as column, sqlTable } from '../../src/db/tables.ts'
import type { Id } from '../../src/types.ts'

/**
 * Spreads the journal of `projects` over the last `days` days, in one statement: the tasks' `created` rows on
 * the first morning, every later row across the working hours (08:00–18:00 UTC) of the days after, in the
 * journal's order (`seq`) — so each task's events keep their order —, each task's createdAt / updatedAt set
 * to its first and last event, and each label's to its author's first claim, last submit and the task's last
 * event. Answers how many events moved.
 */
export async function backdateJournal(payload: Payload, projects: Id[], days = 30): Promise<number> {
  if (projects.length === 0) return 0
  const req = await createLocalReq({}, payload)
  const events = sqlTable(req, 'taskEvents')
  const tasks = sqlTable(req, 'tasks')
  const labels = sqlTable(req, 'labels')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ moved: number }>(sql`
    with ranked as (
      select ${events.id} as id, ${events.task} as task, ${events.actor} as actor, ${events.type}::text as type, (${events.type}::text = 'created') as created,
             row_number() over (partition by ${events.type}::text = 'created' order by ${events.seq}) - 1 as rank,
             count(*) over (partition by ${events.type}::text = 'created') as total
        from ${events}
       where ${events.project} = any(${idArray(req, projects)})
    ),
    stamped as (
      select id, task, actor, type,
             case when created
               then date_trunc('day', now()) - make_interval(days => ${days}) + interval '8 hours' + make_interval(secs => rank)
               else date_trunc('day', now()) - make_interval(days => ${days - 1}) + interval '8 hours'
                    + make_interval(days => floor(share * ${days - 1})::int)
                    + make_interval(secs => (share * ${days - 1} - floor(share * ${days - 1})) * 36000)
             end as at
        from (select *, rank::float8 / total as share from ranked) as placed
    ),
    moved as (
      update ${events} set ${column(events.createdAt)} = stamped.at, ${column(events.updatedAt)} = stamped.at
        from stamped where ${events.id} = stamped.id
      returning stamped.task as task, stamped.actor as actor, stamped.type as type, stamped.at as at
    ),
    spans as (select task, min(at) as first, max(at) as last, count(*) as n from moved group by task),
    retimed as (
      update ${tasks} set ${column(tasks.createdAt)} = spans.first, ${column(tasks.updatedAt)} = spans.last
        from spans where ${tasks.id} = spans.task
      returning 1
    ),
    authored as (
      select task, actor, min(at) filter (where type = 'claimed') as "firstClaim", max(at) filter (where type = 'submitted') as "lastSubmit"
        from moved group by task, actor
    ),
    relabelled as (
      update ${labels} set ${column(labels.createdAt)} = coalesce(authored."firstClaim", spans.first), ${column(labels.updatedAt)} = spans.last,
             ${column(labels.submittedAt)} = case when ${labels.submittedAt} is null then null else coalesce(authored."lastSubmit", spans.last) end
        from authored join spans on spans.task = authored.task
       where ${labels.task} = authored.task and ${labels.author} = authored.actor
      returning 1
    )
    select coalesce(sum(n), 0)::int as moved from spans`)
  await bringHoldsToNow(req, projects)
  return rows[0]?.moved ?? 0
}

/**
 * The holds still open (a live lease, a live consensus slot) began a few minutes ago, not weeks ago: each
 * holder's last claim of the task — when it is the task's last event, so the journal's order stays — is moved to
 * 5–35 minutes before now (and the task's updatedAt with it), so the work that ends the hold records a plausible
 * held time.
 */
async function bringHoldsToNow(req: PayloadRequest, projects: Id[]): Promise<void> {
  const events = sqlTable(req, 'taskEvents')
  const tasks = sqlTable(req, 'tasks')
  const branches = sqlTable(req, 'consensusBranches')
  const db = await sessionDb(req)
  await db.execute(sql`
    with held as (
      select ${tasks.id} as task, ${tasks.leaseHolder} as holder from ${tasks}
       where ${tasks.project} = any(${idArray(req, projects)}) and ${tasks.leaseHolder} is not null and ${tasks.leaseExpiresAt} > now()
      union
      select ${branches.task}, ${branches.annotator} from ${branches}
       where ${branches.project} = any(${idArray(req, projects)}) and ${branches.submittedAt} is null and ${branches.leaseExpiresAt} > now()
    ),
    latest as (
      select distinct on (${events.task}, ${events.actor}) ${events.id} as id, ${events.task} as task
        from ${events} join held on held.task = ${events.task} and held.holder = ${events.actor}
       where ${events.type} = 'claimed'
       order by ${events.task}, ${events.actor}, ${events.seq} desc
    ),
    moved as (
      update ${events} set ${column(events.createdAt)} = now() - make_interval(mins => 5 + abs(hashtext(latest.task::text)) % 31),
                           ${column(events.updatedAt)} = now() - make_interval(mins => 5 + abs(hashtext(latest.task::text)) % 31)
        from latest
       where ${events.id} = latest.id
         -- only a claim that is its task's last event (a consensus task's other annotators may have worked since)
         and not exists (select 1 from ${events} as later where later.${column(events.task)} = latest.task and later.${column(events.seq)} > ${events.seq})
      returning ${events.task} as task, ${events.createdAt} as at
    )
    update ${tasks} set ${column(tasks.updatedAt)} = moved.at from moved where ${tasks.id} = moved.task`)
}
