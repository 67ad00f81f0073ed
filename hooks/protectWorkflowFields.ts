import type { CollectionBeforeChangeHook } from 'payload'

import { ForbiddenChangeError } from '../src/errors.ts'
import { isWorkflowAction } from '../src/system.ts'

/** Fields only the workflow moves; managers change priority and assignee, and move tasks with `move`. */
const WORKFLOW_FIELDS = ['stage', 'status', 'version', 'leaseHolder', 'leaseExpiresAt', 'skippedBy', 'lastActorByStage', 'consensusSubmissions', 'rejectionNote']

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null) || String(a) === String((b as { id?: unknown })?.id ?? b)

export const protectWorkflowFields: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || isWorkflowAction(req)) return data
  for (const field of WORKFLOW_FIELDS) {
    if (field in data && !same(data[field], originalDoc?.[field])) {
      throw new ForbiddenChangeError(field, field === 'stage' || field === 'status'
        ? 'changes only through workflow actions (managers: POST /api/tasks/:id/move)'
        : 'is kept by the workflow and cannot be set directly')
    }
  }
  return data
}
