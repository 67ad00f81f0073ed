import { PgDialect } from '@payloadcms/db-postgres/drizzle/pg-core'
import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

import { JOURNAL_EVENTS } from '../../domain/webhooks/events.ts'
import { columnName as c, sqlTable } from '../../db/tables.ts'
import { adapterDrizzle, type Drizzle } from '../../db/session.ts'

/**
 * The webhook outbox is filled by the database itself: statement-level triggers on the journal (task events),
 * on issues and on projects write one delivery row per event and enabled subscription that listens to it,
 * inside the statement that wrote the event. So every writer is covered — the claim's single statement, bulk
 * operations, the Local API — and a delivery exists exactly when its event committed: nothing is sent for a
 * rolled-back action and nothing is lost for a committed one, whichever process dies when.
 */
const VERSION = 3
const NEW = 'labelops_webhook_new'
const OLD = 'labelops_webhook_old'

type Req = Pick<PayloadRequest, 'payload'>
const render = (query: SQL) => new PgDialect().sqlToQuery(query).sql
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/**
 * `insert into deliveries … select` for the rows of `source`: `event` names the webhook event of each row
 * (null: none), `data` its payload's data, `project` its project; the enabled subscriptions of that project
 * that listen to the event get one delivery each, in the order of `orderBy` (the journal's, for task events).
 */
function enqueue(
  req: Req,
  { source, event, data, project, orderBy }: { source: SQL; event: SQL; data: SQL; project: SQL; orderBy: SQL },
): string {
  const d = sqlTable(req, 'webhookDeliveries')
  const s = sqlTable(req, 'webhookSubscriptions')
  const se = sqlTable(req, 'webhookSubscriptionEvents')
  return render(sql`
    insert into ${d} (${c(d.workspace)}, ${c(d.project)}, ${c(d.subscription)}, ${c(d.event)}, ${c(d.messageId)}, ${c(d.payload)},
                      ${c(d.status)}, ${c(d.attempts)}, ${c(d.nextAttemptAt)}, ${c(d.updatedAt)}, ${c(d.createdAt)})
    select s.${c(s.workspace)}, s.${c(s.project)}, s.${c(s.id)}, x.labelops_event, 'msg_' || replace(gen_random_uuid()::text, '-', ''),
           jsonb_build_object('type', x.labelops_event, 'timestamp', ${iso(sql`now()`)}, 'data', x.labelops_data), 'pending', 0, now(), now(), now()
      from (select ${event} as labelops_event, ${data} as labelops_data, ${project} as labelops_project, ${orderBy} as labelops_order
              from ${source}) x
      join ${s} s on s.${c(s.project)} = x.labelops_project and s.${c(s.enabled)}
      join ${se} se on se.${c(se.parent)} = s.${c(s.id)} and se.${c(se.value)}::text = x.labelops_event
     where x.labelops_event is not null
     order by x.labelops_order, s.${c(s.id)}
     -- the webhook stays until this statement's transaction ends (a delete waits: deliveryQueue.ts deleteWebhookRows)
     for key share of s`)
}

