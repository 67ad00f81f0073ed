import type { CollectionBeforeChangeHook } from 'payload'

import { idOf, sameId } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { bulkTaskOperation } from '../src/operations/bulkTaskOperation.ts'
import { isSystem, isWorkflowAction, systemAccess } from '../src/system.ts'
import { WORKFLOW_FIELDS } from './protectWorkflowFields.ts'

/**
 * A task's priority or assignee changed through Payload's own routes (the admin's edit form or list bulk
 * edit, a PATCH) is the same queue operation as POST /api/tasks/bulk for that one task: the same rules (who
 * may, the project gate, an assignee who works on the project, a lease ending with a new assignee) and the
 * same journal row. The operation writes it; Payload's own write then carries those fields, and the
 * workflow's, as the operation left them.
 */
export const taskEditsAsQueueOperations: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc || isSystem(req) || isWorkflowAction(req)) return data
  const selection = { project: idOf(originalDoc.project)!, ids: [originalDoc.id] }
  if (data.priority !== undefined && data.priority !== null && Number(data.priority) !== Number(originalDoc.priority)) {
    await bulkTaskOperation({ req, input: { ...selection, operation: 'set-priority', priority: data.priority } })
  }
  if (data.assignee !== undefined && !sameId(idOf(data.assignee) ?? 'none', idOf(originalDoc.assignee) ?? 'none')) {
    await bulkTaskOperation({ req, input: { ...selection, operation: 'assign', user: idOf(data.assignee) ?? null } })
  }
  // Payload's own write then carries the task as the operations left it
  const fresh = (await req.payload.findByID({
    collection: getOptions(req.payload).slugs.tasks,
    id: originalDoc.id,
    depth: 0,
    ...systemAccess(req),
  })) as unknown as Record<string, unknown>
  const settled = { ...data }
  for (const field of ['priority', 'assignee', ...WORKFLOW_FIELDS])
    if (field in settled || field in fresh) settled[field] = fresh[field] ?? null
  return settled
}
