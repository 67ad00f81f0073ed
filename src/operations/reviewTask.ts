import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { loadActor, roleIn, requireUser } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { idempotent } from '../sql/idempotency.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { loadQueueProject } from '../sql/projects/projectRow.ts'
import { lockTask } from '../sql/tasks/taskRows.ts'
import { FieldRuleError, InvalidTransitionError } from '../errors.ts'
import { anchorObjectOf, type Decision, decide, type ReviewState, type Verdict } from '../domain/labels/review.ts'
import type { LabelInput } from '../domain/labels/validate.ts'
import type { Id } from '../types.ts'
import { stageById } from '../domain/workflow/graph.ts'
import { ANNOTATOR_KEY } from '../domain/workflow/transition.ts'
import { reviewedCounts } from '../domain/analytics/labelCounts.ts'
import { systemAccess } from '../system.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { idempotencyKeySchema, parseInput, wholePart } from './input.ts'
import { awaitsResolution } from './consensusAgreement.ts'
import { labelOf } from './labels.ts'
import { performTaskAction, type TaskActionAnswer } from './performTaskAction.ts'

const verdict = z.enum(['approve', 'reject'], { error: () => 'must be approve or reject' })
/** The body of a review, as REST and GraphQL send it: parsed here, so both hold it to the same limits. */
export const reviewBodySchema = z
  .object({
    expectedVersion: z.number({ message: 'is required: the task version you read (optimistic concurrency)' }).int().min(1),
    decisions: z
      .array(
        z
          .object({
            target: z.enum(['object', 'classification'], { error: () => 'must be object or classification' }),
            id: z.string().min(1).max(64),
            verdict,
            note: z.string().max(4000).optional(),
          })
          .strict(),
      )
      .max(10_000)
      .default([]),
    /** the verdict for everything not decided one by one */
    all: verdict.optional(),
    note: z.string().max(4000).optional(),
    timeSpentMs: z.number().int().min(0).optional(),
  })
  .strict()

/** A review as callers send it: the task, the body, an optional Idempotency-Key. */
export const reviewSchema = z
  .object({ id: documentIdSchema, body: wholePart(reviewBodySchema), idempotencyKey: idempotencyKeySchema })
  .strict()

/** The operation as callers send it (`unknown` input, parsed here): see reviewTask. */
export async function reviewTaskRequest({ req, input }: { req: PayloadRequest; input: unknown }) {
  requireUser(req, 'review tasks')
  const { id, body, idempotencyKey } = parseInput(reviewSchema, input)
  return reviewTask({ req, taskId: id, ...body, idempotencyKey })
}

export type ReviewInput = {
  req: PayloadRequest
  taskId: Id
  expectedVersion: number
  decisions: Decision[]
  all?: Verdict
  note?: string
  timeSpentMs?: number
  idempotencyKey?: string
}

export type ReviewAnswer = TaskActionAnswer & { review: { round: number; approved: number; rejected: number; issues: Id[] } }

/**
 * A reviewer's verdict on each object and classification of the annotation under review (or on all at once),
 * in one transaction: all approved -> the approve pathway; any rejection -> the reject pathway (Reopened, back
 * to the annotator by default), each rejection note becoming an Issue on the label, assigned to the annotator.
 * The label keeps the verdicts and a snapshot of what was reviewed, so the next round shows what changed.
 */
export async function reviewTask(input: ReviewInput): Promise<{ status: number; body: ReviewAnswer }> {
  const { req } = input
  const reviewer = requireUser(req, 'review tasks').id
  const { idempotencyKey, req: _req, ...request } = input
  return inTransaction(req, () => idempotent(req, reviewer, idempotencyKey, { operation: 'review', ...request }, () => review(input)))
}

