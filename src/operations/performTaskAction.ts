import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { assertCan } from '../access/assertCan.ts'
import { loadActor, projectActorOf, roleIn, requireUser } from '../access/actor.ts'
import { inProject, projectScopeOf } from '../domain/projects/capabilities.ts'
import { getOptions } from '../context.ts'
import { idempotent } from '../sql/idempotency.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { appendTaskEvents, lockTask, writeTaskState } from '../sql/tasks/taskRows.ts'
import { ForbiddenChangeError, InvalidTransitionError, LeaseError, ProjectNotActiveError, StaleVersionError } from '../errors.ts'
import { type ProjectStatus, projectWriteProblem } from '../domain/projects/status.ts'
import { branchOf, closeBranch, consensusAuthorsOf, endOpenSlots, keepBranchContent } from '../sql/queue/claimConsensus.ts'
import { ACTION_EVENT, followUpEvents } from '../domain/workflow/journal.ts'
import { freezeLabelOnSubmit } from './labels.ts'
import { branchProblem, leaseProblem, WORKER_ACTIONS } from '../domain/queue/leaseRule.ts'
import { asWorkflowAction, systemAccess } from '../system.ts'
import type { Id } from '../types.ts'
import { stageById, type WorkflowGraph } from '../domain/workflow/graph.ts'
import { actionCapability, TASK_ACTIONS, type TaskAction } from '../domain/workflow/permissions.ts'
import { ANNOTATOR_KEY, transition, TransitionError, type WorkflowEvent } from '../domain/workflow/transition.ts'
import type { LabelCounts } from '../domain/analytics/labelCounts.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { idempotencyKeySchema, parseInput, wholePart } from './input.ts'
import { isScoredKind, type ProjectKind } from '../domain/projects/kinds.ts'
import type { GoldScore } from '../quality/goldScore.ts'
import { isHoneypotTask, type ScoringSettings } from './scoredWork.ts'
import { scoredAttempt } from './scoredAttempt.ts'
import { honeypotSettingsOf } from '../sql/projects/projectRow.ts'
import { awaitsResolution, type ConsensusAgreement, scoreConsensusRound } from './consensusAgreement.ts'

export type TaskActionInput = {
  req: PayloadRequest
  taskId: Id
  action: TaskAction
  expectedVersion: number
  /** reject: the reviewer's note; any action: a comment for the journal */
  note?: string
  /** move: the stage to move the task to */
  to?: string
  timeSpentMs?: number
  idempotencyKey?: string
  /** a review's verdicts, counted for the journal (given by reviewTask, never by callers) */
  labelVerdicts?: LabelCounts
}

export type TaskActionAnswer = {
  id: Id
  project: Id
  stage: string
  status: string
  version: number
  priority: number
  assignee: Id | null
  /** a submission in a training project: its score against gold, the attempt's number, what matched and what did not */
  score?: { score: number; attempts: number; detail: GoldScore } | null
}

/** A workflow action as REST and GraphQL send it: the task, the action, the body, an optional Idempotency-Key. */
export const taskActionSchema = z
  .object({
    id: documentIdSchema,
    action: z.enum(TASK_ACTIONS, { error: () => `use one of ${TASK_ACTIONS.join(', ')}` }),
    body: wholePart(
      z
        .object({
          expectedVersion: z.number({ message: 'is required: the task version you read (optimistic concurrency)' }).int().min(1),
          note: z.string().max(4000).optional(),
          to: z.string().min(1).max(64).optional(),
          timeSpentMs: z.number().int().min(0).optional(),
        })
        .strict(),
    ),
    idempotencyKey: idempotencyKeySchema,
  })
  .strict()
  .refine((input) => input.action !== 'move' || input.body.to, {
    path: ['body', 'to'],
    message: 'is required to move a task: the id of the target stage',
  })

/** The operation as callers send it (`unknown` input, parsed here): see performTaskAction. */
export async function taskActionRequest({ req, input }: { req: PayloadRequest; input: unknown }) {
  requireUser(req, 'act on tasks')
  const { id, action, body, idempotencyKey } = parseInput(taskActionSchema, input)
  return performTaskAction({ req, taskId: id, action, ...body, idempotencyKey })
}

/**
 * One workflow action on one task, in one transaction: lock the task, check who may act and the project's
 * status, check `expectedVersion`, let the pure state machine decide, write the new state and one journal
 * row. With an Idempotency-Key, a retry answers with the first answer and changes nothing.
 */
export async function performTaskAction(input: TaskActionInput): Promise<{ status: number; body: TaskActionAnswer }> {
  const { req } = input
  const user = requireUser(req, 'act on tasks')
  const { idempotencyKey, req: _req, ...request } = input
  return inTransaction(req, () =>
    idempotent(req, user.id, idempotencyKey, { operation: 'task-action', ...request }, () => act(input, user.id)),
  )
}

