import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { MyWorkCountRow, MyWorkProjectInput, MyWorkSlotRow } from '../../domain/queue/myWork.ts'
import type { ProjectStatus } from '../../domain/projects/status.ts'
import type { WorkflowGraph } from '../../domain/workflow/graph.ts'
import type { Id } from '../../types.ts'
import { idArray, idValue } from '../../db/idArray.ts'
import { sessionDb } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'

/** At most this many projects on one person's "My work" (the busiest first is the caller's business). */
export const MY_WORK_PROJECT_LIMIT = 100

/** The projects a person has a seat in: those named (their project roles) and every project of the workspaces they administer. */
export async function myWorkProjects(
  req: PayloadRequest,
  { projects: projectIds, adminWorkspaces }: { projects: Id[]; adminWorkspaces: Id[] },
): Promise<MyWorkProjectInput[]> {
  if (projectIds.length === 0 && adminWorkspaces.length === 0) return []
  const projects = sqlTable(req, 'projects')
  const workspaces = sqlTable(req, 'workspaces')
  const db = await sessionDb(req)
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    select ${projects.id} as "id", ${projects.name} as "name", ${projects.status}::text as "status", ${projects.workflow} as "workflow",
           ${projects.kind}::text as "kind", ${projects.settings_allowSelfReview} as "allowSelfReview", ${workspaces.id} as "workspaceId", ${workspaces.name} as "workspaceName"
      from ${projects} join ${workspaces} on ${workspaces.id} = ${projects.workspace}
     where ${projects.id} = any(${idArray(req, projectIds)}) or ${projects.workspace} = any(${idArray(req, adminWorkspaces)})
     order by ${projects.id}
     limit ${MY_WORK_PROJECT_LIMIT}`)
  return rows.map((row) => ({
    id: row.id as Id,
    name: String(row.name ?? ''),
    status: row.status as ProjectStatus,
    workspace: { id: row.workspaceId as Id, name: String(row.workspaceName ?? '') },
    workflow: (row.workflow ?? undefined) as WorkflowGraph | undefined,
    kind: (row.kind as string | null) ?? 'standard',
    allowSelfReview: Boolean(row.allowSelfReview),
  }))
}

/**
 * The queue of many projects as ONE grouped count per (project, stage, status), with the person's share of
 * each group counted alongside (FILTER): what they could be served, what of it they annotated themselves, what
 * they hold. Served-to-them follows the claim's rules (src/sql/queue/claimTask.ts): not completed, reserved for
 * nobody or for them, no live lease of someone else's, not skipped by them where skips requeue for others.
 */
export async function myWorkCounts(req: PayloadRequest, user: Id, projectIds: Id[]): Promise<MyWorkCountRow[]> {
  if (projectIds.length === 0) return []
  const tasks = sqlTable(req, 'tasks')
  const projects = sqlTable(req, 'projects')
  const db = await sessionDb(req)
  const me = idValue(req, user)
  const skipped = JSON.stringify([user])
  const open = sql`${tasks.status} <> 'completed'
        and (${tasks.assignee} is null or ${tasks.assignee} = ${me})
        and (${tasks.leaseHolder} is null or ${tasks.leaseHolder} = ${me} or ${tasks.leaseExpiresAt} < now())
        and not (${projects.settings_skipPolicy}::text = 'requeue-for-others' and coalesce(${tasks.skippedBy}, '[]'::jsonb) @> ${skipped}::jsonb)`
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    select ${tasks.project} as "project", ${tasks.stage} as "stage", ${tasks.status}::text as "status", count(*) as "total",
           count(*) filter (where ${open}) as "open",
           count(*) filter (where ${open} and coalesce(${tasks.lastActorByStage}->>'$annotator', '') = ${String(user)}) as "ownAnnotation",
           count(*) filter (where ${tasks.status} <> 'completed' and ${tasks.leaseHolder} = ${me} and ${tasks.leaseExpiresAt} >= now()) as "held"
      from ${tasks} join ${projects} on ${projects.id} = ${tasks.project}
     where ${tasks.project} = any(${idArray(req, projectIds)})
     group by ${tasks.project}, ${tasks.stage}, ${tasks.status}`)
  return rows.map((row) => ({
    project: row.project as Id,
    stage: String(row.stage),
    status: String(row.status),
    total: Number(row.total),
    open: Number(row.open),
    ownAnnotation: Number(row.ownAnnotation),
    held: Number(row.held),
  }))
}

/** The person's consensus slots on open tasks of this round, per (project, stage): live (lease running) and submitted. */
export async function myWorkSlots(req: PayloadRequest, user: Id, projectIds: Id[]): Promise<MyWorkSlotRow[]> {
  if (projectIds.length === 0) return []
  const tasks = sqlTable(req, 'tasks')
  const branches = sqlTable(req, 'consensusBranches')
  const db = await sessionDb(req)
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    select ${branches.project} as "project", ${branches.stage} as "stage",
           count(*) filter (where ${branches.submittedAt} is null and ${branches.leaseExpiresAt} > now()) as "live",
           count(*) filter (where ${branches.submittedAt} is not null) as "submitted"
      from ${branches} join ${tasks} on ${tasks.id} = ${branches.task} and ${tasks.round} = ${branches.round} and ${tasks.stage} = ${branches.stage}
     where ${branches.annotator} = ${idValue(req, user)} and ${branches.project} = any(${idArray(req, projectIds)}) and ${tasks.status} <> 'completed'
     group by ${branches.project}, ${branches.stage}`)
  return rows.map((row) => ({
    project: row.project as Id,
    stage: String(row.stage),
    live: Number(row.live),
    submitted: Number(row.submitted),
  }))
}

/** Open issues assigned to the person, per project. */
export async function myOpenIssues(req: PayloadRequest, user: Id, projectIds: Id[]): Promise<Map<string, number>> {
  if (projectIds.length === 0) return new Map()
  const issues = sqlTable(req, 'issues')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ project: Id; count: string }>(sql`
    select ${issues.project} as "project", count(*) as "count"
      from ${issues}
     where ${issues.assignee} = ${idValue(req, user)} and ${issues.status} = 'open' and ${issues.project} = any(${idArray(req, projectIds)})
     group by ${issues.project}`)
  return new Map(rows.map((row) => [String(row.project), Number(row.count)]))
}
