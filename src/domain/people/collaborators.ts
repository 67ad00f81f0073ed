import type { ProjectRole } from '../../roles.ts'

type Id = number | string
export type CollaboratorRow = { user?: Id | null; group?: Id | null; role: ProjectRole }
export type CollaboratorProblem = { path: string; message: string; status: 400 | 403 }

const key = (row: CollaboratorRow) => `${row.user ?? ''}|${row.group ?? ''}|${row.role}`

/**
 * What is wrong with a project's collaborator list: each row names a user or a group (not both), people and
 * groups come from the project's workspace, and only project Admins (or workspace Admins) touch Admin rows —
 * a Team Manager manages every collaborator except Admins. Pure.
 */
export function collaboratorProblems({
  rows,
  previous,
  isWorkspaceMember,
  isWorkspaceGroup,
  actorMayManageAdmins,
}: {
  rows: CollaboratorRow[]
  previous: CollaboratorRow[]
  isWorkspaceMember: (user: Id) => boolean
  isWorkspaceGroup: (group: Id) => boolean
  actorMayManageAdmins: boolean
}): CollaboratorProblem[] {
  const problems: CollaboratorProblem[] = []
  const seen = new Set<string>()
  rows.forEach((row, index) => {
    const path = `collaborators[${index}]`
    const hasUser = row.user != null
    const hasGroup = row.group != null
    if (hasUser === hasGroup) problems.push({ path, message: 'name either a user or a user group', status: 400 })
    else if (hasUser && !isWorkspaceMember(row.user!))
      problems.push({ path: `${path}.user`, message: `user ${row.user} is not a member of this workspace`, status: 400 })
    else if (hasGroup && !isWorkspaceGroup(row.group!))
      problems.push({ path: `${path}.group`, message: `group ${row.group} is not a user group of this workspace`, status: 400 })
    if (seen.has(key(row))) problems.push({ path, message: 'the same collaborator and role appear twice', status: 400 })
    seen.add(key(row))
  })
  if (!actorMayManageAdmins) {
    const admins = (list: CollaboratorRow[]) =>
      list
        .filter((row) => row.role === 'admin')
        .map(key)
        .sort()
        .join(',')
    if (admins(rows) !== admins(previous)) {
      problems.push({ path: 'collaborators', message: 'a Team Manager cannot add, change or remove project Admins', status: 403 })
    }
  }
  return problems
}
