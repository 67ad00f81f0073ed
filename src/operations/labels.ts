import { NotFound, type PayloadRequest } from 'payload'

import { loadActor, projectRolesIn, roleIn } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { loadQueueProject } from '../db/projectRow.ts'
import { lockTask, type TaskRow } from '../db/taskRows.ts'
import { ConflictError, FieldRuleError, InvalidTransitionError, LeaseError, ProjectNotActiveError } from '../errors.ts'
import { diffLabels } from '../labels/review.ts'
import { featureIdsOf, type LabelInput, labelProblems } from '../labels/validate.ts'
import type { OntologyStructure } from '../ontology/schema.ts'
import { managesProject, taskWorkProblem } from '../projects/status.ts'
import { branchOf } from '../queue/claimConsensus.ts'
import { branchProblem, leaseProblem } from '../queue/leaseRule.ts'
import type { Id } from '../types.ts'
import { stageById } from '../workflow/graph.ts'

const asSystemRead = (req: PayloadRequest) => ({ depth: 0, req, overrideAccess: true }) as const

async function ontologyOf(req: PayloadRequest, id: Id | null | undefined): Promise<OntologyStructure | null> {
  if (id == null) return null
  const doc = (await req.payload.findByID({ collection: getOptions(req.payload).slugs.ontologies, id, ...asSystemRead(req), disableErrors: true })) as Partial<OntologyStructure> | null
  return doc ? { objects: doc.objects ?? [], classifications: doc.classifications ?? [] } : null
}

/** The label of `author` on a task, if any. */
export async function labelOf(req: PayloadRequest, task: Id, author: Id | null | undefined): Promise<Record<string, unknown> | null> {
  if (author == null) return null
  const found = await req.payload.find({ collection: getOptions(req.payload).slugs.labels, where: { and: [{ task: { equals: task } }, { author: { equals: author } }] }, limit: 1, ...asSystemRead(req) })
  return (found.docs[0] as unknown as Record<string, unknown> | undefined) ?? null
}

/**
 * PUT /api/tasks/:id/label: saves the caller's draft label — only its author, only while holding the task's
 * lease (or consensus slot), only in an annotate or consensus stage, and only if it fits the project's
 * ontology (400 listing every problem by path; nothing stored). Drafts may still miss required answers.
 */
export async function saveLabelDraft({ req, taskId, body }: { req: PayloadRequest; taskId: Id; body: unknown }) {
  const { slugs } = getOptions(req.payload)
  return inTransaction(req, async () => {
    const task = await lockTask(req, taskId)
    const actor = (await loadActor(req))!
    if (!task || (!actor.superAdmin && !roleIn(actor, task.workspace))) throw new NotFound(req.t)
    const project = (await loadQueueProject(req, task.project))!
    const projectActor = { superAdmin: actor.superAdmin, workspaceRole: roleIn(actor, task.workspace), projectRoles: projectRolesIn(actor, project.id) }
    if (!managesProject(projectActor) && projectActor.projectRoles.length === 0) throw new NotFound(req.t)
    const gate = taskWorkProblem(projectActor, project.status)
    if (gate) throw new ProjectNotActiveError(gate)
    const stage = project.workflow && stageById(project.workflow, task.stage)
    if (!stage || (stage.type !== 'annotate' && stage.type !== 'consensus')) {
      throw new InvalidTransitionError(`stage: labels are drawn in annotate and consensus stages; this task is in ${stage ? `a ${stage.type}` : 'an unknown'} stage`)
    }
    // the author holds the lease: managers too must claim the task to draw on it
    const problem = stage.type === 'consensus'
      ? branchProblem(await branchOf(req, task, actor.userId), stage.config.annotators)
      : leaseProblem({ lease: { holder: task.leaseHolder, live: task.leaseLive }, actor: actor.userId, manager: false })
    if (problem) throw new LeaseError(problem)
    const ontology = await ontologyOf(req, project.ontology)
    if (!ontology) throw new ConflictError('ontology: the project has no ontology to label against; set one first')
    const item = (await req.payload.findByID({ collection: slugs.dataItems, id: task.dataItem, ...asSystemRead(req) })) as { frames?: number | null; source?: { text?: string | null } }
    const checked = labelProblems(body, ontology, { frames: item.frames, textLength: item.source?.text?.length ?? null }, { complete: false })
    if (checked.problems.length > 0) throw FieldRuleError.of(checked.problems)
    return storeLabel(req, task, project.ontology!, actor.userId, checked.label!, 'draft')
  })
}

