import { describe, expect, it } from 'vitest'

import { membershipChangeProblem, offeredRoles } from '../../src/domain/people/memberships.ts'
import { WORKSPACE_ROLES } from '../../src/roles.ts'

describe('the roles a role select offers', () => {
  it('offers exactly the current role and the changes the server allows', () => {
    for (const actorRole of [...WORKSPACE_ROLES, 'super-admin' as const])
      for (const from of [undefined, ...WORKSPACE_ROLES])
        for (const actorIsTarget of [false, true]) {
          const { roles } = offeredRoles({ actorRole, actorIsTarget, from })
          for (const to of WORKSPACE_ROLES)
            expect(roles.includes(to), `${actorRole} ${from}->${to} self=${actorIsTarget}`).toBe(
              to === from || !membershipChangeProblem({ actorRole, actorIsTarget, from, to }),
            )
        }
  })

  it('says why the choice is narrowed', () => {
    expect(offeredRoles({ actorRole: 'workforce-manager', actorIsTarget: false })).toEqual({
      roles: ['tasker'],
      why: 'A Workforce Manager can only assign Tasker (not Admin).',
    })
    expect(offeredRoles({ actorRole: 'admin', actorIsTarget: true, from: 'admin' })).toEqual({
      roles: ['admin'],
      why: 'Nobody changes their own role.',
    })
    expect(offeredRoles({ actorRole: 'admin', actorIsTarget: false, from: 'member' })).toEqual({ roles: [...WORKSPACE_ROLES] })
  })
})
