import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

import { getOptions } from '../../context.ts'
import type { Id } from '../../types.ts'
import type { SqlTable } from '../../db/tables.ts'
import { gatherUntilCommit } from '../../db/afterCommit.ts'

/** A journal row as `onTaskEvent` receives it: a plain object, ids as stored, `createdAt` as an ISO string. */
export type TaskEvent = {
  id: Id
  type: string
  workspace: Id
  project: Id
  task: Id
  actor: Id | null
  /** whose lease or consensus slot the event gave (`claimed`) or ended */
  holder: Id | null
  fromStage: string | null
  toStage: string | null
  fromStatus: string | null
  toStatus: string | null
  /** the active time the action reported (idle left out), never more than `heldMs` */
  timeSpentMs: number | null
  /** an action that ended its actor's own hold: how long they held the task (server clock) */
  heldMs: number | null
  note: string | null
  createdAt: string
  /** the journal's order: increasing in the order rows were written (a task's rows in the order they happened) */
  seq: number
}

/** The columns of an inserted journal row, named as a TaskEvent: for the RETURNING clause of an insert. */
export function taskEventColumns(events: SqlTable<'taskEvents'>): SQL {
  return sql`${events.id} as "id", ${events.type}::text as "type", ${events.workspace} as "workspace", ${events.project} as "project",
    ${events.task} as "task", ${events.actor} as "actor", ${events.holder} as "holder", ${events.fromStage} as "fromStage",
    ${events.toStage} as "toStage", ${events.fromStatus} as "fromStatus", ${events.toStatus} as "toStatus",
    ${events.timeSpentMs} as "timeSpentMs", ${events.heldMs} as "heldMs", ${events.note} as "note", ${events.createdAt} as "createdAt", ${events.seq} as "seq"`
}

/** Whether the host listens (writers skip returning their rows when nobody does: an import may write 100,000). */
export const hasTaskEventListener = (req: PayloadRequest): boolean => Boolean(getOptions(req.payload).onTaskEvent)

const toTaskEvent = (row: Record<string, unknown>): TaskEvent => ({
  id: row.id as Id,
  type: String(row.type),
  workspace: row.workspace as Id,
  project: row.project as Id,
  task: row.task as Id,
  actor: (row.actor ?? null) as Id | null,
  holder: (row.holder ?? null) as Id | null,
  fromStage: (row.fromStage ?? null) as string | null,
  toStage: (row.toStage ?? null) as string | null,
  fromStatus: (row.fromStatus ?? null) as string | null,
  toStatus: (row.toStatus ?? null) as string | null,
  // Payload stores number fields as numeric, which node-postgres hands back as strings
  timeSpentMs: row.timeSpentMs == null ? null : Number(row.timeSpentMs),
  heldMs: row.heldMs == null ? null : Number(row.heldMs),
  note: (row.note ?? null) as string | null,
  createdAt: new Date(row.createdAt as string).toISOString(),
  seq: Number(row.seq),
})

const HELD_EVENTS = Symbol('delivering the journal rows to onTaskEvent')

/**
 * Hands the journal rows a request wrote to the host's `onTaskEvent` once they are committed, never inside the
 * transaction: rows written in one are held until it commits (one call per transaction) and dropped if it
 * rolls back; rows written outside one (the one-statement claim) are committed already. A callback that
 * throws is logged, never the request's failure.
 */
export async function publishTaskEvents(req: PayloadRequest, rows: Array<Record<string, unknown>>): Promise<void> {
  const listener = getOptions(req.payload).onTaskEvent
  if (!listener || rows.length === 0) return
  const events = rows.map(toTaskEvent)
  const held = await gatherUntilCommit(
    req,
    HELD_EVENTS,
    (): TaskEvent[] => [],
    (all) => deliver(req.payload, listener, all),
  )
  if (!held) return deliver(req.payload, listener, events)
  held.push(...events)
}

async function deliver(
  payload: Payload,
  listener: NonNullable<ReturnType<typeof getOptions>['onTaskEvent']>,
  events: TaskEvent[],
): Promise<void> {
  try {
    await listener(events, { payload })
  } catch (error) {
    payload.logger.error({
      err: error,
      msg: `LabelOps: onTaskEvent failed for ${events.length} task event(s); the request's changes stand`,
    })
  }
}
