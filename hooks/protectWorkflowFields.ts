import type { CollectionBeforeChangeHook } from 'payload'

import { idOf } from '../src/access/actor.ts'
import { ForbiddenChangeError } from '../src/errors.ts'
import { isWorkflowAction } from '../src/system.ts'
import { canonicalJson } from '../src/domain/utilities/canonicalJson.ts'

/** Fields only the workflow moves; managers change priority and assignee, and move tasks with `move`. */
export const WORKFLOW_FIELDS = [
  'stage',
  'status',
  'version',
  'round',
  'leaseHolder',
  'leaseExpiresAt',
  'skippedBy',
  'lastActorByStage',
  'consensusSubmissions',
  'rejectionNote',
]

const scalar = (value: unknown) => typeof value === 'number' || typeof value === 'string'

/** Equal values: relationships by id (`3`, `'3'`, `{ id: 3 }`), dates by instant, everything else as JSON. */
export function sameValue(a: unknown, b: unknown): boolean {
  const [x, y] = [scalar(idOf(a)) ? idOf(a) : a, scalar(idOf(b)) ? idOf(b) : b]
  if (scalar(x) && scalar(y)) {
    if (String(x) === String(y)) return true
    const [tx, ty] = [Date.parse(String(x)), Date.parse(String(y))]
    return typeof x === 'string' && typeof y === 'string' && Number.isFinite(tx) && tx === ty && !/^-?\d+$/.test(x)
  }
  return canonicalJson(x) === canonicalJson(y)
}

export const protectWorkflowFields: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || isWorkflowAction(req)) return data
  for (const field of WORKFLOW_FIELDS) {
    if (field in data && data[field] !== undefined && !sameValue(data[field], originalDoc?.[field])) {
      throw new ForbiddenChangeError(
        field,
        field === 'stage' || field === 'status'
          ? 'changes only through workflow actions (managers: POST /api/tasks/:id/move)'
          : 'is kept by the workflow and cannot be set directly',
      )
    }
  }
  return data
}
