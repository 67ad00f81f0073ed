import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { type Actor, requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { getOptions } from '../context.ts'
import { type ClaimContext, loadClaimContext, type PreLabel } from '../sql/queue/claimContext.ts'
import { inTransaction } from '../db/inTransaction.ts'
import type { QueueProject } from '../sql/projects/projectRow.ts'
import { appendTaskEvents } from '../sql/tasks/taskRows.ts'
import { ConflictError, ForbiddenChangeError, ProjectNotActiveError } from '../errors.ts'
import { PROJECT_STATUS_LABELS } from '../domain/projects/status.ts'
import { diffLabels } from '../domain/labels/review.ts'
import { claimConsensusBranch, endLapsedSlots, holdsWorkIn, roundBranchesOf } from '../sql/queue/claimConsensus.ts'
import {
  claimableRemains,
  type ClaimedRow,
  type ClaimResult,
  claimNextTaskRow,
  lockClaimsOf,
  type TaskDoc,
  taskDoc,
} from '../sql/queue/claimTask.ts'
import { workableStages } from '../domain/queue/eligibility.ts'
import type { Id } from '../types.ts'
import { systemAccess } from '../system.ts'
import { ANNOTATOR_KEY } from '../domain/workflow/transition.ts'
import type { Branch } from '../quality/resolution.ts'
import { type ConsensusAgreement, rankedBranches } from './consensusAgreement.ts'
import { openIssuesOf, startBranchAfresh } from './labels.ts'
import { peopleByIds } from './peopleByIds.ts'
import { together } from '../db/together.ts'
import { claimedDataItem } from './claimedDataItem.ts'
import { cachedOntology } from './ontologyCache.ts'
import { loadProjectContext } from './projectContext.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { parseInput } from './input.ts'
import { assertBenchmarkPassed } from './scoredWork.ts'
import { honeypotDue } from '../domain/projects/honeypots.ts'
import { canInProject } from '../domain/projects/capabilities.ts'
import { EVERYONE } from '../domain/queue/slots.ts'
import { honeypotCounts } from '../sql/quality/scoredRows.ts'
import { isScoredKind } from '../domain/projects/kinds.ts'

export type ClaimAnswer = {
  task: TaskDoc
  dataItem: unknown
  ontology: unknown
  label: unknown
  /** an annotate stage and no label of one's own yet: the task's imported pre-label, to start from */
  preLabel: PreLabel | null
  leaseExpiresAt: string
  /** rework: the task's open issues; review after a rework: what changed in the label since the last review */
  issues: unknown[] | null
  changes: ReturnType<typeof diffLabels> | null
  /** a review after a consensus round: its agreement and every branch, best-agreeing first (to resolve it) */
  consensus: ConsensusUnderReview | null
} | null

export type ConsensusUnderReview = {
  agreement: ConsensusAgreement
  branches: Branch[]
  /** the round's annotators by id, for the reviewer to tell the branches apart */
  people: Record<string, { email: string; name?: string }>
}

/** The project and what the caller may be served in it: 404 to outsiders, 423 unless In progress, 403 without a stage. */
export async function queueContext(req: PayloadRequest, projectId: Id) {
  const { actor, project, projectActor } = await loadProjectContext(req, projectId)
  if (project.status !== 'in-progress')
    throw new ProjectNotActiveError(
      `the project is ${PROJECT_STATUS_LABELS[project.status]}: tasks are served only while it is In progress`,
    )
  assertCan(projectActor, 'project.claim')
  const workable = workableStages(
    project.workflow,
    projectActor,
    { user: actor.userId, groups: actor.memberGroups.map((group) => group.id) },
    project.kind,
  )
  if (workable.stages.length === 0 && workable.consensusStages.length === 0)
    throw new ForbiddenChangeError('project', 'you have no role in any stage of this project')
  await assertBenchmarkPassed(req, project.requiresBenchmark, actor.userId, projectActor)
  const team = canInProject(projectActor, 'project.claim', 'team')
  const paused = project.paused.find((entry) => String(entry.user) === String(actor.userId))
  if (paused && !team)
    throw new ForbiddenChangeError(
      'paused',
      `you are paused from this project${paused.reason ? `: ${paused.reason}` : ''}. A Team Manager or Admin of the project can let you work here again.`,
    )
  // honeypots measure the people served work, not those who run the project
  const honeypots = project.honeypots.enabled && !isScoredKind(project.kind) ? { measured: !team } : null
  return { actor, project, workable, honeypots }
}

/** A claim as callers send it: the project's next task for the caller, or (`task`) that one task. */
export const claimSchema = z
  .object({ project: documentIdSchema.optional(), task: documentIdSchema.optional() })
  .strict()
  .refine((input) => input.project !== undefined || input.task !== undefined, {
    path: ['project'],
    message: 'is required (or the task to take)',
  })

/** The operation as callers send it (`unknown` input, parsed here): see claimNextTask. */
export async function claimRequest({ req, input }: { req: PayloadRequest; input: unknown }): Promise<ClaimAnswer> {
  requireUser(req, 'be served tasks')
  const { project, task } = parseInput(claimSchema, input)
  if (project !== undefined) return claimNextTask({ req, project, taskId: task })
  // a task taken from the queue listing: its project, read as the system (queueContext decides who may see it)
  const doc = (await req.payload.findByID({
    collection: getOptions(req.payload).slugs.tasks,
    id: task!,
    depth: 0,
    ...systemAccess(req),
    disableErrors: true,
    select: { project: true },
  })) as { project?: Id } | null
  if (!doc?.project) throw new NotFound(req.t)
  return claimNextTask({ req, project: doc.project, taskId: task })
}

const isOneLeaseConflict = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string })
  return cause?.code === '23505' && Boolean(cause.constraint?.endsWith('_one_lease_idx'))
}

