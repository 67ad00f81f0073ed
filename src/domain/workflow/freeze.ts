import { canonicalJson } from '../utilities/canonicalJson.ts'
import type { WorkflowGraph } from './graph.ts'

/**
 * The part of a graph that running tasks depend on: stage ids, types and behaviour, start, and edges. Names
 * and assignment settings (users, groups) are left out, so they stay editable once tasks exist. Pure.
 */
export function workflowStructure(graph: WorkflowGraph | null | undefined): string {
  if (!graph) return ''
  const stages = graph.stages.map((stage) => {
    const {
      users: _users,
      groups: _groups,
      ...behaviour
    } = ('config' in stage && stage.config ? stage.config : {}) as Record<string, unknown>
    return { id: stage.id, type: stage.type, behaviour }
  })
  const edges = graph.edges
    .map(({ from, pathway, to }) => ({ from, pathway, to }))
    .sort((a, b) => `${a.from}|${a.pathway}`.localeCompare(`${b.from}|${b.pathway}`))
  return canonicalJson({ start: graph.start ?? graph.stages[0]?.id, stages, edges })
}
