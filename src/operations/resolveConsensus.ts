import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { assertCan } from '../access/assertCan.ts'
import { requireUser } from '../access/actor.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { labelProblems } from '../domain/labels/validate.ts'
import type { OntologyStructure } from '../domain/ontology/schema.ts'
import { projectScopeOf } from '../domain/projects/capabilities.ts'
import { projectWriteProblem } from '../domain/projects/status.ts'
import { leaseProblem } from '../domain/queue/leaseRule.ts'
import { stageById } from '../domain/workflow/graph.ts'
import { ownWorkProblem } from '../domain/workflow/transition.ts'
import {
  FieldRuleError,
  ForbiddenChangeError,
  InvalidTransitionError,
  LeaseError,
  ProjectNotActiveError,
  StaleVersionError,
} from '../errors.ts'
import { resolveConsensus as resolveBranches, type ResolutionChoice } from '../quality/resolution.ts'
import { idempotent } from '../sql/idempotency.ts'
import { consensusAuthorsOf, roundBranchesOf } from '../sql/queue/claimConsensus.ts'
import { appendTaskEvents, lockTask } from '../sql/tasks/taskRows.ts'
import type { Id } from '../types.ts'
import { type ConsensusAgreement, type ConsensusResolution, rankedBranches, storeAgreement } from './consensusAgreement.ts'
import { idempotencyKeySchema, parseInput, wholePart } from './input.ts'
import { labelOf, storeLabel } from './labels.ts'
import { cachedOntology } from './ontologyCache.ts'
import { loadProjectContext } from './projectContext.ts'

const MODES = ['branch', 'picks', 'majority'] as const
/** The body of a resolution, as REST and GraphQL send it. */
export const resolutionBodySchema = z
  .object({
    expectedVersion: z.number({ message: 'is required: the task version you read (optimistic concurrency)' }).int().min(1),
    mode: z.enum(MODES, { error: () => `must be ${MODES.join(', ')}` }),
    /** mode branch: whose branch becomes the label */
    branch: documentIdSchema.optional(),
    /** mode picks: the objects to keep, each from one branch */
    objects: z
      .array(z.object({ branch: documentIdSchema, id: z.string().min(1).max(64) }).strict())
      .max(10_000)
      .default([]),
    /** mode picks: one answer per classification, each from one branch */
    classifications: z
      .array(z.object({ branch: documentIdSchema, featureId: z.string().min(1).max(64) }).strict())
      .max(1_000)
      .default([]),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.mode === 'branch' && body.branch === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['branch'],
        message: 'is required with mode branch: the annotator whose branch becomes the label',
      })
    if (body.mode !== 'branch' && body.branch !== undefined)
      ctx.addIssue({ code: 'custom', path: ['branch'], message: 'is only for mode branch' })
    if (body.mode !== 'picks' && (body.objects.length > 0 || body.classifications.length > 0))
      ctx.addIssue({ code: 'custom', path: ['objects'], message: 'objects and classifications are picked only with mode picks' })
  })

export const resolutionSchema = z
  .object({ id: documentIdSchema, body: wholePart(resolutionBodySchema), idempotencyKey: idempotencyKeySchema })
  .strict()

export type ResolutionAnswer = {
  id: Id
  version: number
  consensusAgreement: ConsensusAgreement
  label: { objects: unknown[]; classifications: unknown[] }
}

/** The operation as callers send it (`unknown` input, parsed here): see resolveConsensusRound. */
export async function resolveConsensusRequest({ req, input }: { req: PayloadRequest; input: unknown }) {
  const user = requireUser(req, 'resolve consensus rounds')
  const { id, body, idempotencyKey } = parseInput(resolutionSchema, input)
  return inTransaction(req, () =>
    idempotent(req, user.id, idempotencyKey, { operation: 'resolve', id, ...body }, () => resolveConsensusRound(req, id, body)),
  )
}

/**
 * A reviewer turns a consensus round into one label, in one transaction: a branch whole, objects and answers
 * picked across branches, or a majority merge (src/quality/resolution.ts). The result must be a complete
 * label for the ontology; it is written to the carrier's label document (the chosen branch's annotator, or
 * the best-agreeing one), who becomes the task's annotator; the task's agreement records how it was resolved,
 * and the journal says who did it. The task stays in review: approving (or rejecting) it is the next step.
 * Taken by whoever may review the task — holding its lease, or a team grant on a task nobody holds — and never
 * by one of the round's annotators.
 */
