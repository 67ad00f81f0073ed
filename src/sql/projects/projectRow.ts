import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { ProjectStatus } from '../../domain/projects/status.ts'
import type { SkipPolicy } from '../queue/claimTask.ts'
import type { Id } from '../../types.ts'
import type { WorkflowGraph } from '../../domain/workflow/graph.ts'
import { executePrepared } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'

export type QueueProject = {
  id: Id
  workspace: Id
  status: ProjectStatus
  workflow?: WorkflowGraph
  ontology?: Id | null
  settings: { leaseMinutes: number; allowSelfReview: boolean; skipPolicy: SkipPolicy }
}

/**
 * What the queue needs of a project, in one plain query: the claim path runs on every "next task" click and
 * Payload's findByID (hooks, every field, the collaborators array) costs more than the claim itself.
 */
export async function loadQueueProject(req: PayloadRequest, id: Id): Promise<QueueProject | undefined> {
  const projects = sqlTable(req, 'projects')
  const { rows } = await executePrepared<Record<string, unknown>>(
    req,
    'queue-project',
    () => sql`
    select ${projects.id} as "id", ${projects.workspace} as "workspace", ${projects.status}::text as "status", ${projects.workflow} as "workflow",
           ${projects.ontology} as "ontology", ${projects.settings_leaseMinutes} as "leaseMinutes",
           ${projects.settings_allowSelfReview} as "allowSelfReview", ${projects.settings_skipPolicy}::text as "skipPolicy"
      from ${projects} where ${projects.id} = ${sql.placeholder('id')}`,
    { id },
  )
  const row = rows[0]
  if (!row) return undefined
  return {
    id: row.id as Id,
    workspace: row.workspace as Id,
    status: row.status as ProjectStatus,
    workflow: (row.workflow ?? undefined) as WorkflowGraph | undefined,
    ontology: (row.ontology ?? null) as Id | null,
    settings: {
      leaseMinutes: row.leaseMinutes == null ? 30 : Number(row.leaseMinutes),
      allowSelfReview: Boolean(row.allowSelfReview),
      skipPolicy: (row.skipPolicy as SkipPolicy | null) ?? 'requeue-for-others',
    },
  }
}
