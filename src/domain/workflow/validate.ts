import { formatPath } from '../ontology/schema.ts'
import {
  edgeFrom,
  edgeSchema,
  graphSchema,
  isEndStage,
  pathwaysOf,
  type Stage,
  stageSchema,
  STAGE_TYPES,
  stageId,
  startStageId,
  type WorkflowGraph,
} from './graph.ts'

export type WorkflowProblem = { stage?: string; path?: string; message: string }

/**
 * Every problem of a workflow graph, each naming its stage in a plain sentence. Pure. An empty list means the
 * graph can run: every stage reachable from the start, every pathway wired, and a way to an end from anywhere.
 * A graph that breaks the schema (a stage's settings, say) is still checked for its structure as far as it can
 * be read, so one typo does not hide a missing pathway elsewhere.
 */
export function validateWorkflow(input: unknown): { ok: true; graph: WorkflowGraph } | { ok: false; problems: WorkflowProblem[] } {
  const parsed = graphSchema.safeParse(input)
  if (parsed.success) {
    const problems = structureProblems(parsed.data, new Set())
    return problems.length === 0 ? { ok: true, graph: parsed.data } : { ok: false, problems }
  }
  const schemaProblems = parsed.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: `${formatPath(issue.path) || 'graph'}: ${issue.message}`,
  }))
  const partial = readablePart(input)
  return { ok: false, problems: [...schemaProblems, ...(partial ? structureProblems(partial.graph, partial.unread) : [])] }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * What can be read of a graph that breaks the schema: the stages and edges that pass theirs, and — by id and
 * type — the stages that do not, whose pathways are then unknown (`unread`: not checked for them). Null when not
 * even that can be told (no stage list, a stage without a usable id or type, a bad start, an edge that cannot be
 * placed between known stages).
 */
function readablePart(input: unknown): { graph: WorkflowGraph; unread: Set<string> } | null {
  if (!isRecord(input) || !Array.isArray(input.stages) || !Array.isArray(input.edges)) return null
  const start = input.start === undefined ? undefined : stageId.safeParse(input.start)
  if (start && !start.success) return null
  const unread = new Set<string>()
  const stages: Stage[] = []
  for (const raw of input.stages) {
    const stage = stageSchema.safeParse(raw)
    if (stage.success) {
      stages.push(stage.data)
      continue
    }
    const id = isRecord(raw) ? stageId.safeParse(raw.id) : undefined
    const type = isRecord(raw) ? STAGE_TYPES.find((known) => known === raw.type) : undefined
    if (!id?.success || !type) return null
    unread.add(id.data)
    // only its id and type are used (existence, ends, reachability): its pathways are never asked for
    stages.push({ id: id.data, type, name: '' } as Stage)
  }
  const ids = new Set(stages.map((stage) => stage.id))
  const edges: WorkflowGraph['edges'] = []
  for (const raw of input.edges) {
    const edge = edgeSchema.safeParse(raw)
    if (edge.success) {
      edges.push(edge.data)
      continue
    }
    // a broken edge between known stages still joins them (reachability); its stage's pathways are not judged.
    // One that cannot be placed leaves reachability unknown: nothing structural is said rather than something false
    if (!isRecord(raw) || typeof raw.from !== 'string' || typeof raw.to !== 'string' || !ids.has(raw.from) || !ids.has(raw.to)) return null
    unread.add(raw.from)
    edges.push({ from: raw.from, to: raw.to, pathway: String(raw.pathway ?? '') })
  }
  if (stages.length === 0) return null
  return { graph: { start: start?.data, stages, edges }, unread }
}

