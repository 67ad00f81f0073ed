// What the workspace's REST calls answer, as its components read them, and how a refusal reads.
import type { PinnedIssue } from '../../src/domain/labels/reviewing.ts'
import type { OntologyStructure } from '../../src/domain/ontology/schema.ts'

export type DataItem = {
  id: string | number
  name?: string
  type?: string
  source?: { kind?: string | null; url?: string | null; media?: unknown; text?: string | null } | null
  width?: number | null
  height?: number | null
  /** a video's frame count, when the import said */
  frames?: number | null
}
export type Claim = {
  task: {
    id: string | number
    version: number
    stage: string
    status: string
    leaseExpiresAt: string | null
    rejectionNote?: string | null
  }
  dataItem: DataItem
  ontology: (Partial<OntologyStructure> & { name?: string }) | null
  label: unknown
  leaseExpiresAt: string
  /** rework: the task's open issues */
  issues: PinnedIssue[] | null
  /** review after a rework: what changed in the label since the last review (keys `object:<id>`, `classification:<feature>`) */
  changes: { added: string[]; removed: string[]; modified: string[] } | null
}

/** The REST routes the workspace calls, and where its links go. */
export type WorkspaceRoutes = {
  /** `${api}/${tasks}/:id/:action` */
  taskUrl: (id: string | number, action: string) => string
  homeHref: string
}

/** Payload's error shape `{ errors: [{ message, data }] }`, read into one sentence per problem. */
export async function problemOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as {
    errors?: Array<{ message?: string; data?: { errors?: Array<{ path: string; message: string }> } | null }>
  } | null
  const first = body?.errors?.[0]
  const listed = first?.data?.errors
  if (listed?.length) return listed.map((error) => `${error.path}: ${error.message}`).join('\n')
  return first?.message ?? `The server answered ${response.status}`
}