async function storeLabel(req: PayloadRequest, task: TaskRow, ontology: Id, author: Id, label: LabelInput, status: 'draft' | 'submitted') {
  const { slugs } = getOptions(req.payload)
  const data = {
    workspace: task.workspace, project: task.project, task: task.id, ontology, author, status,
    objects: label.objects, classifications: label.classifications, featureIds: featureIdsOf(label),
    submittedAt: status === 'submitted' ? new Date().toISOString() : null,
  }
  const existing = await labelOf(req, task.id, author)
  return existing
    ? req.payload.update({ collection: slugs.labels, id: existing.id as Id, data: data as never, ...asSystemRead(req) })
    : req.payload.create({ collection: slugs.labels, data: data as never, ...asSystemRead(req) })
}

/**
 * On submit: the submitter's label must be complete (required answers too) and is frozen as submitted. With
 * no label, a submit is refused when the ontology asks required classifications (there is nothing to say
 * they were answered). Runs inside the action's transaction.
 */
export async function freezeLabelOnSubmit(req: PayloadRequest, task: TaskRow, ontologyId: Id | null | undefined, author: Id): Promise<void> {
  const ontology = await ontologyOf(req, ontologyId)
  if (!ontology) return
  const existing = await labelOf(req, task.id, author)
  const checked = labelProblems(existing ? { objects: existing.objects, classifications: existing.classifications } : {}, ontology, {}, { complete: true })
  if (checked.problems.length > 0) {
    throw FieldRuleError.of(checked.problems.map((problem) => ({ path: `label.${problem.path}`, message: existing ? problem.message : `${problem.message} (save a label with PUT /api/tasks/:id/label before submitting)` })))
  }
  if (!existing) return
  const stored = await storeLabel(req, task, ontologyId!, author, checked.label!, 'submitted')
  await resolveFixedIssues(req, task.id, existing, checked.label!)
  // rejected items the annotator changed are resolved, awaiting the next review's verdict
  const review = existing.review as Record<string, { verdict: string }> | null | undefined
  const snapshot = existing.reviewedSnapshot as Pick<LabelInput, 'objects' | 'classifications'> | null | undefined
  if (review && snapshot) {
    const { modified, removed } = diffLabels(snapshot, checked.label!)
    const fixed = [...modified, ...removed].filter((key) => review[key]?.verdict === 'reject')
    if (fixed.length > 0) {
      const next = { ...review, ...Object.fromEntries(fixed.map((key) => [key, { ...review[key], verdict: 'resolved' }])) }
      await req.payload.update({ collection: getOptions(req.payload).slugs.labels, id: stored.id, data: { review: next } as never, ...asSystemRead(req) })
    }
  }
}

/**
 * Rework: the open issues a review raised on items the annotator has since changed (or removed) are resolved
 * by this submit, with a note saying so; the others stay open for the reviewer to judge.
 */
async function resolveFixedIssues(req: PayloadRequest, task: Id, before: Record<string, unknown>, after: LabelInput) {
  const snapshot = before.reviewedSnapshot as Pick<LabelInput, 'objects' | 'classifications'> | null | undefined
  if (!snapshot) return
  const { modified, removed } = diffLabels(snapshot, after)
  const changed = new Set([...modified, ...removed].map((key) => (key.startsWith('object:') ? key.slice('object:'.length) : key)))
  if (changed.size === 0) return
  const { slugs } = getOptions(req.payload)
  const open = await req.payload.find({
    collection: slugs.issues, where: { and: [{ task: { equals: task } }, { status: { equals: 'open' } }, { 'anchor.kind': { equals: 'label' } }] }, limit: 1000, ...asSystemRead(req),
  })
  for (const issue of open.docs as unknown as Array<{ id: Id; anchor?: { labelObject?: string | null } }>) {
    if (!issue.anchor?.labelObject || !changed.has(issue.anchor.labelObject)) continue
    await req.payload.update({
      collection: slugs.issues, id: issue.id, depth: 0, req, overrideAccess: true,
      data: { status: 'resolved', resolutionNote: `fixed in rework: changed since review round ${String(before.reviewRound ?? 0)}` } as never,
    })
  }
}

/** A task's open issues, oldest first (what a reworking annotator has to address). */
export async function openIssuesOf(req: PayloadRequest, task: Id): Promise<unknown[]> {
  const found = await req.payload.find({ collection: getOptions(req.payload).slugs.issues, where: { and: [{ task: { equals: task } }, { status: { equals: 'open' } }] }, sort: 'createdAt', limit: 1000, ...asSystemRead(req) })
  return found.docs
}