/**
 * Serves the caller their next task in a project (null when there is none for them) — or, with `taskId`,
 * that task if they may take it (409 when they may not): the task they already hold (its lease renewed), else
 * one claimed by a single statement that also journals it; else a consensus slot. Answered with the task,
 * its data item and the ontology, so a label editor needs no second round trip.
 */
export async function claimNextTask({
  req,
  project: projectId,
  taskId,
}: {
  req: PayloadRequest
  project: Id
  taskId?: Id
}): Promise<ClaimAnswer> {
  const { actor, project, workable, honeypots } = await queueContext(req, projectId)
  const row =
    (honeypots?.measured && taskId === undefined ? await claimHoneypotIfDue(req, project, actor, workable) : undefined) ??
    (await claimTaskRow(req, project, actor, workable, taskId, honeypots !== null ? annotateStagesOf(project) : [])) ??
    (await claimSlot(req, project, actor, workable, taskId))
  if (row?.held && taskId !== undefined && String(row.id) !== String(taskId)) {
    throw new ConflictError(`lease: you hold task ${row.id} in this project; submit, skip or release it before taking another`, {
      heldTask: row.id,
    })
  }
  if (!row) {
    if (taskId !== undefined)
      throw new ConflictError(
        'task: this task is not available to you (finished, held by someone else, reserved for another person, skipped by you, or in a stage you do not work)',
      )
    return null
  }
  const task = taskDoc(row)
  const stageType = project.workflow?.stages.find((stage) => stage.id === task.stage)?.type
  // the claim entitles the caller to the task's item, the project's ontology and the label to work on: their
  // own draft (annotate), or the annotation under review
  const context: ClaimContext =
    'context' in row && row.context
      ? (row.context as ClaimContext)
      : await loadClaimContext(req, {
          dataItem: task.dataItem,
          task: task.id,
          ontology: project.ontology ?? null,
          author: project.ontology ? (stageType === 'review' ? (task.lastActorByStage[ANNOTATOR_KEY] ?? null) : actor.userId) : null,
        })
  const ontology = project.ontology ? await cachedOntology(req, project.ontology, context.ontologyUpdatedAt) : null
  const reviewed = context.label && context.label.reviewRound ? context.label : null
  return {
    task,
    dataItem: await claimedDataItem(req, task.dataItem, context.dataItem),
    ontology,
    label: context.label,
    preLabel: stageType === 'annotate' && !context.label ? context.preLabel : null,
    leaseExpiresAt: task.leaseExpiresAt!,
    // a reopened task comes with what the review asked for, whoever reworks it
    issues: task.status === 'reopened' ? await openIssuesOf(req, task.id) : null,
    changes: reviewed && stageType === 'review' ? diffLabels(reviewed.reviewedSnapshot as never, reviewed as never) : null,
    consensus: stageType === 'review' ? await consensusUnderReview(req, task) : null,
  }
}

/** The round a consensus review resolves: the reviewer holds the task, so they see all its branches. */
async function consensusUnderReview(req: PayloadRequest, task: TaskDoc): Promise<ConsensusUnderReview | null> {
  const agreement = task.consensusAgreement as ConsensusAgreement | null
  if (!agreement) return null
  const [branches, people] = await together(req, [
    () => roundBranchesOf(req, task.id, agreement.round),
    () => peopleByIds(req, agreement.annotators),
  ] as const)
  return { agreement, branches: rankedBranches(agreement, branches), people }
}

