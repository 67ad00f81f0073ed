import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { idOf, loadActor, roleIn, sameId } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { countAdminsLocked } from '../src/sql/workspaceLocks.ts'
import { ConflictError, ForbiddenChangeError } from '../src/errors.ts'
import type { WorkspaceRole } from '../src/roles.ts'
import { lastAdminProblem, membershipChangeProblem } from '../src/domain/people/memberships.ts'
import { isSystem, systemAccess } from '../src/system.ts'
import type { MembershipDoc } from '../src/types.ts'

/** Who may hand out which role, nobody changes their own, and a workspace keeps an Admin. */
export const enforceMembershipRules: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (isSystem(req)) return data
  const actor = await loadActor(req)
  const workspace = idOf(data.workspace ?? originalDoc?.workspace)
  const from = operation === 'update' ? (originalDoc?.role as WorkspaceRole) : undefined
  const to = (data.role ?? from ?? 'member') as WorkspaceRole
  const problem = membershipChangeProblem({
    actorRole: actor?.superAdmin ? 'super-admin' : actor && roleIn(actor, workspace),
    actorIsTarget: sameId(actor?.userId, idOf(data.user ?? originalDoc?.user)),
    from,
    to,
  })
  if (problem) throw new ForbiddenChangeError('role', problem)
  if (from === 'admin' && to !== 'admin' && workspace !== undefined) {
    const lastAdmin = lastAdminProblem({ from, to, adminCount: await countAdminsLocked(req, workspace) })
    if (lastAdmin) throw new ConflictError(`role: ${lastAdmin}`, { field: 'role' })
  }
  return data
}

/** Removing the last Admin of a workspace is refused (the workspace's own deletion is exempt). */
export const guardLastAdminOnDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (isSystem(req)) return
  const { slugs } = getOptions(req.payload)
  const membership = (await req.payload.findByID({
    collection: slugs.workspaceMembers,
    id,
    depth: 0,
    ...systemAccess(req),
    disableErrors: true,
  })) as unknown as MembershipDoc | null
  if (!membership || membership.role !== 'admin') return
  const workspace = idOf(membership.workspace)!
  const problem = lastAdminProblem({ from: 'admin', adminCount: await countAdminsLocked(req, workspace) })
  if (problem) throw new ConflictError(problem, { field: 'role' })
}
