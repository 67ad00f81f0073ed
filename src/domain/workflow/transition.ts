import { edgeFrom, isEndStage, type RouterConfig, type Stage, stageById, startStageId, type WorkflowGraph } from './graph.ts'

type Id = number | string

export const TASK_STATUSES = ['new', 'assigned', 'reopened', 'skipped', 'completed'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** The key of lastActorByStage that holds whoever submitted the current annotation, whatever its stage. */
export const ANNOTATOR_KEY = '$annotator'

/** What the state machine knows of a task. */
export type TaskState = {
  stage: string
  status: TaskStatus
  /**
   * who worked each stage last, plus `$annotator`: who submitted the current annotation (the person a
   * rejection returns to, and whom a reviewer must not be)
   */
  lastActorByStage: Record<string, Id>
  /** who skipped the task in its current stage */
  skippedBy: Id[]
  /** consensus: how many independent annotations the current stage has received */
  consensusSubmissions: number
}

export type WorkflowEvent =
  | { type: 'submit'; actor: Id }
  | { type: 'skip'; actor: Id }
  | { type: 'release'; actor: Id }
  | { type: 'approve'; actor: Id }
  | { type: 'reject'; actor: Id }
  | { type: 'move'; actor: Id; to: string }

export type TransitionContext = {
  /** the task's id: the percentage router hashes it, so a task always takes the same branch */
  taskId: Id
  /** the data item's metadata, for metadata routers */
  metadata?: Record<string, unknown>
  /** the groups the acting user belongs to, for collaborator routers */
  actorGroups?: Id[]
  /** the project lets people review their own annotation (off by default) */
  allowSelfReview?: boolean
  /** everyone who annotated the task besides `$annotator` (consensus: all N independent annotators) */
  annotators?: Id[]
}

export type Effect =
  | { type: 'entered'; from: string; to: string; via: string }
  | { type: 'routed'; router: string; pathway: string }
  | { type: 'completed'; stage: string }
  | { type: 'return-to'; user: Id; stage: string }
  | { type: 'consensus-submitted'; stage: string; submissions: number; needed: number }
  | { type: 'skipped'; by: Id }
  | { type: 'released'; by: Id }

export class TransitionError extends Error {
  constructor(
    public code: 'unknown-stage' | 'wrong-stage' | 'finished' | 'self-review' | 'router-loop',
    message: string,
  ) {
    super(message)
    this.name = 'TransitionError'
  }
}

/** The initial state of a new task in this graph (routers at the start are followed at once). */
export function initialState(graph: WorkflowGraph, ctx: TransitionContext): { state: TaskState; effects: Effect[] } {
  const empty: TaskState = { stage: startStageId(graph)!, status: 'new', lastActorByStage: {}, skippedBy: [], consensusSubmissions: 0 }
  const effects: Effect[] = []
  const state = enter(graph, empty, startStageId(graph)!, 'new', 'start', ctx, effects, undefined, 0)
  return { state, effects }
}

const ACTIONS_BY_STAGE: Record<Stage['type'], Array<WorkflowEvent['type']>> = {
  annotate: ['submit', 'skip', 'release', 'move'],
  review: ['approve', 'reject', 'skip', 'release', 'move'],
  // the round's last submit takes the resolve pathway (resolving the round into one label is the review's)
  consensus: ['submit', 'skip', 'release', 'move'],
  router: ['move'],
  complete: ['move'],
  archive: ['move'],
}

/**
 * The pure state machine: decides the next state and returns what happened as effects, which callers apply
 * (journal rows, reassignment...). Throws TransitionError for an action the current stage does not take.
 */
export function transition(
  graph: WorkflowGraph,
  state: TaskState,
  event: WorkflowEvent,
  ctx: TransitionContext,
): { next: TaskState; effects: Effect[] } {
  const stage = stageById(graph, state.stage)
  if (!stage) throw new TransitionError('unknown-stage', `The task is in stage "${state.stage}", which this workflow does not have.`)
  if (!ACTIONS_BY_STAGE[stage.type].includes(event.type)) {
    if (isEndStage(stage))
      throw new TransitionError('finished', `The task is finished (stage "${stage.id}"); only a manager's move changes it.`)
    throw new TransitionError('wrong-stage', `"${event.type}" is not an action of ${stage.type} stage "${stage.id}".`)
  }
  const effects: Effect[] = []
  const worked = { ...state.lastActorByStage, [stage.id]: event.actor }

  switch (event.type) {
    case 'skip':
      effects.push({ type: 'skipped', by: event.actor })
      return { next: { ...state, status: 'skipped', skippedBy: [...new Set([...state.skippedBy, event.actor])] }, effects }
    case 'release':
      effects.push({ type: 'released', by: event.actor })
      return { next: { ...state, status: state.status === 'reopened' ? 'reopened' : 'new' }, effects }
    case 'move': {
      const problem = moveTargetProblem(graph, event.to)
      if (problem) throw new TransitionError(stageById(graph, event.to) ? 'wrong-stage' : 'unknown-stage', problem)
      return { next: enter(graph, state, event.to, 'new', 'move', ctx, effects, event.actor, 0), effects }
    }
    case 'submit': {
      worked[ANNOTATOR_KEY] = event.actor
      if (stage.type === 'consensus') {
        const submissions = state.consensusSubmissions + 1
        const needed = stage.config.annotators
        effects.push({ type: 'consensus-submitted', stage: stage.id, submissions, needed })
        if (submissions < needed)
          return { next: { ...state, status: 'new', consensusSubmissions: submissions, lastActorByStage: worked }, effects }
        return { next: follow(graph, { ...state, lastActorByStage: worked }, stage, 'resolve', 'new', ctx, effects, event.actor), effects }
      }
      return { next: follow(graph, { ...state, lastActorByStage: worked }, stage, 'submit', 'new', ctx, effects, event.actor), effects }
    }
    case 'approve':
    case 'reject': {
      if (stage.type === 'review') {
        const problem = ownWorkProblem(graph, state, stage, event.actor, ctx)
        if (problem) throw new TransitionError('self-review', problem)
      }
      const next = follow(
        graph,
        { ...state, lastActorByStage: worked },
        stage,
        event.type,
        event.type === 'reject' ? 'reopened' : 'new',
        ctx,
        effects,
        event.actor,
      )
      // a consensus round is N people's work anew: nobody in particular is asked back (a reservation would
      // keep the other N-1 slots from ever filling)
      if (event.type === 'reject' && next.status === 'reopened' && stageById(graph, next.stage)?.type !== 'consensus') {
        const original = state.lastActorByStage[ANNOTATOR_KEY] ?? state.lastActorByStage[next.stage]
        if (original !== undefined) effects.push({ type: 'return-to', user: original, stage: next.stage })
      }
      return { next, effects }
    }
  }
}

/**
 * Reviewers do not judge their own annotation of the same task — approve, reject, or resolve a consensus round
 * they annotated — unless the stage or the project allows it: the reason, or undefined. Pure.
 */
export function ownWorkProblem(
  graph: WorkflowGraph,
  state: Pick<TaskState, 'lastActorByStage'>,
  stage: Extract<Stage, { type: 'review' }>,
  actor: Id,
  { annotators = [], allowSelfReview = false }: { annotators?: Id[]; allowSelfReview?: boolean } = {},
): string | undefined {
  if (allowSelfReview || stage.config?.allowSelfReview) return undefined
  const annotated =
    annotators.some((annotator) => String(annotator) === String(actor)) ||
    [
      ANNOTATOR_KEY,
      ...graph.stages
        .filter((candidate) => candidate.type === 'annotate' || candidate.type === 'consensus')
        .map((candidate) => candidate.id),
    ].some((key) => state.lastActorByStage[key] !== undefined && String(state.lastActorByStage[key]) === String(actor))
  return annotated ? `Nobody reviews their own annotation: stage "${stage.id}" needs another reviewer.` : undefined
}

function follow(
  graph: WorkflowGraph,
  state: TaskState,
  stage: Stage,
  pathway: string,
  status: TaskStatus,
  ctx: TransitionContext,
  effects: Effect[],
  actor: Id | undefined,
): TaskState {
  const edge = edgeFrom(graph, stage.id, pathway)
  if (!edge) throw new TransitionError('wrong-stage', `Stage "${stage.id}" has no "${pathway}" pathway.`)
  return enter(graph, state, edge.to, status, pathway, ctx, effects, actor, 0)
}

function enter(
  graph: WorkflowGraph,
  state: TaskState,
  to: string,
  status: TaskStatus,
  via: string,
  ctx: TransitionContext,
  effects: Effect[],
  actor: Id | undefined,
  hops: number,
): TaskState {
  const stage = stageById(graph, to)
  if (!stage) throw new TransitionError('unknown-stage', `There is no stage "${to}".`)
  if (hops > graph.stages.length)
    throw new TransitionError('router-loop', `Routers keep sending the task around without reaching a working stage (at "${to}").`)
  effects.push({ type: 'entered', from: state.stage, to, via })
  const base: TaskState = {
    ...state,
    stage: to,
    skippedBy: to === state.stage && via !== 'move' ? state.skippedBy : [],
    consensusSubmissions: 0,
  }
  if (stage.type === 'router') {
    const pathway = routeOf(stage.id, stage.config, ctx, actor)
    effects.push({ type: 'routed', router: stage.id, pathway })
    const edge = edgeFrom(graph, stage.id, pathway)
    if (!edge) throw new TransitionError('wrong-stage', `Router "${stage.id}" has no "${pathway}" pathway.`)
    return enter(graph, base, edge.to, status, pathway, ctx, effects, actor, hops + 1)
  }
  if (isEndStage(stage)) {
    effects.push({ type: 'completed', stage: stage.id })
    return { ...base, status: 'completed' }
  }
  return { ...base, status }
}

/**
 * Where a manager may move a task: to a working or end stage of the workflow, never to a router (routers
 * route on their own). The one rule for single and bulk moves. Pure.
 */
export function moveTargetProblem(graph: WorkflowGraph | undefined, to: string): string | undefined {
  const stage = graph && stageById(graph, to)
  if (!stage) return `the project's workflow has no stage "${to}"`
  if (stage.type === 'router') return `"${to}" is a router: move tasks to a working or end stage`
  return undefined
}

/** FNV-1a: a small, stable hash, so the percentage router sends a task the same way every time. */
export function stableBucket(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return (hash % 10_000) / 100 // 0.00 .. 99.99
}

function routeOf(routerId: string, config: RouterConfig, ctx: TransitionContext, actor: Id | undefined): string {
  if (config.kind === 'percentage') {
    const bucket = stableBucket(`${ctx.taskId}:${routerId}`)
    let upTo = 0
    for (const branch of config.branches) {
      upTo += branch.weight
      if (bucket < upTo) return branch.pathway
    }
    return config.branches[config.branches.length - 1]!.pathway
  }
  if (config.kind === 'collaborator') {
    const groups = new Set((ctx.actorGroups ?? []).map(String))
    const branch = config.branches.find(
      (candidate) =>
        (actor !== undefined && candidate.users?.some((user) => String(user) === String(actor))) ||
        candidate.groups?.some((group) => groups.has(String(group))),
    )
    return branch?.pathway ?? config.otherwise
  }
  const metadata = ctx.metadata ?? {}
  const rule = config.rules.find((candidate) => matches(metadata[candidate.key], candidate.op, candidate.value))
  return rule?.pathway ?? config.otherwise
}

function matches(actual: unknown, op: 'equals' | 'not-equals' | 'in' | 'exists' | 'gt' | 'lt', expected: unknown): boolean {
  switch (op) {
    case 'equals':
      return actual === expected
    case 'not-equals':
      return actual !== expected
    case 'in':
      return Array.isArray(expected) && expected.includes(actual)
    case 'exists':
      return actual !== undefined && actual !== null
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected
  }
}
