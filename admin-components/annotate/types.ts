// What the workspace's REST calls answer, as its components read them, and how a refusal reads.
import type { PinnedIssue } from '../../src/domain/labels/reviewing.ts'
import type { OntologyStructure } from '../../src/domain/ontology/schema.ts'
import type { ConsensusUnderReview } from '../../src/operations/claimNextTask.ts'

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
  /** the task's imported pre-label, when the annotator has no label of their own yet */
  preLabel?: unknown
  leaseExpiresAt: string
  /** rework: the task's open issues */
  issues: PinnedIssue[] | null
  /** review after a rework: what changed in the label since the last review (keys `object:<id>`, `classification:<feature>`) */
  changes: { added: string[]; removed: string[]; modified: string[] } | null
  /** a review after a consensus round: its agreement and every branch, best-agreeing first */
  consensus?: ConsensusUnderReview | null
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

/** How a task request ended, as the workspace acts on it. */
export type TaskRequestOutcome =
  | { kind: 'ok'; response: Response }
  /** nothing reached the server */
  | { kind: 'unreachable'; message: string }
  /** 423: the project's status keeps the person from its tasks */
  | { kind: 'paused'; message: string }
  /** 409 lease: the task is no longer theirs */
  | { kind: 'lost'; message: string }
  /** any other refusal, one problem per line */
  | { kind: 'refused'; message: string }

/** POSTs a JSON request about the claimed task (with an Idempotency-Key when given: a retry is answered, not redone). */
export async function postTaskRequest(url: string, body: unknown, idempotencyKey?: string): Promise<TaskRequestOutcome> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  }).catch(() => null)
  if (!response) return { kind: 'unreachable', message: 'The server cannot be reached. Nothing was sent; try again.' }
  if (response.ok) return { kind: 'ok', response }
  const message = await problemOf(response)
  if (response.status === 423) return { kind: 'paused', message }
  if (response.status === 409 && message.startsWith('lease')) return { kind: 'lost', message }
  return { kind: 'refused', message }
}
