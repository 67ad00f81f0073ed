import type { SanitizedLabelOpsOptions } from '../../src/options.ts'

/** The workflow builder as a JSON field's component, told the slugs it reads people, groups and tasks from. */
export function workflowBuilder(
  options: SanitizedLabelOpsOptions,
  kind: 'template' | 'project',
): { path: string; clientProps: Record<string, unknown> } {
  const { slugs } = options
  return {
    path: 'labelops/client#WorkflowField',
    clientProps: { kind, slugs: { tasks: slugs.tasks, workspaceMembers: slugs.workspaceMembers, userGroups: slugs.userGroups } },
  }
}
