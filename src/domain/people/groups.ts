import type { WorkspaceRole } from '../../roles.ts'

export type GroupProblem = { path: string; message: string; status: 400 | 403 }

type Id = number | string

/**
 * What is wrong with a group's member and manager lists. Members must belong to the workspace; managers must
 * be its Admins or Workforce Managers; a Workforce Manager may add only Taskers as members. Pure.
 */
export function groupProblems({
  actorRole,
  members,
  managers,
  previousMembers,
  roleOf,
}: {
  actorRole: WorkspaceRole | 'super-admin' | undefined
  members: Id[]
  managers: Id[]
  previousMembers: Id[]
  roleOf: (user: Id) => WorkspaceRole | undefined
}): GroupProblem[] {
  const problems: GroupProblem[] = []
  const had = new Set(previousMembers.map(String))
  members.forEach((user, index) => {
    const role = roleOf(user)
    if (!role) problems.push({ path: `members[${index}]`, message: `user ${user} is not a member of this workspace`, status: 400 })
    else if (actorRole === 'workforce-manager' && role !== 'tasker' && !had.has(String(user))) {
      problems.push({ path: `members[${index}]`, message: 'a Workforce Manager can only add Taskers to a group', status: 403 })
    }
  })
  managers.forEach((user, index) => {
    const role = roleOf(user)
    if (role !== 'admin' && role !== 'workforce-manager') {
      problems.push({
        path: `managers[${index}]`,
        message: `user ${user} must be an Admin or Workforce Manager of this workspace to manage a group`,
        status: 400,
      })
    }
  })
  return problems
}
