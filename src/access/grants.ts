import { CAPABILITIES, type Capability, type Scope } from '../roles.ts'
import { type Actor, type Id, sameId } from './actor.ts'

/** Scope -> the workspaces in which the actor holds `capability` in that scope. Pure. */
export function grantsOf(actor: Actor, capability: Capability): Map<Scope, Id[]> {
  const grant = CAPABILITIES[capability] as Partial<Record<string, readonly Scope[]>>
  const byScope = new Map<Scope, Id[]>()
  for (const { workspace, role } of actor.memberships) {
    for (const scope of grant[role] ?? []) {
      byScope.set(scope, [...(byScope.get(scope) ?? []), workspace])
    }
  }
  return byScope
}

/** The scopes in which the actor holds `capability` inside one workspace (empty: not at all). Pure. */
export function scopesIn(actor: Actor, capability: Capability, workspace: unknown): Scope[] {
  const grant = CAPABILITIES[capability] as Partial<Record<string, readonly Scope[]>>
  const role = actor.memberships.find((membership) => sameId(membership.workspace, workspace))?.role
  return role ? [...(grant[role] ?? [])] : []
}

/** `can(actor, 'userGroups.create', workspaceId)`; without a workspace: in any workspace at all. Pure. */
export function can(actor: Actor | undefined, capability: Capability, workspace?: unknown): boolean {
  if (!actor) return false
  if (actor.superAdmin) return true
  return workspace === undefined ? grantsOf(actor, capability).size > 0 : scopesIn(actor, capability, workspace).length > 0
}
