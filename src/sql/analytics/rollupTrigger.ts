import { PgDialect } from '@payloadcms/db-postgres/drizzle/pg-core'
import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

import { DURATION_EDGES_MS, DURATION_FIELDS } from '../../domain/analytics/durations.ts'
import { EVERYONE, ROLLUP_GRAINS } from '../../domain/analytics/grains.ts'
import { EVENT_SUMS } from '../../domain/analytics/eventSums.ts'
import { columnName, sqlTable } from '../../db/tables.ts'
import { idArray, idSqlType } from '../../db/idArray.ts'
import { adapterDrizzle, type Drizzle, drizzleOf } from '../../db/session.ts'

/**
 * Rollups are kept by the database itself: statement-level triggers on the journal file every statement's new
 * events, inside the statement that wrote them — a bulk statement's (BULK_EVENTS or more) straight into their
 * rollup rows, a small one's (a claim, a submit) as pending (src/sql/analytics/rollupPending.ts), which the
 * folder adds to the rollups in batches (`foldPendingRollups`) and reads add meanwhile. They take deleted events
 * (the `created` rows of tasks that were never worked) back out, and move changed ones (the demo seed back-dates
 * its journal) — a pending event simply stays pending. So every writer — the claim's single statement, bulk
 * operations, dataset attach, the Local API — is counted, exactly once, committed or rolled back with its
 * events, across processes and crashes. The same aggregate rebuilds the rollups from the raw journal
 * (`npm run analytics:rebuild`), so the two cannot disagree on what a rollup row means.
 */

const VERSION = 7
/** From this many events a statement's rollups are upserted at once (a bulk statement pays for its upsert once). */
export const BULK_EVENTS = 64
const PENDING = 'labelops_was_pending'
const INSERTED = 'labelops_new_events'
const DELETED = 'labelops_old_events'

type Names = { events: SQL; rollups: SQL; pending: SQL; name: string }

/**
 * `insert … select … group by … on conflict do update`: the events of `sources` added to the rollups (sign 1)
 * or taken from them (-1) at every grain (ROLLUP_GRAINS), in ONE ordered pass, so a statement takes its rollup
 * rows' locks in key order and concurrent writers queue instead of deadlocking. `prelude`: CTEs before it.
 * It binds no parameters of its own (it is rendered into the trigger functions).
 */
function aggregate(
  req: Pick<PayloadRequest, 'payload'>,
  sources: ReadonlyArray<{ from: SQL; sign: 1 | -1 }>,
  { prelude }: { prelude?: SQL } = {},
): SQL {
  const e = sqlTable(req, 'taskEvents')
  const r = sqlTable(req, 'taskRollups')
  const c = columnName
  const time = sql`${c(e.timeSpentMs)}`
  const sign = sql.raw('"labelops_sign"')
  const signed = sql.join(
    sources.map(({ from, sign: value }) => sql`select *, ${sql.raw(String(value))} as ${sign} from ${from}`),
    sql` union all `,
  )
  const buckets = DURATION_EDGES_MS.map((lower, bucket) => {
    const upper = DURATION_EDGES_MS[bucket + 1]
    const inBucket =
      upper === undefined
        ? sql`${time} >= ${sql.raw(String(lower))}`
        : sql`${time} >= ${sql.raw(String(lower))} and ${time} < ${sql.raw(String(upper))}`
    return sql`coalesce(sum(${sign}) filter (where ${inBucket}), 0)`
  })
  const column = (table: object, field: string) => c((table as Record<string, Parameters<typeof columnName>[0]>)[field]!)
  const histogram = DURATION_FIELDS.map((field) => column(r, field))
  const counted = EVENT_SUMS.map((field) => column(r, field))
  const counts = EVENT_SUMS.map((field) => sql`coalesce(sum(${column(e, field)} * ${sign}), 0)`)
  const measures = sql`sum(${sign}), coalesce(sum(${sign}) filter (where ${time} is not null), 0), coalesce(sum(${time} * ${sign}), 0),
           ${sql.join(counts, sql`, `)}, ${sql.join(buckets, sql`, `)}`
  const stage = sql`coalesce(${c(e.fromStage)}, ${c(e.toStage)}, '')`
  const grains = ROLLUP_GRAINS.map(({ grain, unit, everyone }) => {
    const at = sql`date_trunc(${sql.raw(`'${unit}'`)}, ${c(e.createdAt)} at time zone 'UTC') at time zone 'UTC'`
    const who = everyone
      ? sql`null::${idSqlType(req)}, ${sql.raw(`'${EVERYONE}'`)}, null::${idSqlType(req)}, ${sql.raw(`'${EVERYONE}'`)}`
      : sql`${c(e.actor)}, coalesce(${c(e.actor)}::text, ''), ${c(e.subject)}, coalesce(${c(e.subject)}::text, '')`
    return sql`select ${c(e.workspace)}, ${c(e.project)}, ${sql.raw(`'${grain}'`)}::text, ${who}, ${stage}, ${c(e.type)}::text, ${at}, ${measures}
      from "labelops_signed" group by ${c(e.workspace)}, ${c(e.project)}, ${everyone ? sql`` : sql`${c(e.actor)}, ${c(e.subject)}, `}${stage}, ${c(e.type)}, ${at}`
  })
  const added = [r.events, r.timedEvents, r.timeMs].map((name) => c(name)).concat(counted, histogram)
  const insert = sql`insert into ${r} (${c(r.workspace)}, ${c(r.project)}, ${c(r.grain)}, ${c(r.actor)}, ${c(r.actorKey)}, ${c(r.subject)}, ${c(r.subjectKey)},
                      ${c(r.stage)}, ${c(r.type)}, ${c(r.hour)}, ${c(r.events)}, ${c(r.timedEvents)}, ${c(r.timeMs)},
                      ${sql.join(counted, sql`, `)}, ${sql.join(histogram, sql`, `)})
    select * from (${sql.join(grains, sql` union all `)}) as "labelops_grains"
     order by 2, 3, 10, 5, 7, 8, 9
    on conflict (${c(r.project)}, ${c(r.grain)}, ${c(r.hour)}, ${c(r.actorKey)}, ${c(r.subjectKey)}, ${c(r.stage)}, ${c(r.type)}) do update set
      ${sql.join(
        added.map((name) => sql`${name} = ${r}.${name} + excluded.${name}`),
        sql`, `,
      )}`
  return sql`with ${prelude ? sql`${prelude}, ` : sql``}"labelops_signed" as (${signed}) ${insert}`
}

