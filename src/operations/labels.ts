import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { type LabelCounts, submittedCounts } from '../domain/analytics/labelCounts.ts'
import { requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { canInProject } from '../domain/projects/capabilities.ts'
import { getOptions } from '../context.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { lockTask, type TaskRow } from '../sql/tasks/taskRows.ts'
import { ConflictError, FieldRuleError, InvalidTransitionError, LeaseError, ProjectNotActiveError } from '../errors.ts'
import { anchorObjectOf, changedSinceReview, resolveChanged, type ReviewKey, type ReviewState } from '../domain/labels/review.ts'
import { featureIdsOf, type LabelInput, labelProblems } from '../domain/labels/validate.ts'
import { projectWriteProblem } from '../domain/projects/status.ts'
import { branchOf } from '../sql/queue/claimConsensus.ts'
import { branchProblem, leaseProblem } from '../domain/queue/leaseRule.ts'
import { slotsOf } from '../domain/queue/slots.ts'
import { isHoneypotTask } from './scoredWork.ts'
import type { Id } from '../types.ts'
import { systemAccess } from '../system.ts'
import { stageById } from '../domain/workflow/graph.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { parseInput } from './input.ts'
import { ontologyOf } from './ontologyCache.ts'
import { loadProjectContext } from './projectContext.ts'

/** Labels are written only here (no CRUD), a reviewer reads the annotation under review, a rework resolves issues: as the system. */
const asSystemRead = (req: PayloadRequest) => ({ depth: 0, ...systemAccess(req) }) as const

/** The label of `author` on a task, if any. */
export async function labelOf(req: PayloadRequest, task: Id, author: Id | null | undefined): Promise<Record<string, unknown> | null> {
  if (author == null) return null
  const found = await req.payload.find({
    collection: getOptions(req.payload).slugs.labels,
    where: { and: [{ task: { equals: task } }, { author: { equals: author } }] },
    limit: 1,
    ...asSystemRead(req),
  })
  return (found.docs[0] as unknown as Record<string, unknown> | undefined) ?? null
}

/**
 * A label save: the task and the label. The label's own schema runs in labelProblems, with the ontology it
 * must fit, once the task is known to be the caller's to draw on.
 */
export const saveLabelSchema = z.object({ id: documentIdSchema, body: z.unknown() }).strict()

/**
 * PUT /api/tasks/:id/label: saves the caller's draft label — only its author, only while holding the task's
 * lease (or consensus slot), only in an annotate or consensus stage, and only if it fits the project's
 * ontology (400 listing every problem by path; nothing stored). Drafts may still miss required answers.
 */
export async function saveLabelDraft({ req, input }: { req: PayloadRequest; input: unknown }) {
  requireUser(req, 'work on tasks')
  const { id: taskId, body } = parseInput(saveLabelSchema, input)
  const { slugs } = getOptions(req.payload)
  return inTransaction(req, async () => {
    const task = await lockTask(req, taskId)
    if (!task) throw new NotFound(req.t)
    const { actor, project, projectActor } = await loadProjectContext(req, task.project)
    const gate = projectWriteProblem(projectActor, project.status)
    if (gate) throw new ProjectNotActiveError(gate)
    const stage = project.workflow && stageById(project.workflow, task.stage)
    if (!stage || (stage.type !== 'annotate' && stage.type !== 'consensus')) {
      throw new InvalidTransitionError(
        `stage: labels are drawn in annotate and consensus stages; this task is in ${stage ? `a ${stage.type}` : 'an unknown'} stage`,
      )
    }
    // the author holds the lease: labels are drawn on one's own work only (managers too must claim the task first)
    assertCan(projectActor, 'project.labels.write')
    const slots = slotsOf(stage, project.kind, { honeypot: await isHoneypotTask(req, project, stage, task) })
    const problem =
      slots !== null
        ? branchProblem(await branchOf(req, task, actor.userId), slots)
        : leaseProblem({
            lease: { holder: task.leaseHolder, live: task.leaseLive },
            actor: actor.userId,
            team: canInProject(projectActor, 'project.labels.write', 'team'),
          })
    if (problem) throw new LeaseError(problem)
    const ontology = await ontologyOf(req, project.ontology)
    if (!ontology) throw new ConflictError('ontology: the project has no ontology to label against; set one first')
    const item = (await req.payload.findByID({ collection: slugs.dataItems, id: task.dataItem, depth: 0, req, overrideAccess: false })) as {
      frames?: number | null
      source?: { text?: string | null }
    }
    const checked = labelProblems(
      body,
      ontology,
      { frames: item.frames, textLength: item.source?.text?.length ?? null },
      { complete: false },
    )
    if (checked.problems.length > 0) throw FieldRuleError.of(checked.problems)
    return storeLabel(req, task, project.ontology!, actor.userId, checked.label!, 'draft', await labelOf(req, task.id, actor.userId))
  })
}

/**
 * A new consensus branch starts from nothing: the annotator's label document, if an earlier round (or stage)
 * left it submitted, is emptied into a fresh draft — the earlier branch stays on its branch row.
 */
export async function startBranchAfresh(
  req: PayloadRequest,
  task: Id,
  annotator: Id,
  { keepContent = false }: { keepContent?: boolean } = {},
): Promise<void> {
  const existing = await labelOf(req, task, annotator)
  if (!existing || existing.status !== 'submitted') return
  const { slugs } = getOptions(req.payload)
  await req.payload.update({
    collection: slugs.labels,
    id: existing.id as Id,
    data: {
      status: 'draft',
      ...(keepContent ? {} : { objects: [], classifications: [], featureIds: [] }),
      submittedAt: null,
      review: null,
      reviewRound: 0,
      reviewedSnapshot: null,
    } as never,
    ...asSystemRead(req),
  })
}

/** Creates or updates (`existing`) the author's label; `extra` fields ride along in the same write. */
export async function storeLabel(
  req: PayloadRequest,
  task: TaskRow,
  ontology: Id,
  author: Id,
  label: LabelInput,
  status: 'draft' | 'submitted',
  existing: Record<string, unknown> | null,
  extra: Record<string, unknown> = {},
) {
  const { slugs } = getOptions(req.payload)
  const data = {
    workspace: task.workspace,
    project: task.project,
    task: task.id,
    ontology,
    author,
    status,
    objects: label.objects,
    classifications: label.classifications,
    featureIds: featureIdsOf(label),
    submittedAt: status === 'submitted' ? new Date().toISOString() : null,
    ...extra,
  }
  return existing
    ? req.payload.update({ collection: slugs.labels, id: existing.id as Id, data: data as never, ...asSystemRead(req) })
    : req.payload.create({ collection: slugs.labels, data: data as never, ...asSystemRead(req) })
}

/**
 * On submit: the submitter's label must be complete (required answers too) and is frozen as submitted. With
 * no label, a submit is refused when the ontology asks required classifications (there is nothing to say
 * they were answered). Runs inside the action's transaction. Answers what the submit did to the label, for
 * the journal (src/domain/analytics/labelCounts.ts).
 */
export async function freezeLabelOnSubmit(
  req: PayloadRequest,
  task: TaskRow,
  ontologyId: Id | null | undefined,
  author: Id,
): Promise<LabelCounts> {
  const ontology = await ontologyOf(req, ontologyId)
  if (!ontology) return {}
  const existing = await labelOf(req, task.id, author)
  const checked = labelProblems(
    existing ? { objects: existing.objects, classifications: existing.classifications } : {},
    ontology,
    {},
    { complete: true },
  )
  if (checked.problems.length > 0) {
    throw FieldRuleError.of(
      checked.problems.map((problem) => ({
        path: `label.${problem.path}`,
        message: existing ? problem.message : `${problem.message} (save a label with PUT /api/tasks/:id/label before submitting)`,
      })),
    )
  }
  if (!existing) return {}
  // rework: what the annotator changed since the last review resolves its rejections and their issues
  const changed = changedSinceReview(existing.reviewedSnapshot as Pick<LabelInput, 'objects' | 'classifications'> | null, checked.label!)
  const review = existing.review as ReviewState | null
  await storeLabel(
    req,
    task,
    ontologyId!,
    author,
    checked.label!,
    'submitted',
    existing,
    review ? { review: resolveChanged(review, changed) } : {},
  )
  await resolveFixedIssues(req, task.id, changed, Number(existing.reviewRound ?? 0))
  return submittedCounts(existing.reviewedSnapshot as Pick<LabelInput, 'objects' | 'classifications'> | null, checked.label!)
}

/**
 * Rework: the open issues a review raised on items the annotator has since changed (or removed) are resolved
 * by this submit, with a note saying so; the others stay open for the reviewer to judge.
 */
async function resolveFixedIssues(req: PayloadRequest, task: Id, changed: ReviewKey[], round: number) {
  if (changed.length === 0) return
  const anchors = new Set(changed.map(anchorObjectOf))
  const { slugs } = getOptions(req.payload)
  const open = await req.payload.find({
    collection: slugs.issues,
    where: { and: [{ task: { equals: task } }, { status: { equals: 'open' } }, { 'anchor.kind': { equals: 'label' } }] },
    limit: 1000,
    ...asSystemRead(req),
  })
  for (const issue of open.docs as unknown as Array<{ id: Id; anchor?: { labelObject?: string | null } }>) {
    if (!issue.anchor?.labelObject || !anchors.has(issue.anchor.labelObject)) continue
    await req.payload.update({
      collection: slugs.issues,
      id: issue.id,
      ...asSystemRead(req),
      data: { status: 'resolved', resolutionNote: `fixed in rework: changed since review round ${round}` } as never,
    })
  }
}

/** A task's open issues, oldest first (what a reworking annotator has to address). */
export async function openIssuesOf(req: PayloadRequest, task: Id): Promise<unknown[]> {
  const found = await req.payload.find({
    collection: getOptions(req.payload).slugs.issues,
    where: { and: [{ task: { equals: task } }, { status: { equals: 'open' } }] },
    sort: 'createdAt',
    limit: 1000,
    ...asSystemRead(req),
  })
  return found.docs
}