/** The trigger functions and triggers, as one script (idempotent: `create or replace`). */
export function outboxTriggerScript(req: Req): string {
  const e = sqlTable(req, 'taskEvents')
  const i = sqlTable(req, 'issues')
  const p = sqlTable(req, 'projects')
  const n = (column: Parameters<typeof c>[0]) => sql`${sql.raw(NEW)}.${c(column)}`
  const o = (column: Parameters<typeof c>[0]) => sql`${sql.raw(OLD)}.${c(column)}`
  const journalTypes = sql.raw(JOURNAL_EVENTS.map((type) => `'${type}'`).join(', '))
  const taskEvents = enqueue(req, {
    source: sql.raw(NEW),
    event: sql`case when ${n(e.type)}::text in (${journalTypes}) then 'task.' || ${n(e.type)}::text end`,
    data: sql`jsonb_build_object('journalEvent', ${n(e.id)}, 'task', ${n(e.task)}, 'project', ${n(e.project)}, 'workspace', ${n(e.workspace)},
      'actor', ${n(e.actor)}, 'fromStage', ${n(e.fromStage)}, 'toStage', ${n(e.toStage)}, 'fromStatus', ${n(e.fromStatus)},
      'toStatus', ${n(e.toStatus)}, 'note', ${n(e.note)}, 'at', ${iso(n(e.createdAt))}, 'sequence', ${n(e.seq)})`,
    project: n(e.project),
    orderBy: n(e.seq),
  })
  const issueData = sql`jsonb_build_object('issue', ${n(i.id)}, 'task', ${n(i.task)}, 'project', ${n(i.project)}, 'workspace', ${n(i.workspace)},
      'title', ${n(i.title)}, 'status', ${n(i.status)}::text, 'raisedBy', ${n(i.raisedBy)}, 'assignee', ${n(i.assignee)})`
  const issuesRaised = enqueue(req, {
    source: sql.raw(NEW),
    event: sql`'issue.raised'`,
    data: issueData,
    project: n(i.project),
    orderBy: n(i.id),
  })
  const issuesResolved = enqueue(req, {
    source: sql`${sql.raw(NEW)} join ${sql.raw(OLD)} on ${o(i.id)} = ${n(i.id)}`,
    event: sql`case when ${n(i.status)}::text = 'resolved' and ${o(i.status)}::text is distinct from 'resolved' then 'issue.resolved' end`,
    data: issueData,
    project: n(i.project),
    orderBy: n(i.id),
  })
  const projectStatus = enqueue(req, {
    source: sql`${sql.raw(NEW)} join ${sql.raw(OLD)} on ${o(p.id)} = ${n(p.id)}`,
    event: sql`case when ${n(p.status)}::text is distinct from ${o(p.status)}::text then 'project.status-changed' end`,
    data: sql`jsonb_build_object('project', ${n(p.id)}, 'workspace', ${n(p.workspace)}, 'name', ${n(p.name)},
      'fromStatus', ${o(p.status)}::text, 'toStatus', ${n(p.status)}::text)`,
    project: n(p.id),
    orderBy: n(p.id),
  })
  const { name } = names(req)
  const s = sqlTable(req, 'webhookSubscriptions')
  // most statements of most hosts meet no webhook at all: then the trigger costs one probe of a tiny table
  const anyEnabled = render(sql`select 1 from ${s} where ${s.enabled} limit 1`)
  const fn = (suffix: string, body: string) => `
create or replace function ${name}_${suffix}() returns trigger language plpgsql as $labelops$
begin
  if not exists (${anyEnabled}) then
    return null;
  end if;
  ${body};
  return null;
end
$labelops$;`
  const table = (t: object) => render(sql`${t}`)
  return `${fn('task_events', taskEvents)}
${fn('issue_raised', issuesRaised)}
${fn('issue_resolved', issuesResolved)}
${fn('project_status', projectStatus)}
comment on function ${name}_task_events() is '${marker()}';
create or replace trigger ${name}_task_events after insert on ${table(e)}
  referencing new table as ${NEW} for each statement execute function ${name}_task_events();
create or replace trigger ${name}_issue_raised after insert on ${table(i)}
  referencing new table as ${NEW} for each statement execute function ${name}_issue_raised();
create or replace trigger ${name}_issue_resolved after update on ${table(i)}
  referencing old table as ${OLD} new table as ${NEW} for each statement execute function ${name}_issue_resolved();
create or replace trigger ${name}_project_status after update on ${table(p)}
  referencing old table as ${OLD} new table as ${NEW} for each statement execute function ${name}_project_status();`
}

const TRIGGERS = ['task_events', 'issue_raised', 'issue_resolved', 'project_status']
const marker = () => `LabelOps webhook outbox v${VERSION}`

function names(req: Req): { name: string } {
  const deliveries = render(sql`${sqlTable(req, 'webhookDeliveries')}`)
  return {
    name: `labelops_outbox_${deliveries
      .replace(/[^a-z0-9_]/gi, '_')
      .replace(/_+/g, '_')
      .replace(/^_|_$/g, '')}`,
  }
}

/**
 * Installs (or brings up to date) the outbox triggers at start-up, once per database even when several
 * processes start together (an advisory lock). Skipped, with a warning, when the tables do not exist yet.
 */
export async function installOutboxTrigger(payload: Payload): Promise<void> {
  const req = { payload }
  const db = adapterDrizzle(payload)
  if (!db) return
  const deliveries = render(sql`${sqlTable(req, 'webhookDeliveries')}`)
  const exists = await db.execute<{ found: string | null }>(sql`select to_regclass(${deliveries}) as "found"`)
  if (!exists.rows[0]?.found) {
    payload.logger.warn(
      'LabelOps: the webhook tables do not exist yet (run the migrations); webhooks are not written until the next start.',
    )
    return
  }
  const { name } = names(req)
  if (await upToDate(db, name)) return
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${name}))`)
    if (await upToDate(tx as unknown as Drizzle, name)) return
    await tx.execute(sql.raw(outboxTriggerScript(req)))
  })
}

async function upToDate(db: Drizzle, name: string): Promise<boolean> {
  const { rows } = await db.execute<{ installed: string | null; triggers: string }>(sql`
    select (select obj_description(p.oid, 'pg_proc') from pg_proc p where p.proname = ${`${name}_task_events`} limit 1) as "installed",
           (select count(*) from pg_trigger where tgname in (${sql.join(
             TRIGGERS.map((suffix) => sql`${`${name}_${suffix}`}`),
             sql`, `,
           )})) as "triggers"`)
  return rows[0]?.installed === marker() && Number(rows[0]?.triggers) === TRIGGERS.length
}
