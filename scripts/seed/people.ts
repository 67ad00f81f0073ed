import type { WorkspaceRole } from '../../src/roles.ts'

/** The demo's people: one per workspace role, and the project seats (README, quick start). One password for all. */
export const DEMO_PASSWORD = 'labelops-demo'

export type ProjectSeat = 'admin' | 'team-manager' | 'reviewer' | 'annotator'
export type DemoPerson = { key: string; email: string; name: string; workspaceRole: WorkspaceRole; seat?: ProjectSeat }

/** The installation's owner (the demo host's first user is a super-admin): made only on an empty database. */
export const OWNER: Omit<DemoPerson, 'workspaceRole'> = { key: 'owner', email: 'owner@acme.test', name: 'Olive Owner' }

export const DEMO_PEOPLE = [
  { key: 'admin', email: 'admin@acme.test', name: 'Ada Admin', workspaceRole: 'admin' },
  { key: 'manager', email: 'workforce-manager@acme.test', name: 'Wes Workforce', workspaceRole: 'workforce-manager' },
  { key: 'lead', email: 'member@acme.test', name: 'Mia Member', workspaceRole: 'member', seat: 'admin' },
  { key: 'teamManager', email: 'team-manager@acme.test', name: 'Theo Teamlead', workspaceRole: 'member', seat: 'team-manager' },
  { key: 'reviewer1', email: 'reviewer1@acme.test', name: 'Rosa Reviewer', workspaceRole: 'tasker', seat: 'reviewer' },
  { key: 'reviewer2', email: 'reviewer2@acme.test', name: 'Raj Reviewer', workspaceRole: 'tasker', seat: 'reviewer' },
  { key: 'annotator1', email: 'tasker@acme.test', name: 'Tess Tasker', workspaceRole: 'tasker', seat: 'annotator' },
  { key: 'annotator2', email: 'annotator2@acme.test', name: 'Ali Annotator', workspaceRole: 'tasker', seat: 'annotator' },
  { key: 'annotator3', email: 'annotator3@acme.test', name: 'Ana Annotator', workspaceRole: 'tasker', seat: 'annotator' },
] as const satisfies readonly DemoPerson[]

export type PersonKey = (typeof DEMO_PEOPLE)[number]['key']
