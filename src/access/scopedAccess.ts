import type { Access, PayloadRequest, Where } from 'payload'

import type { Capability, Scope } from '../roles.ts'
import { type Actor, type Id, loadActor } from './actor.ts'
import { anyOf } from './compose.ts'
import { can, grantsOf } from './grants.ts'

/** Turns one scope of a grant into a Where on the resource, for the workspaces where it holds. */
export type ScopeResolver = (args: { req: PayloadRequest; actor: Actor; workspaces: Id[] }) => Promise<Where | false> | Where | false

/**
 * read / update / delete access from the capability table: super-admins everything, anonymous nothing,
 * everyone else the `or` of what each of their grants covers.
 */
export function scopedAccess(capability: Capability, resolvers: Partial<Record<Scope, ScopeResolver>>): Access {
  return async ({ req }) => {
    const actor = await loadActor(req)
    if (!actor) return false
    if (actor.superAdmin) return true
    const clauses: Where[] = []
    for (const [scope, workspaces] of grantsOf(actor, capability)) {
      const clause = await resolvers[scope]?.({ req, actor, workspaces })
      if (clause) clauses.push(clause)
    }
    return anyOf(clauses)
  }
}

/**
 * create access for a workspace-owned collection. Payload ignores a Where returned for create, so this checks
 * `data.workspace` itself. Without data (the admin panel asking "may I create at all?") it answers whether
 * the actor may create in any workspace.
 */
export function workspaceCreateAccess(capability: Capability): Access {
  return async ({ req, data }) => {
    const actor = await loadActor(req)
    // no workspace given: let validation answer 400 "workspace is required" rather than a bare 403
    if (!data || data.workspace == null) return can(actor, capability)
    return can(actor, capability, data.workspace)
  }
}

type ResourceWithCrud = 'workspaceMembers' | 'userGroups' | 'ontologies' | 'datasets' | 'dataItems' | 'projects' | 'workflowTemplates'

/** The four access functions of a workspace-owned collection, from its row of the capability table. */
export function workspaceOwnedAccess<R extends ResourceWithCrud>(
  resource: R,
  scoped: (capability: `${R}.read` | `${R}.update` | `${R}.delete`) => Access,
): { create: Access; read: Access; update: Access; delete: Access } {
  return {
    create: workspaceCreateAccess(`${resource}.create` as Capability),
    read: scoped(`${resource}.read`),
    update: scoped(`${resource}.update`),
    delete: scoped(`${resource}.delete`),
  }
}
