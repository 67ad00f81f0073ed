import { describe, expect, it } from 'vitest'

import {
  allowedStatusOptions,
  archivedEditProblem,
  PROJECT_STATUSES,
  statusChangeProblem,
  STATUS_TRANSITIONS,
  taskWorkProblem,
  type ProjectActor,
} from '../../src/domain/projects/status.ts'

const workspaceAdmin: ProjectActor = { workspaceRole: 'admin', projectRoles: [] }
const teamManager: ProjectActor = { workspaceRole: 'member', projectRoles: ['team-manager'] }
const annotator: ProjectActor = { workspaceRole: 'tasker', projectRoles: ['annotator', 'reviewer'] }

describe('project status transitions', () => {
  it('lets managers take every allowed step, and refuses the rest naming both ends', () => {
    for (const from of PROJECT_STATUSES) {
      for (const to of PROJECT_STATUSES) {
        if (from === to) continue
        const allowed = STATUS_TRANSITIONS[from].includes(to)
        expect(statusChangeProblem(workspaceAdmin, from, to) === undefined, `${from} -> ${to}`).toBe(allowed)
      }
    }
    expect(statusChangeProblem(teamManager, 'completed', 'not-started')).toMatch(
      /^cannot go from Completed to Not started \(allowed: In progress, Archived\)/,
    )
  })

  it('keeps annotators and reviewers away from the status', () => {
    expect(statusChangeProblem(annotator, 'in-progress', 'paused')).toMatch(/only workspace Admins and project Admins or Team Managers/)
    expect(statusChangeProblem(teamManager, 'in-progress', 'paused')).toBeUndefined()
  })

  it('keeps archived projects read-only except for workspace Admins', () => {
    expect(statusChangeProblem(teamManager, 'archived', 'completed')).toMatch(/only workspace Admins restore/)
    expect(statusChangeProblem(workspaceAdmin, 'archived', 'completed')).toBeUndefined()
    expect(archivedEditProblem(teamManager, 'archived')).toMatch(/read-only/)
    expect(archivedEditProblem(workspaceAdmin, 'archived')).toBeUndefined()
    expect(archivedEditProblem(teamManager, 'paused')).toBeUndefined()
  })
})

describe('the task gate', () => {
  it.each(PROJECT_STATUSES)('%s: annotators and reviewers work only when In progress, managers always', (status) => {
    expect(taskWorkProblem(annotator, status) === undefined).toBe(status === 'in-progress')
    expect(taskWorkProblem(teamManager, status)).toBeUndefined()
    expect(taskWorkProblem(workspaceAdmin, status)).toBeUndefined()
    expect(taskWorkProblem({ superAdmin: true, projectRoles: [] }, status)).toBeUndefined()
  })

  it('offers the admin only the moves allowed from the saved status, and a new project those from Not started', () => {
    expect(allowedStatusOptions('in-progress')).toEqual(['in-progress', 'paused', 'completed', 'cancelled'])
    expect(allowedStatusOptions(undefined)).toEqual(['not-started', 'in-progress', 'cancelled', 'archived'])
    expect(allowedStatusOptions('nonsense')).toEqual(allowedStatusOptions('not-started'))
    // every option offered is a move the server accepts from there (for someone allowed to make it)
    for (const from of PROJECT_STATUSES)
      for (const to of allowedStatusOptions(from)) expect(statusChangeProblem(workspaceAdmin, from, to), `${from} → ${to}`).toBeUndefined()
  })
})