async function review({
  req,
  taskId,
  expectedVersion,
  decisions,
  all,
  note,
  timeSpentMs,
}: ReviewInput): Promise<{ status: number; body: ReviewAnswer }> {
  const { slugs } = getOptions(req.payload)
  const task = await lockTask(req, taskId)
  const actor = (await loadActor(req))!
  if (!task || (!actor.superAdmin && !roleIn(actor, task.workspace))) throw new NotFound(req.t)
  const project = (await loadQueueProject(req, task.project))!
  const stage = project.workflow && stageById(project.workflow, task.stage)
  if (stage?.type !== 'review')
    throw new InvalidTransitionError(
      `stage: the task is in ${stage ? `${stage.type} stage "${stage.id}"` : 'an unknown stage'}, not under review`,
    )
  // an unresolved consensus round has no one label to judge item by item: it is rejected whole (a new round) or
  // resolved first (approving waits for that; performTaskAction says so)
  const unresolved = awaitsResolution(task.consensusAgreement)
  if (unresolved && decisions.length > 0)
    throw new InvalidTransitionError(
      'resolution: the consensus round is not resolved yet: resolve it first (POST /api/tasks/:id/resolve), or reject it whole (all: reject)',
    )
  const annotator = unresolved ? null : (task.lastActorByStage[ANNOTATOR_KEY] ?? null)
  const label = await labelOf(req, task.id, annotator)
  const content = {
    objects: (label?.objects ?? []) as LabelInput['objects'],
    classifications: (label?.classifications ?? []) as LabelInput['classifications'],
  }
  const decided = decide(content, decisions, all, note)
  if ('problems' in decided) throw FieldRuleError.of(decided.problems)
  const rejected = [...decided.verdicts].filter(([, verdict]) => verdict.verdict === 'reject')
  // an empty annotation has nothing to decide item by item: `all` decides it
  const rejects = rejected.length > 0 || (decided.verdicts.size === 0 && all === 'reject')
  const summary = rejects ? [note?.trim(), ...rejected.map(([key, verdict]) => `${key}: ${verdict.note}`)].filter(Boolean).join('\n') : note

  // the workflow action checks who may review (role, lease, self-review), the status gate and the version
  const acted = await performTaskAction({
    req,
    taskId: task.id,
    action: rejects ? 'reject' : 'approve',
    expectedVersion,
    note: summary,
    timeSpentMs,
    labelVerdicts: reviewedCounts(decided.verdicts.values()),
  })
  const round = Number(label?.reviewRound ?? 0) + 1
  const issues: Id[] = []
  if (label) {
    const state: ReviewState = { ...((label.review as ReviewState | null) ?? {}) }
    for (const [key, verdict] of decided.verdicts) state[key] = { verdict: verdict.verdict, note: verdict.note, round }
    // labels are written only by their operations: the verdicts land as the system
    await req.payload.update({
      collection: slugs.labels,
      id: label.id as Id,
      data: { review: state, reviewRound: round, reviewedSnapshot: content } as never,
      depth: 0,
      ...systemAccess(req),
    })
  }
  for (const [key, verdict] of rejected) {
    const issue = await req.payload.create({
      collection: slugs.issues,
      data: {
        task: task.id,
        title: `Review round ${round}: ${verdict.note}`.slice(0, 200),
        anchor: { kind: 'label', labelObject: anchorObjectOf(key) },
        assignee: annotator,
        resolutionNote: null,
      } as never,
      depth: 0,
      req,
      overrideAccess: false,
    })
    issues.push(issue.id)
  }
  if (rejects && rejected.length === 0 && note?.trim()) {
    const issue = await req.payload.create({
      collection: slugs.issues,
      data: { task: task.id, title: `Review round ${round}: ${note.trim()}`.slice(0, 200), assignee: annotator } as never,
      depth: 0,
      req,
      overrideAccess: false,
    })
    issues.push(issue.id)
  }
  return {
    status: 200,
    body: { ...acted.body, review: { round, approved: decided.verdicts.size - rejected.length, rejected: rejected.length, issues } },
  }
}
