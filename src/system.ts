import type { PayloadRequest } from 'payload'

const SYSTEM_KEY = 'labelOpsSystem'

/**
 * Local API options for LabelOps' own reads and writes that no person's access decides: the journal,
 * consensus branches and labels (written only by their operations), lookups that validate a request (is this
 * user a member of the workspace?), effects of a workflow action (issues a rework resolves), caches shared by
 * everyone. Every other Local API call made for a person passes `overrideAccess: false` and `req`; this is the
 * one place that says `overrideAccess: true`, so `systemAccess(` lists every exception.
 */
export function systemAccess(req: PayloadRequest): { req: PayloadRequest; overrideAccess: true } {
  return { req, overrideAccess: true }
}

/**
 * Runs LabelOps' own bookkeeping writes (the creator's Admin membership, cascades) inside the caller's request
 * and transaction, marked so that the rules meant for people do not stop them.
 */
export async function asSystem<T>(req: PayloadRequest, run: () => Promise<T>): Promise<T> {
  const depth = (req.context[SYSTEM_KEY] as number | undefined) ?? 0
  req.context[SYSTEM_KEY] = depth + 1
  try {
    return await run()
  } finally {
    req.context[SYSTEM_KEY] = depth
  }
}

/** True inside asSystem, and for Local API calls made without a user (scripts, seeds, jobs). */
export function isSystem(req: PayloadRequest): boolean {
  return !req.user || ((req.context[SYSTEM_KEY] as number | undefined) ?? 0) > 0
}

const WORKFLOW_KEY = 'labelOpsWorkflowAction'

/** Marks the writes of a workflow action (src/operations), the only ones allowed to move stage and status. */
export async function asWorkflowAction<T>(req: PayloadRequest, run: () => Promise<T>): Promise<T> {
  const before = req.context[WORKFLOW_KEY]
  req.context[WORKFLOW_KEY] = true
  try {
    return await run()
  } finally {
    req.context[WORKFLOW_KEY] = before
  }
}

export function isWorkflowAction(req: PayloadRequest): boolean {
  return req.context[WORKFLOW_KEY] === true
}
