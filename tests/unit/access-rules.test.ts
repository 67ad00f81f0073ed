import { describe, expect, it } from 'vitest'

import type { Actor } from '../../src/access/actor.ts'
import { can, grantsOf, scopesIn } from '../../src/access/grants.ts'
import { groupProblems } from '../../src/domain/people/groups.ts'
import { lastAdminProblem, membershipChangeProblem } from '../../src/domain/people/memberships.ts'

const actor = (memberships: Actor['memberships'], superAdmin = false): Actor => ({
  userId: 1,
  superAdmin,
  memberships,
  managedGroups: [],
  memberGroups: [],
  managedPeople: [],
  projectRoles: [],
  projectDatasets: [],
  projectOntologies: [],
})

describe('capability grants', () => {
  const wfmHere = actor([
    { workspace: 10, role: 'workforce-manager' },
    { workspace: 20, role: 'tasker' },
  ])

  it('collects, per scope, the workspaces where a role grants it', () => {
    expect(Object.fromEntries(grantsOf(wfmHere, 'workspaceMembers.read'))).toEqual({ taskers: [10], managed: [10], own: [10, 20] })
    expect(scopesIn(wfmHere, 'workspaceMembers.update', 10)).toEqual(['taskers'])
    expect(scopesIn(wfmHere, 'workspaceMembers.update', 20)).toEqual([])
  })

  it('answers can() per workspace, anywhere, and for super-admins and nobody', () => {
    expect(can(wfmHere, 'userGroups.create', 10)).toBe(true)
    expect(can(wfmHere, 'userGroups.create', '10')).toBe(true) // ids compare as strings
    expect(can(wfmHere, 'userGroups.create', 20)).toBe(false)
    expect(can(wfmHere, 'workspaces.delete')).toBe(false)
    expect(can(actor([], true), 'workspaces.delete', 99)).toBe(true)
    expect(can(undefined, 'workspaces.read')).toBe(false)
  })
})

describe('membership change rules', () => {
  it.each([
    ['admin', false, undefined, 'admin', undefined],
    ['admin', false, 'tasker', 'workforce-manager', undefined],
    ['admin', true, 'admin', 'member', 'nobody changes their own role'],
    ['admin', true, 'admin', 'admin', undefined],
    ['workforce-manager', false, undefined, 'tasker', undefined],
    ['workforce-manager', false, undefined, 'member', 'a Workforce Manager can only assign Tasker (not Member)'],
    ['workforce-manager', false, 'tasker', 'admin', 'a Workforce Manager can only assign Tasker (not Admin)'],
    ['workforce-manager', false, 'member', 'tasker', "a Workforce Manager cannot change a Member's membership"],
    ['workforce-manager', true, 'workforce-manager', 'admin', 'nobody changes their own role'],
    ['member', false, undefined, 'tasker', 'a Member cannot assign workspace roles'],
    ['tasker', true, 'tasker', 'admin', 'nobody changes their own role'],
    [undefined, false, undefined, 'tasker', 'you are not a member of this workspace'],
    ['super-admin', true, 'admin', 'tasker', undefined],
  ] as const)('%s (self: %s) %s -> %s: %s', (actorRole, actorIsTarget, from, to, problem) => {
    expect(membershipChangeProblem({ actorRole, actorIsTarget, from, to })).toBe(problem)
  })

  it('keeps one Admin per workspace', () => {
    expect(lastAdminProblem({ from: 'admin', to: 'member', adminCount: 1 })).toMatch(/at least one Admin/)
    expect(lastAdminProblem({ from: 'admin', adminCount: 1 })).toMatch(/at least one Admin/)
    expect(lastAdminProblem({ from: 'admin', to: 'member', adminCount: 2 })).toBeUndefined()
    expect(lastAdminProblem({ from: 'tasker', adminCount: 0 })).toBeUndefined()
  })
})

describe('user group rules', () => {
  const roles: Record<number, 'admin' | 'workforce-manager' | 'member' | 'tasker'> = {
    1: 'admin',
    2: 'workforce-manager',
    3: 'member',
    4: 'tasker',
  }
  const roleOf = (user: number | string) => roles[Number(user)]

  it('needs members of the workspace and managers who are Admins or Workforce Managers', () => {
    expect(groupProblems({ actorRole: 'admin', members: [3, 4, 9], managers: [2, 3], previousMembers: [], roleOf })).toEqual([
      { path: 'members[2]', message: 'user 9 is not a member of this workspace', status: 400 },
      { path: 'managers[1]', message: 'user 3 must be an Admin or Workforce Manager of this workspace to manage a group', status: 400 },
    ])
  })

  it('lets a Workforce Manager add Taskers only, keeping members already there', () => {
    expect(groupProblems({ actorRole: 'workforce-manager', members: [4], managers: [2], previousMembers: [], roleOf })).toEqual([])
    expect(groupProblems({ actorRole: 'workforce-manager', members: [3, 4], managers: [2], previousMembers: [3], roleOf })).toEqual([])
    expect(groupProblems({ actorRole: 'workforce-manager', members: [4, 3], managers: [2], previousMembers: [], roleOf })).toEqual([
      { path: 'members[1]', message: 'a Workforce Manager can only add Taskers to a group', status: 403 },
    ])
  })
})