/**
 * The one-statement claim, outside any transaction (it is atomic by itself); retried once when the same
 * person's concurrent claim won, and (up to 3 tries) when it found nothing only because others held rows.
 */
async function claimTaskRow(
  req: PayloadRequest,
  project: QueueProject,
  actor: Actor,
  workable: Awaited<ReturnType<typeof queueContext>>['workable'],
  taskId?: Id,
  honeypotStages: string[] = [],
): Promise<ClaimResult> {
  const args = {
    honeypotStages,
    project: project.id,
    workspace: project.workspace,
    user: actor.userId,
    ...workable,
    ...project.settings,
    taskId,
    // the answer's item, label and ontology freshness come with the claimed row (no second round trip)
    ontology: project.ontology ?? null,
    reviewStageIds: (project.workflow?.stages ?? []).filter((stage) => stage.type === 'review').map((stage) => stage.id),
  }
  const claimOnce = async () => {
    try {
      return await claimNextTaskRow(req, args)
    } catch (error) {
      if (!isOneLeaseConflict(error)) throw error
      return claimNextTaskRow(req, args)
    }
  }
  // SKIP LOCKED passes over rows concurrent claimers hold for an instant: "nothing left" only when nothing is
  for (let attempt = 1; ; attempt++) {
    const row = await claimOnce()
    if (row || attempt >= 3 || !(await claimableRemains(req, args))) return row
  }
}

/**
 * A honeypot, when one is due for the caller (src/domain/projects/honeypots.ts) and they hold nothing in the
 * project: a gold task in an annotate stage they work, in their own slot, as a benchmark task is served.
 */
async function claimHoneypotIfDue(
  req: PayloadRequest,
  project: QueueProject,
  actor: Actor,
  workable: Awaited<ReturnType<typeof queueContext>>['workable'],
): Promise<(ClaimedRow & { held?: boolean }) | undefined> {
  const annotateStages = workable.stages.filter((id) => annotateStagesOf(project).includes(id))
  if (annotateStages.length === 0) return undefined
  if (await holdsWorkIn(req, project.id, actor.userId)) return undefined
  if (!honeypotDue(await honeypotCounts(req, project.id, actor.userId), project.honeypots)) return undefined
  return claimSlot(
    req,
    project,
    actor,
    { ...workable, consensusStages: annotateStages.map((id) => ({ id, annotators: EVERYONE })) },
    undefined,
    { goldOnly: true },
  )
}

/** The workflow's annotate stages: where honeypots are served (and gold tasks as nothing else). */
const annotateStagesOf = (project: QueueProject) =>
  (project.workflow?.stages ?? []).filter((stage) => stage.type === 'annotate').map((stage) => stage.id)

/** A consensus slot: two statements, so in a transaction, serialised per person by an advisory lock. */
async function claimSlot(
  req: PayloadRequest,
  project: QueueProject,
  actor: Actor,
  workable: Awaited<ReturnType<typeof queueContext>>['workable'],
  taskId?: Id,
  gold: { goldOnly?: boolean } = {},
): Promise<(ClaimedRow & { held?: boolean }) | undefined> {
  if (workable.consensusStages.length === 0) return undefined
  return inTransaction(req, async () => {
    await lockClaimsOf(req, project.id, actor.userId)
    const slot = await claimConsensusBranch(req, {
      project: project.id,
      user: actor.userId,
      consensusStages: workable.consensusStages,
      ...project.settings,
      taskId,
      // benchmark, training and honeypots: only what can be scored, and (training) another attempt at a task
      // asked for by id
      goldOnly: isScoredKind(project.kind) || gold.goldOnly,
      retry: project.kind === 'training',
    })
    if (slot) {
      // a branch is independent: a label left from an earlier round (or stage) does not carry into it; a training
      // retry starts from the attempt before
      await startBranchAfresh(req, slot.id, actor.userId, { keepContent: project.kind === 'training' })
      const needed = workable.consensusStages.find((stage) => stage.id === slot.stage)?.annotators ?? 0
      const tookOver = await endLapsedSlots(req, slot, needed)
      const row = {
        workspace: project.workspace,
        project: project.id,
        task: slot.id,
        fromStage: slot.stage,
        toStage: slot.stage,
        fromStatus: slot.status,
        toStatus: slot.status,
      }
      await appendTaskEvents(req, [
        ...tookOver.map((annotator) => ({
          ...row,
          actor: annotator,
          holder: annotator,
          type: 'expired',
          note: `consensus slot lapsed; taken over by user ${actor.userId}`,
        })),
        { ...row, actor: actor.userId, holder: actor.userId, type: 'claimed' },
      ])
    }
    return slot
  })
}
