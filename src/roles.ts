/** Workspace roles, from the seed's "Workspace roles" table, most powerful first. */
export const WORKSPACE_ROLES = ['admin', 'workforce-manager', 'member', 'tasker'] as const
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number]

export const WORKSPACE_ROLE_LABELS: Record<WorkspaceRole, string> = {
  admin: 'Admin',
  'workforce-manager': 'Workforce Manager',
  member: 'Member',
  tasker: 'Tasker',
}

/** Project roles, held per project by collaborators (users or user groups). */
export const PROJECT_ROLES = ['admin', 'team-manager', 'reviewer', 'annotator'] as const
export type ProjectRole = (typeof PROJECT_ROLES)[number]

export const PROJECT_ROLE_LABELS: Record<ProjectRole, string> = {
  admin: 'Admin',
  'team-manager': 'Team Manager',
  reviewer: 'Reviewer',
  annotator: 'Annotator',
}