async function act({ req, taskId, action, expectedVersion, note, to, timeSpentMs, labelVerdicts }: TaskActionInput, userId: Id) {
  const { slugs } = getOptions(req.payload)
  const task = await lockTask(req, taskId)
  const actor = (await loadActor(req))!
  // a task outside the actor's workspaces does not exist for them
  if (!task || (!actor.superAdmin && !roleIn(actor, task.workspace))) throw new NotFound(req.t)

  const project = (await req.payload.findByID({
    collection: slugs.projects,
    id: task.project,
    depth: 0,
    req,
    overrideAccess: false,
  })) as unknown as {
    id: Id
    status: ProjectStatus
    workflow?: WorkflowGraph
    ontology?: Id | null
    kind?: ProjectKind
    scoring?: ScoringSettings
    honeypots?: Record<string, unknown> | null
    settings?: { allowSelfReview?: boolean; reworkAssignment?: 'original-annotator' | 'anyone-eligible' }
  }
  const projectActor = projectActorOf(actor, { id: project.id, workspace: task.workspace })
  if (!inProject(projectActor)) throw new NotFound(req.t)

  const gate = projectWriteProblem(projectActor, project.status)
  if (gate) throw new ProjectNotActiveError(gate)
  if (task.version !== expectedVersion) throw new StaleVersionError(task.version)

  const graph = project.workflow
  const stage = graph && stageById(graph, task.stage)
  if (!graph || !stage)
    throw new InvalidTransitionError(`stage: the task is in stage "${task.stage}", which the project's workflow does not have`)
  const capability = actionCapability(action, stage.type)
  assertCan(projectActor, capability, undefined, 'action')
  // a team grant may act on a task nobody holds; an own grant only on what one holds
  const team = projectScopeOf(projectActor, capability) === 'team'
  // benchmark, training and honeypots: each annotator's own attempt, scored — the task itself stays where it is
  if (stage.type === 'annotate' && (action === 'submit' || action === 'skip' || action === 'release')) {
    const honeypots = honeypotSettingsOf(project.honeypots)
    const scoredAs = isScoredKind(project.kind)
      ? project.kind
      : (await isHoneypotTask(req, { kind: project.kind, honeypots }, stage, task))
        ? ('honeypot' as const)
        : null
    if (scoredAs) return scoredAttempt({ req, task, project: { ...project, scoredAs, honeypots }, action, userId, note, timeSpentMs })
  }

  const event = (action === 'move' ? { type: 'move', actor: userId, to: to ?? '' } : { type: action, actor: userId }) as WorkflowEvent
  const metadata = graph.stages.some((candidate) => candidate.type === 'router' && candidate.config.kind === 'metadata')
    ? // routing is the workflow's decision, whoever acts: the item's metadata is read as the system
      ((
        (await req.payload.findByID({
          collection: slugs.dataItems,
          id: task.dataItem,
          depth: 0,
          ...systemAccess(req),
          disableErrors: true,
        })) as { metadata?: Record<string, unknown> } | null
      )?.metadata ?? {})
    : undefined
  let outcome: ReturnType<typeof transition>
  try {
    outcome = transition(graph, task, event, {
      taskId: task.id,
      metadata,
      actorGroups: actor.memberGroups.map((group) => group.id),
      allowSelfReview: project.settings?.allowSelfReview,
      // a consensus task was annotated by N people: none of them reviews it
      annotators:
        stage.type === 'review' && graph.stages.some((candidate) => candidate.type === 'consensus')
          ? await consensusAuthorsOf(req, task.id)
          : [],
    })
  } catch (error) {
    if (!(error instanceof TransitionError)) throw error
    if (error.code === 'self-review') throw new ForbiddenChangeError('action', error.message)
    throw new InvalidTransitionError(`action: ${error.message}`, { stage: task.stage, status: task.status })
  }

  // a consensus round becomes one label before anyone approves it (a rejection sends it back for a new round)
  if (action === 'approve' && stage.type === 'review' && awaitsResolution(task.consensusAgreement))
    throw new InvalidTransitionError(
      'resolution: the consensus round is not resolved yet: pick a branch, pick per object or merge by majority (POST /api/tasks/:id/resolve) before approving',
    )

  // the lease is checked once the action is known to be valid here, so a wrong action says so first
  const consensusWork = stage.type === 'consensus' && (action === 'submit' || action === 'skip' || action === 'release')
  if (consensusWork) {
    const problem = branchProblem(await branchOf(req, task, userId), stage.type === 'consensus' ? stage.config.annotators : 0)
    if (problem) throw new LeaseError(problem)
  } else if ((WORKER_ACTIONS as readonly string[]).includes(action)) {
    const problem = leaseProblem({ lease: { holder: task.leaseHolder, live: task.leaseLive }, actor: userId, team })
    if (problem) throw new LeaseError(problem, { leaseHolder: task.leaseHolder })
  }

  const { next, effects } = outcome
  const returnTo = effects.find((effect) => effect.type === 'return-to')
  // a rejection goes back to the original annotator (unless the project says anyone eligible)
  const returnedTo = returnTo?.type === 'return-to' && project.settings?.reworkAssignment !== 'anyone-eligible' ? returnTo.user : undefined
  const left = next.stage !== task.stage || next.status === 'completed'
  const entered = effects.some((effect) => effect.type === 'entered')
  const clearLease = action !== 'move' || left
  // whose hold the action ends, for the journal: the worker's own consensus slot, or the task's lease
  const endedHold = consensusWork ? userId : clearLease ? task.leaseHolder : null
  if (consensusWork) await closeBranch(req, task, userId, action === 'submit' ? 'submitted' : 'given-up')
  if (action === 'move') await endOpenSlots(req, task.id)
  // a submitted annotation is complete and frozen
  const labelCounts = action === 'submit' ? await freezeLabelOnSubmit(req, task, project.ontology, userId) : (labelVerdicts ?? {})
  // the branch as submitted is the round's record
  if (consensusWork && action === 'submit') await keepBranchContent(req, task, userId)
  const written = await asWorkflowAction(req, () =>
    writeTaskState(req, task.id, expectedVersion, {
      stage: next.stage,
      status: next.status,
      lastActorByStage: next.lastActorByStage,
      skippedBy: next.skippedBy,
      consensusSubmissions: next.consensusSubmissions,
      round: entered ? task.round + 1 : task.round,
      // leaving a stage, or skipping, ends any reservation
      assignee: returnedTo ?? (left || action === 'skip' ? null : task.assignee),
      rejectionNote: action === 'reject' ? (note ?? null) : undefined,
      clearLease,
      // a round's agreement belongs to that round: a move, or a new round in a consensus stage, leaves it behind
      clearAgreement: action === 'move' || (entered && stageById(graph, next.stage)?.type === 'consensus'),
    }),
  )
  if (!written) throw new StaleVersionError(task.version)
  // the round's last branch: how far its annotators agree, on the task for the consensus review
  const roundDone = effects.some((effect) => effect.type === 'consensus-submitted' && effect.submissions >= effect.needed)
  const round = roundDone
    ? await scoreConsensusRound(req, {
        task: task.id,
        round: task.round,
        ontology: project.ontology,
        autoAcceptAt: stage.type === 'consensus' ? stage.config.autoAcceptAt : undefined,
        reviewed: stageById(graph, next.stage)?.type === 'review',
      })
    : null
  const row = { workspace: task.workspace, project: task.project, task: task.id, actor: userId }
  await appendTaskEvents(req, [
    {
      ...row,
      type: ACTION_EVENT[action],
      fromStage: task.stage,
      toStage: next.stage,
      fromStatus: task.status,
      toStatus: next.status,
      holder: endedHold,
      timeSpentMs: timeSpentMs ?? null,
      note: note ?? null,
      // a verdict is on the annotator's work: theirs in analytics
      // (an unresolved consensus round is nobody's work in particular)
      subject:
        (action === 'approve' || action === 'reject') && !awaitsResolution(task.consensusAgreement)
          ? (task.lastActorByStage[ANNOTATOR_KEY] ?? null)
          : null,
      ...labelCounts,
      // the submit that closed a consensus round carries its agreement, for analytics' quality trends
      ...(round?.score != null ? { agreement: round.score, agreementRounds: 1 } : {}),
    },
    ...(round?.resolution ? [autoResolvedEvent(row, round, next)] : []),
    ...followUpEvents({ effects, next, assignedTo: returnedTo }).map((event) => ({
      ...row,
      ...event,
      fromStage: next.stage,
      toStage: next.stage,
      fromStatus: next.status,
      toStatus: next.status,
    })),
  ])
  return {
    status: 200,
    body: {
      id: written.id,
      project: written.project,
      stage: written.stage,
      status: written.status,
      version: Number(written.version),
      priority: written.priority,
      assignee: written.assignee,
    } as TaskActionAnswer,
  }
}

/** The journal's record of a round the server resolved: by nobody, the best-agreeing branch carrying the label. */
function autoResolvedEvent(
  row: { workspace: Id; project: Id; task: Id },
  round: ConsensusAgreement,
  next: { stage: string; status: string },
) {
  const score = round.score === null ? 'no score' : `agreement ${round.score.toFixed(3)}`
  return {
    ...row,
    actor: null,
    type: 'resolved',
    fromStage: next.stage,
    toStage: next.stage,
    fromStatus: next.status,
    toStatus: next.status,
    note: `consensus round ${round.round} resolved automatically (${score}): the label of user ${round.resolution!.carrier}`,
  }
}
