import { and, eq, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { activeWithinHold, HOLD_ENDS } from '../../domain/analytics/eventSums.ts'
import type { LabelCounts } from '../../domain/analytics/labelCounts.ts'
import type { Id } from '../../types.ts'
import type { TaskStatus } from '../../domain/workflow/transition.ts'
import { publishTaskEvents } from '../journal/journalFeed.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName, sqlTable } from '../../db/tables.ts'

export type TaskRow = {
  id: Id
  workspace: Id
  project: Id
  dataItem: Id
  stage: string
  status: TaskStatus
  version: number
  priority: number
  assignee: Id | null
  lastActorByStage: Record<string, Id>
  skippedBy: Id[]
  consensusSubmissions: number
  /** counts the stages the task has entered: consensus branches belong to one round */
  round: number
  leaseHolder: Id | null
  /** the lease has not expired yet (decided by the database clock) */
  leaseLive: boolean
  /** the last consensus round's agreement and resolution (src/operations/consensusAgreement.ts) */
  consensusAgreement: unknown
}

const tables = (req: PayloadRequest) => ({ tasks: sqlTable(req, 'tasks'), events: sqlTable(req, 'taskEvents') })

/** Reads a task and locks its row until the transaction ends: concurrent actions on it queue up here. */
export async function lockTask(req: PayloadRequest, id: Id): Promise<TaskRow | undefined> {
  const { tasks } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<TaskRow>(sql`
    select ${tasks.id} as "id", ${tasks.workspace} as "workspace", ${tasks.project} as "project", ${tasks.dataItem} as "dataItem",
           ${tasks.stage} as "stage", ${tasks.status}::text as "status", ${tasks.version} as "version", ${tasks.priority} as "priority",
           ${tasks.assignee} as "assignee", ${tasks.lastActorByStage} as "lastActorByStage", ${tasks.skippedBy} as "skippedBy",
           ${tasks.consensusSubmissions} as "consensusSubmissions", ${tasks.round} as "round", ${tasks.leaseHolder} as "leaseHolder",
           coalesce(${tasks.leaseExpiresAt} > now(), false) as "leaseLive", ${tasks.consensusAgreement} as "consensusAgreement"
      from ${tasks} where ${tasks.id} = ${id} for update`)
  const row = rows[0]
  // Payload stores number fields as numeric, which node-postgres hands back as strings
  return (
    row && {
      ...row,
      lastActorByStage: row.lastActorByStage ?? {},
      skippedBy: row.skippedBy ?? [],
      consensusSubmissions: Number(row.consensusSubmissions ?? 0),
      round: Number(row.round ?? 1),
      version: Number(row.version),
      priority: Number(row.priority),
    }
  )
}

export type TaskChange = Pick<
  TaskRow,
  'stage' | 'status' | 'lastActorByStage' | 'skippedBy' | 'consensusSubmissions' | 'assignee' | 'round'
> & {
  rejectionNote?: string | null
  clearLease: boolean
  /** the last consensus round's agreement no longer applies (a move, or a new round begins) */
  clearAgreement?: boolean
}

/** What writeTaskState answers with: the task's identity and the state it now has. */
export type WrittenTaskState = {
  id: Id
  version: number
  stage: string
  status: TaskStatus
  priority: number
  assignee: Id | null
  project: Id
  workspace: Id
  dataItem: Id
}

/** Writes the new state if the task is still at `expectedVersion`, bumping the version; undefined when it is not. */
export async function writeTaskState(
  req: PayloadRequest,
  id: Id,
  expectedVersion: number,
  change: TaskChange,
): Promise<WrittenTaskState | undefined> {
  const { tasks } = tables(req)
  const db = await sessionDb(req)
  const updated = await db
    .update(tasks)
    .set({
      stage: change.stage,
      status: change.status,
      lastActorByStage: change.lastActorByStage,
      skippedBy: change.skippedBy,
      consensusSubmissions: change.consensusSubmissions,
      round: change.round,
      assignee: change.assignee,
      ...(change.rejectionNote !== undefined ? { rejectionNote: change.rejectionNote } : {}),
      ...(change.clearLease ? { leaseHolder: null, leaseExpiresAt: null } : {}),
      ...(change.clearAgreement ? { consensusAgreement: null } : {}),
      version: sql`${tasks.version} + 1`,
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(tasks.id, id), eq(tasks.version, expectedVersion)))
    .returning({
      id: tasks.id,
      version: tasks.version,
      stage: tasks.stage,
      status: tasks.status,
      priority: tasks.priority,
      assignee: tasks.assignee,
      project: tasks.project,
      workspace: tasks.workspace,
      dataItem: tasks.dataItem,
    })
  return updated[0] as WrittenTaskState | undefined
}

export type TaskEventRow = {
  workspace: Id
  project: Id
  task: Id
  actor: Id | null
  type: string
  /** whose lease or consensus slot the row gave (`claimed`) or ended (see src/domain/workflow/replay.ts) */
  holder?: Id | null
  fromStage?: string | null
  toStage?: string | null
  fromStatus?: string | null
  toStatus?: string | null
  timeSpentMs?: number | null
  note?: string | null
  /** a review's: whose work it judged */
  subject?: Id | null
  /** the submit that closed a consensus round: its agreement (0..1) and 1 (src/domain/analytics/eventSums.ts) */
  agreement?: number | null
  agreementRounds?: number | null
} & LabelCounts

/**
 * Appends journal rows in the caller's transaction (the host's `onTaskEvent` hears of them after commit). A row
 * that ends its actor's own hold gets the hold's length (`heldMs`, from their last claim of the task) and its
 * time spent capped at it.
 */
export async function appendTaskEvents(req: PayloadRequest, events: TaskEventRow[]): Promise<void> {
  if (events.length === 0) return
  const { events: table } = tables(req)
  const db = await sessionDb(req)
  const now = new Date()
  const claims = await lastClaims(req, events.filter(endsOwnHold))
  const inserted = await db
    .insert(table)
    .values(
      events.map((event) => {
        const claimedAt = endsOwnHold(event) ? claims.get(holdKey(event.task, event.actor)) : undefined
        const heldMs = claimedAt === undefined ? null : Math.max(0, Math.round(now.getTime() - claimedAt))
        return {
          ...event,
          heldMs,
          timeSpentMs: activeWithinHold(event.timeSpentMs, heldMs),
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        }
      }),
    )
    .returning()
  await publishTaskEvents(req, inserted)
}

const holdKey = (task: Id, actor: Id | null) => `${String(task)}:${String(actor)}`
/** An action by the person whose lease or consensus slot it ended (a manager's release of another's task is not). */
const endsOwnHold = (event: TaskEventRow) =>
  event.actor !== null &&
  event.holder != null &&
  String(event.holder) === String(event.actor) &&
  (HOLD_ENDS as readonly string[]).includes(event.type)

/** When each (task, person) was last claimed by that person, in ms. */
async function lastClaims(req: PayloadRequest, events: TaskEventRow[]): Promise<Map<string, number>> {
  if (events.length === 0) return new Map()
  const { events: table } = tables(req)
  const db = await sessionDb(req)
  const pairs = events.map((event) => sql`(${table.task} = ${event.task} and ${table.actor} = ${event.actor})`)
  const { rows } = await db.execute<{ task: string; actor: string; at: string }>(sql`
    select ${table.task}::text as "task", ${table.actor}::text as "actor", (extract(epoch from max(${table.createdAt})) * 1000)::float8 as "at" from ${table}
     where ${table.type} = 'claimed' and (${sql.join(pairs, sql` or `)}) group by 1, 2`)
  return new Map(rows.map((row) => [holdKey(row.task, row.actor), Number(row.at)]))
}

/** Moves the holder's lease expiry to `minutes` from now (database clock). */
export async function extendTaskLease(req: PayloadRequest, id: Id, holder: Id, minutes: number): Promise<string> {
  const { tasks } = tables(req)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ leaseExpiresAt: string }>(sql`
    update ${tasks} set ${columnName(tasks.leaseExpiresAt)} = now() + make_interval(mins => ${minutes}), ${columnName(tasks.updatedAt)} = now()
     where ${tasks.id} = ${id} and ${tasks.leaseHolder} = ${holder} returning ${tasks.leaseExpiresAt} as "leaseExpiresAt"`)
  return rows[0]!.leaseExpiresAt
}