/** The structural problems of a graph; the stages in `unread` are not judged on their pathways or settings. */
function structureProblems(graph: WorkflowGraph, unread: Set<string>): WorkflowProblem[] {
  const problems: WorkflowProblem[] = []
  const stages = new Map<string, Stage>()
  for (const stage of graph.stages) {
    if (stages.has(stage.id)) problems.push({ stage: stage.id, message: `Stage "${stage.id}" is defined twice.` })
    stages.set(stage.id, stage)
  }

  const start = startStageId(graph)
  const startStage = start ? stages.get(start) : undefined
  if (!startStage) problems.push({ message: `The workflow has no start: stage "${start}" does not exist.` })
  else if (isEndStage(startStage)) problems.push({ stage: start, message: `Stage "${start}" cannot be the start: it is an end stage.` })
  if (!graph.stages.some((stage) => stage.type === 'complete')) problems.push({ message: 'The workflow has no Complete stage.' })

  const seenEdges = new Set<string>()
  graph.edges.forEach((edge, index) => {
    const from = stages.get(edge.from)
    if (!from) problems.push({ path: `edges[${index}]`, message: `Edge ${index} leaves "${edge.from}", which is not a stage.` })
    if (!stages.has(edge.to))
      problems.push({
        stage: edge.from,
        path: `edges[${index}]`,
        message: `Edge ${index} from "${edge.from}" (${edge.pathway}) goes to "${edge.to}", which is not a stage.`,
      })
    if (from && !unread.has(from.id) && !pathwaysOf(from).includes(edge.pathway)) {
      problems.push({
        stage: from.id,
        path: `edges[${index}]`,
        message: isEndStage(from)
          ? `Stage "${from.id}" is an end stage and cannot lead anywhere.`
          : `Stage "${from.id}" (${from.type}) has no "${edge.pathway}" pathway; it offers ${pathwaysOf(from).join(', ')}.`,
      })
    }
    const key = `${edge.from}|${edge.pathway}`
    if (seenEdges.has(key))
      problems.push({ stage: edge.from, path: `edges[${index}]`, message: `Stage "${edge.from}" has two "${edge.pathway}" edges.` })
    seenEdges.add(key)
  })

  for (const stage of graph.stages) {
    if (unread.has(stage.id)) continue
    for (const pathway of pathwaysOf(stage)) {
      if (!edgeFrom(graph, stage.id, pathway)) {
        problems.push({
          stage: stage.id,
          message:
            stage.type === 'review'
              ? `Review stage "${stage.id}" needs both approve and reject pathways; "${pathway}" is missing.`
              : `Stage "${stage.id}" has no "${pathway}" pathway.`,
        })
      }
    }
    if (stage.type === 'router' && stage.config.kind === 'percentage') {
      const total = stage.config.branches.reduce((sum, branch) => sum + branch.weight, 0)
      if (Math.abs(total - 100) > 1e-9)
        problems.push({ stage: stage.id, message: `Router "${stage.id}" weights add up to ${total}, not 100.` })
    }
    if (stage.type === 'router' && stage.config.kind === 'collaborator') {
      for (const branch of stage.config.branches)
        if (!branch.users?.length && !branch.groups?.length)
          problems.push({
            stage: stage.id,
            message: `Router "${stage.id}" branch "${branch.pathway}" names nobody: choose people or groups.`,
          })
    }
    if (stage.type === 'router' && stage.config.kind === 'metadata') {
      for (const rule of stage.config.rules) {
        if ((rule.op === 'gt' || rule.op === 'lt') && typeof rule.value !== 'number')
          problems.push({
            stage: stage.id,
            message: `Router "${stage.id}" rule "${rule.pathway}" compares "${rule.key}" with a number: give one.`,
          })
        if (rule.op === 'in' && (!Array.isArray(rule.value) || rule.value.length === 0))
          problems.push({
            stage: stage.id,
            message: `Router "${stage.id}" rule "${rule.pathway}" needs at least one value for "is one of".`,
          })
      }
    }
    if (stage.type === 'consensus' && stage.config.annotators < 2) {
      problems.push({
        stage: stage.id,
        message: `Consensus stage "${stage.id}" needs at least 2 annotators (has ${stage.config.annotators}).`,
      })
    }
  }

  const next = (id: string) => graph.edges.filter((edge) => edge.from === id && stages.has(edge.to)).map((edge) => edge.to)
  const reachable = closure(start && stages.has(start) ? [start] : [], next)
  for (const stage of graph.stages) {
    if (start && stages.has(start) && !reachable.has(stage.id))
      problems.push({ stage: stage.id, message: `Stage "${stage.id}" cannot be reached from the start.` })
  }
  const previous = (id: string) => graph.edges.filter((edge) => edge.to === id && stages.has(edge.from)).map((edge) => edge.from)
  const canFinish = closure(
    graph.stages.filter(isEndStage).map((stage) => stage.id),
    previous,
  )
  for (const stage of graph.stages) {
    if (canFinish.has(stage.id) || !reachable.has(stage.id)) continue
    const inCycle = closure(next(stage.id), next).has(stage.id)
    problems.push({
      stage: stage.id,
      message: inCycle
        ? `Stage "${stage.id}" is in a cycle with no exit: tasks there can never complete.`
        : `Stage "${stage.id}" has no way to complete.`,
    })
  }
  return problems
}

function closure(seeds: string[], step: (id: string) => string[]): Set<string> {
  const seen = new Set(seeds)
  const queue = [...seeds]
  while (queue.length > 0) {
    for (const id of step(queue.pop()!)) {
      if (!seen.has(id)) {
        seen.add(id)
        queue.push(id)
      }
    }
  }
  return seen
}
