import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import type { ProjectStatus } from '../projects/status.ts'
import type { SkipPolicy } from '../queue/claimTask.ts'
import type { Id } from '../types.ts'
import type { WorkflowGraph } from '../workflow/graph.ts'
import { collectionTable, executePrepared } from './session.ts'

export type QueueProject = {
  id: Id; workspace: Id; status: ProjectStatus; workflow?: WorkflowGraph; ontology?: Id | null
  settings: { leaseMinutes: number; allowSelfReview: boolean; skipPolicy: SkipPolicy }
}

/**
 * What the queue needs of a project, in one plain query: the claim path runs on every "next task" click and
 * Payload's findByID (hooks, every field, the collaborators array) costs more than the claim itself.
 */
export async function loadQueueProject(req: PayloadRequest, id: Id): Promise<QueueProject | undefined> {
  const projects = collectionTable(req, getOptions(req.payload).slugs.projects)
  const { rows } = await executePrepared<Record<string, unknown>>(req, 'queue-project', () => sql`
    select ${projects.id} as "id", ${projects.workspace} as "workspace", ${projects.status}::text as "status", ${projects.workflow} as "workflow",
           ${projects.ontology} as "ontology", ${sql.raw('"settings_lease_minutes"')} as "leaseMinutes",
           ${sql.raw('"settings_allow_self_review"')} as "allowSelfReview", ${sql.raw('"settings_skip_policy"')}::text as "skipPolicy"
      from ${projects} where ${projects.id} = ${sql.placeholder('id')}`, { id })
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
