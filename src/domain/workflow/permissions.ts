import { stageCapability } from '../projects/capabilities.ts'
import type { ProjectCapability } from '../../roles.ts'
import type { StageType } from './graph.ts'

export const TASK_ACTIONS = ['submit', 'skip', 'release', 'approve', 'reject', 'move'] as const
export type TaskAction = (typeof TASK_ACTIONS)[number]

/**
 * The capability an action on a task takes (PROJECT_CAPABILITIES): a move takes `project.move`; any other
 * action the capability of working the task's stage (annotate and consensus: `project.annotate`; review:
 * `project.review`). A stage nobody works (router, complete, archive) is acted on only by those who move
 * tasks — the workflow then says whether the action applies there. Pure.
 */
export function actionCapability(action: TaskAction, stageType: StageType): ProjectCapability {
  if (action === 'move') return 'project.move'
  return stageCapability(stageType) ?? 'project.move'
}
