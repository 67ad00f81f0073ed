// The project half of the capability table, asked without a database: who holds what, in which scope, and
// the checks built on it (assertCan, stage and action capabilities).
import { describe, expect, it } from 'vitest'

import { assertCan } from '../../src/access/assertCan.ts'
import {
  canInProject,
  inProject,
  type ProjectActor,
  projectCapabilityProblem,
  projectRolesWith,
  projectScopeOf,
  seatsOf,
  stageCapability,
} from '../../src/domain/projects/capabilities.ts'
import { ForbiddenChangeError } from '../../src/errors.ts'
import { PROJECT_CAPABILITIES, type ProjectCapability, type ProjectScope } from '../../src/roles.ts'
import { actionCapability } from '../../src/domain/workflow/permissions.ts'

const as = (projectRoles: ProjectActor['projectRoles'], workspaceRole: ProjectActor['workspaceRole'] = 'tasker'): ProjectActor => ({
  workspaceRole,
  projectRoles,
})
const annotator = as(['annotator'])
const reviewer = as(['reviewer'])
const teamManager = as(['team-manager'], 'member')
const projectAdmin = as(['admin'], 'member')
const workspaceAdmin = as([], 'admin')
const superAdmin: ProjectActor = { superAdmin: true, projectRoles: [] }
const outsider = as([], 'member')

/** The expected grants, written out by hand from the README's "who may do what" (independent of the table). */
const EXPECTED: Record<
  ProjectCapability,
  Record<'annotator' | 'reviewer' | 'teamManager' | 'projectAdmin' | 'workspaceAdmin', ProjectScope | undefined>
> = {
  'project.manage': { annotator: undefined, reviewer: undefined, teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.claim': { annotator: 'own', reviewer: 'own', teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.annotate': { annotator: 'own', reviewer: undefined, teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.review': { annotator: undefined, reviewer: 'own', teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.move': { annotator: undefined, reviewer: undefined, teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.bulk': { annotator: undefined, reviewer: undefined, teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.queue.read': { annotator: 'own', reviewer: 'own', teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.labels.write': { annotator: 'own', reviewer: undefined, teamManager: 'own', projectAdmin: 'own', workspaceAdmin: 'own' },
  'project.issues.raise': { annotator: 'own', reviewer: 'own', teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.issues.edit': { annotator: 'own', reviewer: 'own', teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.analytics.read': { annotator: 'own', reviewer: 'own', teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.labels.export': { annotator: undefined, reviewer: undefined, teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.labels.import': { annotator: undefined, reviewer: undefined, teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.status.update': { annotator: undefined, reviewer: undefined, teamManager: 'team', projectAdmin: 'team', workspaceAdmin: 'team' },
  'project.collaborators.admins': {
    annotator: undefined,
    reviewer: undefined,
    teamManager: undefined,
    projectAdmin: 'team',
    workspaceAdmin: 'team',
  },
  'project.inactive.write': {
    annotator: undefined,
    reviewer: undefined,
    teamManager: 'team',
    projectAdmin: 'team',
    workspaceAdmin: 'team',
  },
  'project.archived.write': {
    annotator: undefined,
    reviewer: undefined,
    teamManager: undefined,
    projectAdmin: undefined,
    workspaceAdmin: 'team',
  },
}
const ACTORS = { annotator, reviewer, teamManager, projectAdmin, workspaceAdmin } as const

describe('PROJECT_CAPABILITIES', () => {
  it('covers exactly the capabilities written out here', () => {
    expect(Object.keys(PROJECT_CAPABILITIES).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  for (const capability of Object.keys(EXPECTED) as ProjectCapability[]) {
    it(`${capability}: each seat holds it in the expected scope`, () => {
      for (const [name, actor] of Object.entries(ACTORS)) {
        const want = EXPECTED[capability][name as keyof typeof ACTORS]
        expect(projectScopeOf(actor, capability), name).toBe(want)
        expect(canInProject(actor, capability), name).toBe(want !== undefined)
        expect(canInProject(actor, capability, 'own'), name).toBe(want !== undefined)
        expect(canInProject(actor, capability, 'team'), name).toBe(want === 'team')
      }
      // super-admins sit where workspace Admins do; people with no seat hold nothing
      expect(projectScopeOf(superAdmin, capability)).toBe(EXPECTED[capability].workspaceAdmin)
      expect(canInProject(outsider, capability)).toBe(false)
    })
  }

  it('adds up several roles, the widest scope winning', () => {
    expect(projectScopeOf(as(['annotator', 'reviewer']), 'project.review')).toBe('own')
    expect(projectScopeOf(as(['annotator', 'team-manager']), 'project.annotate')).toBe('team')
    expect(projectScopeOf(as(['reviewer'], 'admin'), 'project.review')).toBe('team')
  })

  it('seats people: their project roles, and workspace-admin for Admins and super-admins', () => {
    expect(seatsOf(as(['annotator', 'reviewer']))).toEqual(['annotator', 'reviewer'])
    expect(seatsOf(workspaceAdmin)).toEqual(['workspace-admin'])
    expect(seatsOf(superAdmin)).toEqual(['workspace-admin'])
    expect(inProject(outsider)).toBe(false)
    expect(inProject(annotator)).toBe(true)
  })

  it('names the project roles that run a project (the project-managed access scope)', () => {
    expect(projectRolesWith('project.manage').sort()).toEqual(['admin', 'team-manager'])
    expect(projectRolesWith('project.claim', 'team').sort()).toEqual(['admin', 'team-manager'])
    expect(projectRolesWith('project.claim').sort()).toEqual(['admin', 'annotator', 'reviewer', 'team-manager'])
  })
})

describe('working stages and actions', () => {
  it('maps each stage type to the capability of working it', () => {
    expect(stageCapability('annotate')).toBe('project.annotate')
    expect(stageCapability('consensus')).toBe('project.annotate')
    expect(stageCapability('review')).toBe('project.review')
    for (const type of ['router', 'complete', 'archive']) expect(stageCapability(type)).toBeUndefined()
  })

  it('asks project.move for a move and for anything on a stage nobody works', () => {
    expect(actionCapability('move', 'annotate')).toBe('project.move')
    expect(actionCapability('submit', 'annotate')).toBe('project.annotate')
    expect(actionCapability('approve', 'review')).toBe('project.review')
    expect(actionCapability('submit', 'complete')).toBe('project.move')
  })
})

describe('assertCan', () => {
  it('passes holders and refuses the others with a 403 naming the field and who may', () => {
    expect(() => assertCan(teamManager, 'project.bulk', 'team')).not.toThrow()
    expect(() => assertCan(annotator, 'project.queue.read')).not.toThrow()
    let thrown: unknown
    try {
      assertCan(annotator, 'project.bulk', 'team', 'operation')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ForbiddenChangeError)
    expect((thrown as ForbiddenChangeError).status).toBe(403)
    expect((thrown as Error).message).toBe('operation: queue operations are run only by project Admins, Team Managers and workspace Admins')
    // an own grant does not reach the team
    expect(() => assertCan(annotator, 'project.queue.read', 'team')).toThrow(/only by project Admins, Team Managers and workspace Admins/)
    expect(projectCapabilityProblem(reviewer, 'project.annotate')).toBe(
      'tasks in annotate and consensus stages are worked only by project Admins, Team Managers, Annotators and workspace Admins',
    )
    expect(projectCapabilityProblem(teamManager, 'project.archived.write')).toBe('an archived project is changed only by workspace Admins')
  })
})
