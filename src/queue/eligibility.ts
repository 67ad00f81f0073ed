import type { ProjectRole } from '../roles.ts'
import type { WorkflowGraph } from '../workflow/graph.ts'

/**
 * The stages whose tasks a person may be served: Annotators the annotate and consensus stages, Reviewers the
 * review stages, project Admins and Team Managers all working stages. Pure.
 */
export function workableStages(graph: WorkflowGraph | undefined, roles: readonly ProjectRole[], manager: boolean): { stages: string[]; reviewStages: string[] } {
  const stages = (graph?.stages ?? []).filter((stage) =>
    manager
      ? stage.type === 'annotate' || stage.type === 'consensus' || stage.type === 'review'
      : ((stage.type === 'annotate' || stage.type === 'consensus') && roles.includes('annotator')) || (stage.type === 'review' && roles.includes('reviewer')))
  return { stages: stages.map((stage) => stage.id), reviewStages: stages.filter((stage) => stage.type === 'review').map((stage) => stage.id) }
}