const render = (query: SQL) => new PgDialect().sqlToQuery(query).sql

function names(req: Pick<PayloadRequest, 'payload'>): Names {
  const events = sqlTable(req, 'taskEvents')
  const rollups = sqlTable(req, 'taskRollups')
  const name = `labelops_rollup_${render(sql`${events}`)
    .replace(/[^a-z0-9_]/gi, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')}`
  return { events: sql`${events}`, rollups: sql`${rollups}`, pending: sql`${sqlTable(req, 'taskEventsPending')}`, name }
}

/** A transition table's events whose ids are (`true`) or are not among `ids` (a CTE of `event_id`s). */
function eventsOf(req: Pick<PayloadRequest, 'payload'>, table: string, ids: string, among: boolean): SQL {
  const e = sqlTable(req, 'taskEvents')
  return sql.raw(
    `(select * from ${table} where ${among ? '' : 'not '}exists (select 1 from "${ids}" where "${ids}"."event_id" = ${table}.${render(columnName(e.id))})) as "${table}_${among ? 'in' : 'out'}"`,
  )
}

/** The trigger functions and triggers, as one script (idempotent: `create or replace`). */
export function rollupTriggerScript(req: Pick<PayloadRequest, 'payload'>): string {
  const { events, rollups, pending, name } = names(req)
  const r = sqlTable(req, 'taskRollups')
  const p = sqlTable(req, 'taskEventsPending')
  const id = render(columnName(sqlTable(req, 'taskEvents').id))
  const added = render(aggregate(req, [{ from: sql.raw(INSERTED), sign: 1 }]))
  // deleted events: a pending one leaves the pending table, one already folded is taken from the rollups
  const taken = render(
    aggregate(req, [{ from: eventsOf(req, DELETED, PENDING, false), sign: -1 }], {
      prelude: sql.raw(
        `"${PENDING}" as (delete from ${render(pending)} where ${render(columnName(p.event))} in (select ${id} from ${DELETED}) returning ${render(columnName(p.event))} as "event_id")`,
      ),
    }),
  )
  // changed events: a pending one stays pending (its row locked, so the folder folds it after this commits, as
  // changed); one already folded moves in the rollups
  const moved = render(
    aggregate(
      req,
      [
        { from: eventsOf(req, DELETED, PENDING, false), sign: -1 },
        { from: eventsOf(req, INSERTED, PENDING, false), sign: 1 },
      ],
      {
        prelude: sql.raw(
          `"${PENDING}" as materialized (select ${render(columnName(p.event))} as "event_id" from ${render(pending)} where ${render(columnName(p.event))} in (select ${id} from ${INSERTED}) for update)`,
        ),
      },
    ),
  )
  // rows taken down to nothing go, so a project or workspace can be deleted once its journal has gone
  const emptied = render(
    sql`delete from ${rollups} where ${columnName(r.events)} = 0 and ${columnName(r.project)} in (select distinct ${columnName(
      sqlTable(req, 'taskEvents').project,
    )} from ${sql.raw(DELETED)})`,
  )
  return `
create or replace function ${name}_add() returns trigger language plpgsql as $labelops$
begin
  if exists (select 1 from ${INSERTED} offset ${BULK_EVENTS - 1}) then
    ${added};
  else
    insert into ${render(pending)} (${render(columnName(p.event))}) select ${id} from ${INSERTED};
  end if;
  return null;
end
$labelops$;
create or replace function ${name}_take() returns trigger language plpgsql as $labelops$
begin
  ${taken};
  ${emptied};
  return null;
end
$labelops$;
create or replace function ${name}_move() returns trigger language plpgsql as $labelops$
begin
  ${moved};
  ${emptied};
  return null;
end
$labelops$;
comment on function ${name}_add() is '${marker()}';
-- room on each page, so the triggers' updates of a rollup row stay on its page (HOT: no index to touch)
alter table ${render(rollups)} set (fillfactor = 70);
create or replace trigger ${name}_add after insert on ${render(events)}
  referencing new table as ${INSERTED} for each statement execute function ${name}_add();
create or replace trigger ${name}_take after delete on ${render(events)}
  referencing old table as ${DELETED} for each statement execute function ${name}_take();
create or replace trigger ${name}_move after update on ${render(events)}
  referencing old table as ${DELETED} new table as ${INSERTED} for each statement execute function ${name}_move();`
}