async function resolveConsensusRound(
  req: PayloadRequest,
  taskId: Id,
  body: z.output<typeof resolutionBodySchema>,
): Promise<{ status: number; body: ResolutionAnswer }> {
  const task = await lockTask(req, taskId)
  if (!task) throw new NotFound(req.t)
  const { actor, project, projectActor } = await loadProjectContext(req, task.project)
  const gate = projectWriteProblem(projectActor, project.status)
  if (gate) throw new ProjectNotActiveError(gate)
  if (task.version !== body.expectedVersion) throw new StaleVersionError(task.version)
  const graph = project.workflow
  const stage = graph && stageById(graph, task.stage)
  const agreement = task.consensusAgreement as ConsensusAgreement | null
  if (!graph || stage?.type !== 'review' || !agreement)
    throw new InvalidTransitionError(
      `stage: only a task in review after a consensus round is resolved; this one is in ${stage ? `${stage.type} stage "${stage.id}"` : 'an unknown stage'}${agreement ? '' : ' with no consensus round'}`,
    )
  if (agreement.resolution)
    throw new InvalidTransitionError(
      `resolution: consensus round ${agreement.round} is resolved already (${agreement.resolution.mode}); review the label, or reject it for a new round`,
    )
  assertCan(projectActor, 'project.review', undefined, 'action')
  const leased = leaseProblem({
    lease: { holder: task.leaseHolder, live: task.leaseLive },
    actor: actor.userId,
    team: projectScopeOf(projectActor, 'project.review') === 'team',
  })
  if (leased) throw new LeaseError(leased, { leaseHolder: task.leaseHolder })
  const branches = await roundBranchesOf(req, task.id, agreement.round)
  // whoever annotated the task in any round is no judge of it (the same rule as approving)
  const own = ownWorkProblem(graph, task, stage, actor.userId, {
    annotators: await consensusAuthorsOf(req, task.id),
    allowSelfReview: project.settings?.allowSelfReview,
  })
  if (own) throw new ForbiddenChangeError('action', own)

  const ontology = project.ontology ? ((await cachedOntology(req, project.ontology)) as Partial<OntologyStructure> | null) : null
  const resolved = resolveBranches(rankedBranches(agreement, branches), choiceOf(body), { shapes: ontology })
  if ('problems' in resolved) throw FieldRuleError.of(resolved.problems)
  const carrier = branches.find((branch) => String(branch.annotator) === resolved.carrier)!.annotator
  let label: { objects: unknown[]; classifications: unknown[] } = resolved.content
  if (ontology) {
    const checked = labelProblems(
      resolved.content,
      { objects: ontology.objects ?? [], classifications: ontology.classifications ?? [] },
      {},
      {
        complete: true,
      },
    )
    if (checked.problems.length > 0)
      throw FieldRuleError.of(checked.problems.map((problem) => ({ path: `label.${problem.path}`, message: problem.message })))
    label = checked.label!
    await storeLabel(req, task, project.ontology!, carrier, checked.label!, 'submitted', await labelOf(req, task.id, carrier))
  }
  const resolution: ConsensusResolution = {
    mode: body.mode,
    by: String(actor.userId),
    at: new Date().toISOString(),
    carrier: resolved.carrier,
  }
  const stored = { ...agreement, resolution }
  const version = await storeAgreement(req, task.id, stored, carrier, { bumpVersion: true, expectedVersion: task.version })
  if (version === undefined) throw new StaleVersionError(task.version)
  await appendTaskEvents(req, [
    {
      workspace: task.workspace,
      project: task.project,
      task: task.id,
      actor: actor.userId,
      type: 'resolved',
      fromStage: task.stage,
      toStage: task.stage,
      fromStatus: task.status,
      toStatus: task.status,
      note: `consensus round ${agreement.round} resolved (${body.mode}): the label of user ${resolved.carrier}`,
    },
  ])
  return { status: 200, body: { id: task.id, version, consensusAgreement: stored, label } }
}

function choiceOf(body: z.output<typeof resolutionBodySchema>): ResolutionChoice {
  if (body.mode === 'branch') return { mode: 'branch', branch: String(body.branch) }
  if (body.mode === 'majority') return { mode: 'majority' }
  return {
    mode: 'picks',
    objects: body.objects.map((pick) => ({ branch: String(pick.branch), id: pick.id })),
    classifications: body.classifications.map((pick) => ({ branch: String(pick.branch), featureId: pick.featureId })),
  }
}
