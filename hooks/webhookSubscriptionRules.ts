import { randomBytes } from 'node:crypto'

import type { CollectionBeforeValidateHook } from 'payload'

import { idOf, loadActor, projectActorOf, roleIn } from '../src/access/actor.ts'
import { assertCan } from '../src/access/assertCan.ts'
import { getOptions } from '../src/context.ts'
import { webhookUrlProblem } from '../src/domain/webhooks/addresses.ts'
import { FieldRuleError } from '../src/errors.ts'
import { assertProjectWritable } from '../src/operations/projectGate.ts'
import { isSystem, systemAccess } from '../src/system.ts'
import type { Id } from '../src/types.ts'

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`

/**
 * A webhook belongs to a project its author runs (project.manage) and takes the project's workspace; its URL
 * must be one webhooks may reach (`webhooks.allowHosts`); its secret is made here, never given. Enabling a
 * webhook LabelOps turned off clears the reason.
 */
export const webhookSubscriptionRules: CollectionBeforeValidateHook = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  const options = getOptions(req.payload)
  const projectId = operation === 'create' ? idOf(data.project) : idOf(originalDoc?.project)
  if (projectId === undefined) return data // "project is required" comes from validation
  const project = (await req.payload.findByID({
    collection: options.slugs.projects,
    id: projectId,
    depth: 0,
    ...systemAccess(req),
    disableErrors: true,
  })) as { id: Id; workspace: Id } | null
  const actor = isSystem(req) ? undefined : await loadActor(req)
  if (!project || (actor && !actor.superAdmin && !roleIn(actor, project.workspace)))
    throw new FieldRuleError('project', `project ${String(projectId)} does not exist`)
  if (actor) {
    assertCan(projectActorOf(actor, { id: project.id, workspace: project.workspace }), 'project.manage')
    await assertProjectWritable(req, project.id)
  }
  if (operation === 'create' && data.secret != null) throw new FieldRuleError('secret', 'LabelOps makes the secret: leave it out')
  if (data.url !== undefined) {
    const problem = webhookUrlProblem(data.url, options.webhooks.allowHosts)
    if (problem) throw new FieldRuleError('url', problem)
  }
  const reenabled = data.enabled === true && originalDoc?.enabled === false
  return {
    ...data,
    ...(operation === 'create' ? { workspace: project.workspace, project: project.id, secret: newSecret() } : {}),
    ...(reenabled ? { disabledReason: null } : {}),
  }
}
