import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { idOf } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { assertProjectWritable } from '../src/operations/projectGate.ts'
import { isSystem, isWorkflowAction, systemAccess } from '../src/system.ts'

/** A task changed through Payload's own routes (PATCH priority or assignee) passes the project gate first. */
export const gateTaskUpdate: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation === 'update' && !isSystem(req) && !isWorkflowAction(req)) {
    const project = idOf(originalDoc?.project)
    if (project !== undefined) await assertProjectWritable(req, project)
  }
  return data
}

/** ...and so does deleting one. */
export const gateTaskDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (isSystem(req)) return
  const task = (await req.payload.findByID({
    collection: getOptions(req.payload).slugs.tasks,
    id,
    depth: 0,
    ...systemAccess(req),
    disableErrors: true,
    select: { project: true },
  })) as { project?: unknown } | null
  const project = idOf(task?.project)
  if (project !== undefined) await assertProjectWritable(req, project)
}
