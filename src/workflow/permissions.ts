import type { ProjectRole } from '../roles.ts'
import type { StageType } from './graph.ts'

export const TASK_ACTIONS = ['submit', 'skip', 'release', 'approve', 'reject', 'resolve', 'move'] as const
export type TaskAction = (typeof TASK_ACTIONS)[number]

/**
 * Who may take which action where: Annotators work annotate and consensus stages, Reviewers review stages,
 * and only project Admins, Team Managers (and workspace Admins) move tasks. Managers may act anywhere. Pure.
 */
export function actionProblem({ action, stageType, projectRoles, manager }: {
  action: TaskAction
  stageType: StageType
  projectRoles: readonly ProjectRole[]
  manager: boolean
}): string | undefined {
  if (manager) return undefined
  if (action === 'move') return 'only project Admins and Team Managers move tasks'
  const worksHere =
    stageType === 'annotate' || stageType === 'consensus' ? projectRoles.includes('annotator')
      : stageType === 'review' ? projectRoles.includes('reviewer')
        : false
  if (!worksHere) {
    const needed = stageType === 'review' ? 'Reviewers' : 'Annotators'
    return `only ${needed} of this project act on tasks in a ${stageType} stage`
  }
  return undefined
}