const marker = () => `LabelOps rollups v${VERSION}`

/**
 * Installs (or brings up to date) the rollup triggers at start-up, once per database even when several
 * processes start together (an advisory lock), and only when their version changed — then, in the same
 * transaction, recomputes the rollups from the journal (they were kept by an older version, or not at all).
 * Skipped, with a warning, when the journal's tables do not exist yet (migrations still to run). Answers whether the
 * rollups are kept (then this process may fold pending events).
 */
export async function installRollupTrigger(payload: Payload): Promise<boolean> {
  const req = { payload }
  const db = adapterDrizzle(payload)
  if (!db) return false // not a Postgres adapter: there is no journal table to watch
  const { events, rollups, pending, name } = names(req)
  const exists = await db.execute<{ events: string | null; rollups: string | null; pending: string | null }>(sql`
    select to_regclass(${render(events)}) as "events", to_regclass(${render(rollups)}) as "rollups", to_regclass(${render(pending)}) as "pending"`)
  const found = exists.rows[0]
  if (!found?.events || !found.rollups || !found.pending) {
    payload.logger.warn(
      'LabelOps: the journal, rollup or pending-events table does not exist yet (run the migrations); analytics cannot be read until they exist and Payload starts again.',
    )
    return false
  }
  if (await upToDate(db, name)) return true
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${name}))`)
    // another process may have done it while this one waited for the lock
    if (await upToDate(tx as unknown as Drizzle, name)) return
    await tx.execute(sql.raw(rollupTriggerScript(req)))
    await recompute(req, tx as unknown as Drizzle)
    payload.logger.info(`LabelOps: analytics rollups (${marker()}) installed and recomputed from the journal.`)
  })
  return true
}

/** Whether this version's functions and all three triggers are in place. */
async function upToDate(db: Drizzle, name: string): Promise<boolean> {
  const { rows } = await db.execute<{ installed: string | null; triggers: string }>(sql`
    select (select obj_description(p.oid, 'pg_proc') from pg_proc p where p.proname = ${`${name}_add`} limit 1) as "installed",
           (select count(*) from pg_trigger where tgname in (${`${name}_add`}, ${`${name}_take`}, ${`${name}_move`})) as "triggers"`)
  return rows[0]?.installed === marker() && Number(rows[0]?.triggers) === 3
}

/**
 * Every rollup recomputed from the journal, in the caller's transaction, and the pending table emptied (every
 * event is in the recomputed rollups): both tables locked first — pending, then rollups, the order writers and
 * folders take them in — so no event is counted twice or missed.
 */
async function recompute(req: Pick<PayloadRequest, 'payload'>, tx: Drizzle): Promise<number> {
  const { events, rollups, pending } = names(req)
  await tx.execute(sql`lock table ${pending} in exclusive mode`)
  await tx.execute(sql`lock table ${rollups} in exclusive mode`)
  await tx.execute(sql`delete from ${pending}`)
  await tx.execute(sql`delete from ${rollups}`)
  await tx.execute(aggregate(req, [{ from: events, sign: 1 }]))
  const { rows } = await tx.execute<{ count: string }>(sql`select count(*) as "count" from ${rollups}`)
  return Number(rows[0]?.count ?? 0)
}

/**
 * Recomputes every rollup from the raw journal, in one transaction (see recompute: writers and folders wait for
 * it). Answers the number of rollup rows.
 */
export async function rebuildRollups(payload: Payload): Promise<number> {
  const db = drizzleOf(payload)
  return db.transaction((tx) => recompute({ payload }, tx as unknown as Drizzle))
}

/** How many pending events one fold takes. */
export const FOLD_BATCH = 5_000
/** How long a fold waits for a rollup row a writer holds before it gives up (under Postgres' deadlock check). */
const FOLD_LOCK_TIMEOUT_MS = 100

/**
 * Adds up to `limit` pending events (in id order: the oldest first with serial ids) to the rollups and takes them
 * off the pending table, in one transaction: a read sees them either pending or folded, never both or neither.
 * Events another folder — or a statement changing or deleting them — holds are left for the next fold; a rollup
 * row a writer holds makes the fold give up (FOLD_LOCK_TIMEOUT_MS) and come back at the next poll, so a writer
 * that waits on a pending row the fold holds never deadlocks with it. Then vacuums the pending table (unless
 * another process is at it): its rows come and go every second, and reads plan their lookup of it on its size —
 * a table never vacuumed is guessed at thousands of rows. Answers how many it folded.
 */
export async function foldPendingRollups(payload: Payload, limit = FOLD_BATCH): Promise<number> {
  let folded: number
  try {
    folded = await foldOnce(payload, limit)
  } catch (error) {
    if (lockTimedOut(error)) return 0 // a writer holds a rollup row it needs: the next poll folds these
    throw error
  }
  if (folded > 0) {
    const db = drizzleOf(payload)
    // never `truncate` (it would wait on the table's strongest lock, which every claim's insert conflicts with)
    await db.execute(sql`vacuum (skip_locked, truncate false) ${sqlTable({ payload }, 'taskEventsPending')}`)
  }
  return folded
}

const lockTimedOut = (error: unknown) => {
  const { code, cause } = error as { code?: string; cause?: { code?: string } }
  return (cause?.code ?? code) === '55P03'
}

/** What the folder's connection is called while it folds (pg_stat_activity), so nobody takes it for a stuck one. */
export const FOLDER_APPLICATION_NAME = 'labelops rollup folder'

/**
 * One fold, in a transaction of its own: the lock timeout (and the connection's name) for this transaction only;
 * then up to `limit` pending rows locked (held ones skipped) — and only THEN, in a statement of its own (a
 * snapshot taken after the locks), their events read and added to the rollups, and the rows deleted. Read in the
 * locking statement's snapshot, an event changed and committed just before its row was locked would be folded
 * as it was, while the change's trigger left it to the fold.
 */
async function foldOnce(payload: Payload, limit: number): Promise<number> {
  const req = { payload }
  const p = sqlTable(req, 'taskEventsPending')
  const e = sqlTable(req, 'taskEvents')
  const db = drizzleOf(payload)
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Drizzle
    await tx.execute(
      sql`select set_config('lock_timeout', ${String(FOLD_LOCK_TIMEOUT_MS)}, true), set_config('application_name', ${FOLDER_APPLICATION_NAME}, true)`,
    )
    const { rows } = await tx.execute<{ event: number | string }>(
      sql`select ${p.event} as "event" from ${p} order by ${p.event} limit ${limit} for update skip locked`,
    )
    if (rows.length === 0) return 0
    const ids = idArray(
      req as PayloadRequest,
      rows.map((row) => row.event),
    )
    await tx.execute(aggregate(req, [{ from: sql`(select ${e}.* from ${e} where ${e.id} = any(${ids})) as "labelops_folding"`, sign: 1 }]))
    await tx.execute(sql`delete from ${p} where ${p.event} = any(${ids})`)
    return rows.length
  })
}
