// Where each stage is drawn: a left-to-right layered layout (dagre), so a graph loaded from JSON or built by
// clicks is readable without anyone placing boxes. Positions are the view's, never stored with the graph.
import dagre from '@dagrejs/dagre'

import { outputsOf } from '../../src/domain/workflow/editing.ts'
import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'

export const NODE_WIDTH = 210

/** A stage box's height: its title lines, one row per pathway, and its problems (estimated, for the layout). */
export function nodeHeight(outputs: number, problems: number): number {
  return 64 + Math.max(outputs, 1) * 24 + problems * 34
}

export type Point = { x: number; y: number }

/** The top-left corner of every stage's box. */
export function layoutGraph(graph: WorkflowGraph, problemCounts: ReadonlyMap<string, number> = new Map()): Map<string, Point> {
  const layout = new dagre.graphlib.Graph({ multigraph: true })
  layout.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 70, marginx: 16, marginy: 16 })
  layout.setDefaultEdgeLabel(() => ({}))
  const heights = new Map<string, number>()
  for (const stage of graph.stages) {
    const height = nodeHeight(outputsOf(stage).length, problemCounts.get(stage.id) ?? 0)
    heights.set(stage.id, height)
    layout.setNode(stage.id, { width: NODE_WIDTH, height })
  }
  for (const edge of graph.edges) {
    if (heights.has(edge.from) && heights.has(edge.to)) layout.setEdge(edge.from, edge.to, {}, `${edge.from}|${edge.pathway}`)
  }
  dagre.layout(layout)
  const positions = new Map<string, Point>()
  for (const stage of graph.stages) {
    const node = layout.node(stage.id)
    positions.set(stage.id, { x: node.x - NODE_WIDTH / 2, y: node.y - heights.get(stage.id)! / 2 })
  }
  return positions
}
