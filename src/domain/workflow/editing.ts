// The workflow builder's rules (admin-components/workflow): the palette of stages, graph edits that keep every
// edge on a pathway its stage offers, and which validation problems belong to which stage. Pure, so the browser
// and the tests share them with the server's validation (validateWorkflow).
import { pathwaysOf, type Stage, type WorkflowGraph } from './graph.ts'
import type { WorkflowProblem } from './validate.ts'

/** One entry of the builder's palette: a stage type (routers by kind) with a readable name. */
export type PaletteEntry = { key: PaletteKey; label: string; hint: string }
export type PaletteKey =
  'annotate' | 'review' | 'consensus' | 'percentage-router' | 'collaborator-router' | 'metadata-router' | 'complete' | 'archive'

export const PALETTE: readonly PaletteEntry[] = [
  { key: 'annotate', label: 'Annotate', hint: 'An annotator labels the task; leaves by submit.' },
  { key: 'review', label: 'Review', hint: 'A reviewer approves or rejects the labels.' },
  { key: 'consensus', label: 'Consensus', hint: 'Several annotators label independently; the round is resolved.' },
  { key: 'percentage-router', label: 'Percentage router', hint: 'Splits tasks between branches by weight.' },
  { key: 'collaborator-router', label: 'Collaborator router', hint: 'Routes by who worked the previous stage.' },
  { key: 'metadata-router', label: 'Metadata router', hint: "Routes by the data item's metadata." },
  { key: 'complete', label: 'Complete', hint: 'Finished work; the labels are done.' },
  { key: 'archive', label: 'Archive', hint: 'Set aside without completing.' },
]

const BASE_ID: Record<PaletteKey, string> = {
  annotate: 'annotate',
  review: 'review',
  consensus: 'consensus',
  'percentage-router': 'router',
  'collaborator-router': 'router',
  'metadata-router': 'router',
  complete: 'complete',
  archive: 'archive',
}

/** The palette entry a stage belongs to. */
export function paletteKeyOf(stage: Stage): PaletteKey {
  return stage.type === 'router' ? `${stage.config.kind}-router` : stage.type
}

/** An id no stage of the graph has: `review`, then `review-2`, `review-3`... */
export function freeStageId(graph: WorkflowGraph, base: string): string {
  const taken = new Set(graph.stages.map((stage) => stage.id))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** A new stage of a palette entry with the settings it needs to be valid on its own. */
export function newStage(graph: WorkflowGraph, key: PaletteKey): Stage {
  const id = freeStageId(graph, BASE_ID[key])
  const entry = PALETTE.find((one) => one.key === key)!
  const name = numbered(graph, entry.label)
  switch (key) {
    case 'consensus':
      return { id, type: 'consensus', name, config: { annotators: 3 } }
    case 'percentage-router':
      return {
        id,
        type: 'router',
        name,
        config: {
          kind: 'percentage',
          branches: [
            { pathway: 'a', weight: 50 },
            { pathway: 'b', weight: 50 },
          ],
        },
      }
    case 'collaborator-router':
      return {
        id,
        type: 'router',
        name,
        config: { kind: 'collaborator', branches: [{ pathway: 'chosen', users: [] }], otherwise: 'others' },
      }
    case 'metadata-router':
      return {
        id,
        type: 'router',
        name,
        config: { kind: 'metadata', rules: [{ pathway: 'matched', key: '', op: 'equals', value: '' }], otherwise: 'others' },
      }
    default:
      return { id, type: key, name } as Stage
  }
}

function numbered(graph: WorkflowGraph, label: string): string {
  const names = new Set(graph.stages.map((stage) => stage.name))
  if (!names.has(label)) return label
  for (let n = 2; ; n++) if (!names.has(`${label} ${n}`)) return `${label} ${n}`
}

/** The graph with a new stage appended (the first stage of an empty graph is its start). */
export function addStage(graph: WorkflowGraph, key: PaletteKey): { graph: WorkflowGraph; id: string } {
  const stage = newStage(graph, key)
  return { graph: { ...graph, stages: [...graph.stages, stage] }, id: stage.id }
}

/**
 * The graph without a stage and every edge into or out of it. A removed start stays named as the start, so
 * validation says the workflow has none and the person chooses one (never a silent new start).
 */
export function removeStage(graph: WorkflowGraph, id: string): WorkflowGraph {
  const next: WorkflowGraph = {
    ...graph,
    stages: graph.stages.filter((stage) => stage.id !== id),
    edges: graph.edges.filter((edge) => edge.from !== id && edge.to !== id),
  }
  if ((graph.start ?? graph.stages[0]?.id) === id && next.stages.length > 0) next.start = id
  return next
}

/** The pathways a stage offers, or none while its settings are incomplete (a stored graph may be anything). */
export function outputsOf(stage: Stage): string[] {
  try {
    return [...new Set(pathwaysOf(stage).filter((pathway) => typeof pathway === 'string' && pathway !== ''))]
  } catch {
    return []
  }
}

/** The pathway `from`.`pathway` leads to `to` (replacing where it led before). Refuses pathways the stage lacks. */
export function connect(graph: WorkflowGraph, from: string, pathway: string, to: string): WorkflowGraph {
  const stage = graph.stages.find((one) => one.id === from)
  if (!stage || !outputsOf(stage).includes(pathway) || !graph.stages.some((one) => one.id === to)) return graph
  return { ...graph, edges: [...graph.edges.filter((edge) => !(edge.from === from && edge.pathway === pathway)), { from, pathway, to }] }
}

/** The pathway `from`.`pathway` leads nowhere. */
export function disconnect(graph: WorkflowGraph, from: string, pathway: string): WorkflowGraph {
  return { ...graph, edges: graph.edges.filter((edge) => !(edge.from === from && edge.pathway === pathway)) }
}

/** Stage `id` becomes the first stage of every task. */
export function setStart(graph: WorkflowGraph, id: string): WorkflowGraph {
  return { ...graph, start: id }
}

/**
 * Stage `id` replaced by `stage` (its id unchanged). A router's renamed branches take their edges along
 * (`renamed`: old pathway -> new); edges on pathways the stage no longer offers are dropped.
 */
export function updateStage(graph: WorkflowGraph, id: string, stage: Stage, renamed: Record<string, string> = {}): WorkflowGraph {
  const kept = { ...stage, id } as Stage
  const offered = new Set(outputsOf(kept))
  const renames = new Map(Object.entries(renamed))
  // an edge already on a pathway another is renamed onto wins: renaming never rewires an existing connection
  const occupied = new Set(graph.edges.filter((edge) => edge.from === id && !renames.has(edge.pathway)).map((edge) => edge.pathway))
  const edges = graph.edges.flatMap((edge) => {
    if (edge.from !== id) return [edge]
    const pathway = renames.get(edge.pathway) ?? edge.pathway
    if (!offered.has(pathway)) return []
    if (renames.has(edge.pathway) && occupied.has(pathway)) return []
    occupied.add(pathway)
    return [{ ...edge, pathway }]
  })
  return { ...graph, stages: graph.stages.map((one) => (one.id === id ? kept : one)), edges }
}

/** Why a router's branch may not take `name` (blank, not an id, or another branch's), or null. */
export function pathwayNameProblem(name: string, others: readonly string[]): string | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) return 'Use 1-64 letters, digits, _ or -.'
  if (others.includes(name)) return `Another branch is already called "${name}".`
  return null
}

