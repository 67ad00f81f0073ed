import { type PayloadRequest, UnauthorizedError } from 'payload'

import { getOptions } from '../context.ts'
import { SignInRequiredError } from '../errors.ts'
import type { ProjectRole, WorkspaceRole } from '../roles.ts'
import type { Id } from '../types.ts'
import type { ProjectActor } from '../domain/projects/capabilities.ts'
import { loadMembershipRows, type MembershipRow } from '../sql/access/actorRows.ts'

export type { Id } from '../types.ts'

/** Who is asking, as LabelOps sees them: loaded once per request and cached on req.context. */
export type Actor = {
  userId: Id
  superAdmin: boolean
  memberships: Array<{ workspace: Id; role: WorkspaceRole }>
  /** groups the actor manages / belongs to, in workspaces where the actor is still a member */
  managedGroups: Array<{ id: Id; workspace: Id }>
  memberGroups: Array<{ id: Id; workspace: Id }>
  /** the people in the groups the actor manages */
  managedPeople: Array<{ user: Id; workspace: Id }>
  /** the actor's project roles (directly or through a group), and what those projects use */
  projectRoles: Array<{ project: Id; workspace: Id; role: ProjectRole }>
  projectDatasets: Array<{ id: Id; workspace: Id }>
  projectOntologies: Array<{ id: Id; workspace: Id }>
}

const CACHE_KEY = 'labelOpsActor'

/** undefined for anonymous requests. One query per request, whatever the request reads. */
export function loadActor(req: PayloadRequest): Promise<Actor | undefined> {
  const user = req.user
  if (!user) return Promise.resolve(undefined)
  const cached = req.context[CACHE_KEY] as { userId: Id; actor: Promise<Actor> } | undefined
  if (cached && cached.userId === user.id) return cached.actor
  return cacheActor(req, loadMembershipRows(req, user.id))
}

/** Whether this request has loaded (or is loading) its actor already. */
export const hasLoadedActor = (req: PayloadRequest): boolean =>
  Boolean(req.user && (req.context[CACHE_KEY] as { userId: Id } | undefined)?.userId === req.user.id)

/** The request's actor built from its access rows (loaded by loadMembershipRows or a statement that includes it). */
export function cacheActor(req: PayloadRequest, loading: Promise<MembershipRow[]>): Promise<Actor> {
  const user = req.user!
  const actor = (async (): Promise<Actor> => {
    const superAdmin = getOptions(req.payload).isSuperAdmin({ req, user })
    const rows = await loading
    const memberships = rows
      .filter((row) => row.kind === 'membership')
      .map((row) => ({ workspace: row.workspace, role: row.role as WorkspaceRole }))
    const isMemberOf = (workspace: Id) => memberships.some((membership) => sameId(membership.workspace, workspace))
    const tiesOf = (kind: MembershipRow['kind']) =>
      rows.filter((row) => row.kind === kind && isMemberOf(row.workspace)).map((row) => ({ id: row.ref!, workspace: row.workspace }))
    return {
      userId: user.id,
      superAdmin,
      memberships,
      managedGroups: tiesOf('managers'),
      memberGroups: tiesOf('members'),
      managedPeople: tiesOf('managed-member').map(({ id, workspace }) => ({ user: id, workspace })),
      projectRoles: rows
        .filter((row) => row.kind === 'project-role' && isMemberOf(row.workspace))
        .map((row) => ({ project: row.ref!, workspace: row.workspace, role: row.role as ProjectRole })),
      projectDatasets: tiesOf('project-dataset'),
      projectOntologies: tiesOf('project-ontology'),
    }
  })()
  req.context[CACHE_KEY] = { userId: user.id, actor }
  return actor
}

/** 401 unless someone is signed in: the one check every LabelOps route and operation makes first. */
export function requireUser(req: PayloadRequest, doing: string): NonNullable<PayloadRequest['user']> {
  if (!req.user) throw new SignInRequiredError(`You must be logged in to ${doing}`)
  return req.user
}

export { SignInRequiredError } from '../errors.ts'

/** The signed-in actor, or 401: every operation a person calls starts here. */
export async function requireActor(req: PayloadRequest): Promise<Actor> {
  const actor = await loadActor(req)
  if (!actor) throw new UnauthorizedError(req.t)
  return actor
}

/** Forget the cached actor (a request that changed memberships reads them afresh). */
export function forgetActor(req: PayloadRequest): void {
  delete req.context[CACHE_KEY]
}

export const sameId = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b)

/** A relationship value as its id: `3`, `'3'` or `{ id: 3, ... }` -> 3. */
export function idOf(value: unknown): Id | undefined {
  if (value && typeof value === 'object' && 'id' in value) return (value as { id: Id }).id
  return typeof value === 'number' || typeof value === 'string' ? value : undefined
}

/** The actor's roles in one project (empty when none). */
export function projectRolesIn(actor: Actor, project: unknown): ProjectRole[] {
  const id = idOf(project)
  return actor.projectRoles.filter((tie) => sameId(tie.project, id)).map((tie) => tie.role)
}

/** The actor as one project sees them (what canInProject / assertCan ask about). */
export function projectActorOf(actor: Actor, project: { id: unknown; workspace: unknown }): ProjectActor {
  return { superAdmin: actor.superAdmin, workspaceRole: roleIn(actor, project.workspace), projectRoles: projectRolesIn(actor, project.id) }
}

export function roleIn(actor: Actor, workspace: unknown): WorkspaceRole | undefined {
  const id = idOf(workspace)
  return actor.memberships.find((membership) => sameId(membership.workspace, id))?.role
}
