import { ASSIGNABLE_ROLES, WORKSPACE_ROLE_LABELS, WORKSPACE_ROLES, type WorkspaceRole } from '../../roles.ts'

export type MembershipChange = {
  /** the actor's role in the workspace, or 'super-admin' */
  actorRole: WorkspaceRole | 'super-admin' | undefined
  actorIsTarget: boolean
  /** the role before (undefined on create) and after */
  from?: WorkspaceRole
  to: WorkspaceRole
}

const label = (role: WorkspaceRole) => WORKSPACE_ROLE_LABELS[role]
const list = (roles: readonly WorkspaceRole[]) => roles.map(label).join(', ')

/** Why an actor may not make this membership change, or undefined when they may. Pure. */
export function membershipChangeProblem({ actorRole, actorIsTarget, from, to }: MembershipChange): string | undefined {
  if (actorRole === 'super-admin') return undefined
  if (actorIsTarget && from !== undefined && from !== to) return 'nobody changes their own role'
  if (!actorRole) return 'you are not a member of this workspace'
  const assignable = ASSIGNABLE_ROLES[actorRole]
  if (from !== undefined && !assignable.includes(from)) {
    return `a ${label(actorRole)} cannot change a ${label(from)}'s membership`
  }
  if (!assignable.includes(to)) {
    return assignable.length === 0
      ? `a ${label(actorRole)} cannot assign workspace roles`
      : `a ${label(actorRole)} can only assign ${list(assignable)} (not ${label(to)})`
  }
  return undefined
}

/**
 * The roles a role select offers this actor: the current one, and every role `membershipChangeProblem` lets them
 * give (an invitation has no current role). With the reason when the choice is narrowed, for the field's note. Pure.
 */
export function offeredRoles(change: Omit<MembershipChange, 'to'>): { roles: WorkspaceRole[]; why?: string } {
  const roles = WORKSPACE_ROLES.filter((to) => to === change.from || !membershipChangeProblem({ ...change, to }))
  if (roles.length === WORKSPACE_ROLES.length) return { roles }
  const other = WORKSPACE_ROLES.find((to) => !roles.includes(to))!
  const why = membershipChangeProblem({ ...change, to: other })
  return { roles, ...(why ? { why: why[0]!.toUpperCase() + why.slice(1) + '.' } : {}) }
}

/** A workspace must keep at least one Admin. `to` undefined means the membership is being removed. Pure. */
export function lastAdminProblem({
  from,
  to,
  adminCount,
}: {
  from: WorkspaceRole
  to?: WorkspaceRole
  adminCount: number
}): string | undefined {
  if (from === 'admin' && to !== 'admin' && adminCount <= 1) return 'the workspace must keep at least one Admin'
  return undefined
}