/** A pathway name no branch of the router uses yet: `b`, `c`... then `branch-N`. */
export function freePathway(taken: readonly string[]): string {
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') if (!taken.includes(letter)) return letter
  for (let n = 1; ; n++) if (!taken.includes(`branch-${n}`)) return `branch-${n}`
}

/** A graph the builder can draw: the stored one when it has lists of stages and edges, else null. */
export function editableGraph(value: unknown): WorkflowGraph | null {
  if (!value || typeof value !== 'object') return null
  const graph = value as Partial<WorkflowGraph>
  if (!Array.isArray(graph.stages) || !Array.isArray(graph.edges)) return null
  const stages = graph.stages.filter(
    (stage): stage is Stage => !!stage && typeof stage === 'object' && typeof (stage as Stage).id === 'string',
  )
  const edges = graph.edges.filter((edge) => !!edge && typeof edge === 'object' && typeof edge.from === 'string')
  return { ...(graph as WorkflowGraph), stages, edges }
}

/**
 * The problems of `graph` by stage id, those naming no stage under ''. A schema problem names a path
 * (`stages[2].config.annotators`), not a stage: it belongs to the stage at that index.
 */
export function problemsOfGraph(graph: WorkflowGraph, problems: readonly WorkflowProblem[]): Map<string, string[]> {
  const byStage = new Map<string, string[]>()
  for (const problem of problems) {
    const index = problem.path?.match(/^stages\[(\d+)\]/)?.[1]
    const key = problem.stage ?? (index === undefined ? undefined : graph.stages[Number(index)]?.id) ?? ''
    byStage.set(key, [...(byStage.get(key) ?? []), problem.message])
  }
  return byStage
}

type RuleOp = 'equals' | 'not-equals' | 'in' | 'exists' | 'gt' | 'lt'

/** A metadata rule's value as the builder's text box shows it (`in`: comma-separated). */
export function ruleValueText(op: RuleOp, value: unknown): string {
  if (op === 'exists' || value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((one) => String(one)).join(', ')
  return String(value)
}

/**
 * The value a rule's text box means: a number for gt / lt, a list of texts for `in`, none for exists, else the
 * text as typed (metadata is matched exactly: "007" is not 7). `previous` keeps a stored number a number.
 */
export function ruleValueOf(op: RuleOp, text: string, previous?: unknown): unknown {
  const numeric = text.trim() !== '' && Number.isFinite(Number(text))
  if (op === 'exists') return undefined
  if (op === 'in')
    return text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
  if (op === 'gt' || op === 'lt') return numeric ? Number(text) : text.trim()
  return typeof previous === 'number' && numeric ? Number(text) : text
}
