import { and, eq, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

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
           coalesce(${tasks.leaseExpiresAt} > now(), false) as "leaseLive"
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
} & LabelCounts

/** Appends journal rows in the caller's transaction (the host's `onTaskEvent` hears of them after commit). */
export async function appendTaskEvents(req: PayloadRequest, events: TaskEventRow[]): Promise<void> {
  if (events.length === 0) return
  const { events: table } = tables(req)
  const db = await sessionDb(req)
  const now = new Date().toISOString()
  const inserted = await db
    .insert(table)
    .values(events.map((event) => ({ ...event, createdAt: now, updatedAt: now })))
    .returning()
  await publishTaskEvents(req, inserted)
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
