import type { CollectionBeforeChangeHook } from 'payload'

import { idOf, loadActor, roleIn, sameId } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { FieldRuleError, ForbiddenChangeError } from '../src/errors.ts'
import type { WorkspaceRole } from '../src/roles.ts'
import { groupProblems } from '../src/domain/people/groups.ts'
import type { MembershipDoc } from '../src/types.ts'
import { isSystem, systemAccess } from '../src/system.ts'

const ids = (value: unknown): Array<number | string> => (Array.isArray(value) ? value.map(idOf).filter((id) => id !== undefined) : [])

/** Checks members and managers against the workspace's memberships; a Workforce Manager manages what it creates. */
export const enforceGroupRules: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (isSystem(req)) return data
  const actor = await loadActor(req)
  const workspace = idOf(data.workspace ?? originalDoc?.workspace)
  const actorRole = actor?.superAdmin ? 'super-admin' : actor && roleIn(actor, workspace)

  const managers = ids(data.managers ?? originalDoc?.managers)
  if (operation === 'create' && actorRole === 'workforce-manager' && !managers.some((id) => sameId(id, actor!.userId))) {
    managers.push(actor!.userId)
    data.managers = managers
  }
  const members = ids(data.members ?? originalDoc?.members)

  const { slugs } = getOptions(req.payload)
  const people = [...new Set([...members, ...managers].map(String))]
  const memberships =
    people.length === 0
      ? []
      : ((
          await req.payload.find({
            collection: slugs.workspaceMembers,
            where: { and: [{ workspace: { equals: workspace } }, { user: { in: people } }] },
            depth: 0,
            pagination: false,
            ...systemAccess(req),
          })
        ).docs as unknown as MembershipDoc[])
  const roleOf = (user: number | string) => memberships.find((m) => sameId(idOf(m.user), user))?.role as WorkspaceRole | undefined

  const [problem] = groupProblems({ actorRole, members, managers, previousMembers: ids(originalDoc?.members), roleOf })
  if (problem)
    throw problem.status === 403
      ? new ForbiddenChangeError(problem.path, problem.message)
      : new FieldRuleError(problem.path, problem.message)
  return data
}
