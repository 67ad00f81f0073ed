import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { ProjectKind } from '../../domain/projects/kinds.ts'
import { HONEYPOT_DEFAULTS, type HoneypotSettings } from '../../domain/projects/honeypots.ts'
import type { ProjectStatus } from '../../domain/projects/status.ts'
import type { SkipPolicy } from '../queue/claimTask.ts'
import type { Id } from '../../types.ts'
import type { WorkflowGraph } from '../../domain/workflow/graph.ts'
import { executePrepared } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'
import { type MembershipRow, membershipRowsQuery } from '../access/actorRows.ts'

export type QueueProject = {
  id: Id
  workspace: Id
  status: ProjectStatus
  workflow?: WorkflowGraph
  ontology?: Id | null
  kind: ProjectKind
  /** the benchmark project a person must have passed to be served this project's tasks */
  requiresBenchmark: Id | null
  /** gold tasks served as honeypots (src/domain/projects/honeypots.ts) */
  honeypots: HoneypotSettings
  /** annotators paused from the project by their honeypot accuracy, and why */
  paused: Array<{ user: Id; reason: string | null }>
  settings: { leaseMinutes: number; allowSelfReview: boolean; skipPolicy: SkipPolicy }
}

/** What the queue needs of a project, as one JSON object (null when there is no such project). */
export function queueProjectJson(req: PayloadRequest, id: SQL): SQL {
  const projects = sqlTable(req, 'projects')
  const paused = sqlTable(req, 'projectPausedAnnotators')
  return sql`(select json_build_object('id', ${projects.id}, 'workspace', ${projects.workspace}, 'status', ${projects.status}::text,
      'workflow', ${projects.workflow}, 'ontology', ${projects.ontology}, 'leaseMinutes', ${projects.settings_leaseMinutes},
      'allowSelfReview', ${projects.settings_allowSelfReview}, 'skipPolicy', ${projects.settings_skipPolicy}::text,
      'kind', ${projects.kind}::text, 'requiresBenchmark', ${projects.requiresBenchmark},
      'honeypots', json_build_object('enabled', ${projects.honeypots_enabled}, 'firstTasks', ${projects.honeypots_firstTasks},
        'rate', ${projects.honeypots_rate}, 'window', ${projects.honeypots_window}, 'pauseBelow', ${projects.honeypots_pauseBelow}),
      'paused', (select coalesce(json_agg(json_build_object('user', ${paused.user}, 'reason', ${paused.reason})), '[]')
                   from ${paused} where ${paused._parentID} = ${projects.id} and ${paused.lifted} is not true))
    from ${projects} where ${projects.id} = ${id})`
}

/** A row of queueProjectJson as the queue uses it (defaults for settings a project never set). */
export function readQueueProject(row: Record<string, unknown> | null | undefined): QueueProject | undefined {
  if (!row) return undefined
  return {
    id: row.id as Id,
    workspace: row.workspace as Id,
    status: row.status as ProjectStatus,
    workflow: (row.workflow ?? undefined) as WorkflowGraph | undefined,
    ontology: (row.ontology ?? null) as Id | null,
    kind: ((row.kind as ProjectKind | null) ?? 'standard') as ProjectKind,
    requiresBenchmark: (row.requiresBenchmark ?? null) as Id | null,
    honeypots: honeypotSettingsOf(row.honeypots as Record<string, unknown> | null | undefined),
    paused: ((row.paused as Array<{ user: Id; reason: string | null }> | null) ?? []).map((entry) => ({
      user: entry.user,
      reason: entry.reason ?? null,
    })),
    settings: {
      leaseMinutes: row.leaseMinutes == null ? 30 : Number(row.leaseMinutes),
      allowSelfReview: Boolean(row.allowSelfReview),
      skipPolicy: (row.skipPolicy as SkipPolicy | null) ?? 'requeue-for-others',
    },
  }
}

/**
 * What the queue needs of a project, in one plain query: the claim path runs on every "next task" click and
 * Payload's findByID (hooks, every field, the collaborators array) costs more than the claim itself.
 */
export async function loadQueueProject(req: PayloadRequest, id: Id): Promise<QueueProject | undefined> {
  const { rows } = await executePrepared<{ project: Record<string, unknown> | null }>(
    req,
    'queue-project',
    () => sql`select ${queueProjectJson(req, sql`${sql.placeholder('id')}`)} as "project"`,
    { id },
  )
  return readQueueProject(rows[0]?.project)
}

/**
 * The actor's access rows and a project, in ONE round trip: the queue's operations need both on every call
 * (the claim above all), and the two reads are independent.
 */
export async function loadMembershipRowsAndQueueProject(
  req: PayloadRequest,
  userId: Id,
  projectId: Id,
): Promise<{ rows: MembershipRow[]; project: QueueProject | undefined }> {
  const { rows } = await executePrepared<{ rows: MembershipRow[]; project: Record<string, unknown> | null }>(
    req,
    'actor+queue-project',
    () => sql`/* labelops:access */
    select (select coalesce(json_agg(access), '[]') from (${membershipRowsQuery(req)}) access) as "rows",
           ${queueProjectJson(req, sql`${sql.placeholder('project')}`)} as "project"`,
    { user: userId, project: projectId },
  )
  return { rows: rows[0]!.rows, project: readQueueProject(rows[0]!.project) }
}

/** A project's honeypot settings as stored (numeric columns come back as strings), the defaults where unset. */
export function honeypotSettingsOf(row: Record<string, unknown> | null | undefined): HoneypotSettings {
  const number = (value: unknown, fallback: number) => (value == null || value === '' ? fallback : Number(value))
  return {
    enabled: Boolean(row?.enabled),
    // counts of tasks: whole numbers (a number field takes decimals)
    firstTasks: Math.floor(number(row?.firstTasks, HONEYPOT_DEFAULTS.firstTasks)),
    rate: number(row?.rate, HONEYPOT_DEFAULTS.rate),
    window: Math.max(1, Math.floor(number(row?.window, HONEYPOT_DEFAULTS.window))),
    pauseBelow: number(row?.pauseBelow, HONEYPOT_DEFAULTS.pauseBelow),
  }
}
