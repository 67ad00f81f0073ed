import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { idOf, sameId } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { createMissingTasks, deleteUntouchedTasks, tasksUnderWay } from '../src/sql/tasks/taskSync.ts'
import { ConflictError, FieldRuleError } from '../src/errors.ts'
import { workflowStructure } from '../src/domain/workflow/freeze.ts'
import type { WorkflowGraph } from '../src/domain/workflow/graph.ts'
import { validateWorkflow } from '../src/domain/workflow/validate.ts'
import { systemAccess } from '../src/system.ts'

const ids = (value: unknown) => (Array.isArray(value) ? value.map(idOf).filter((id) => id !== undefined) : []) as Array<number | string>

/**
 * A project runs a validated copy of its template's graph (editing the template later changes nothing
 * here). Once tasks exist, stages and edges are frozen; names and assignment settings stay editable.
 * Datasets with tasks under way cannot be detached.
 */
export const syncProjectWorkflow: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const { slugs } = getOptions(req.payload)
  const workspace = idOf(data.workspace ?? originalDoc?.workspace)
  const template = idOf(data.workflowTemplate)
  // a newly chosen template is copied unless the same save brings a workflow of its own (the admin form sends
  // the current one back unchanged: that is not a workflow of its own)
  const ownWorkflow = data.workflow != null && workflowStructure(data.workflow) !== workflowStructure(originalDoc?.workflow)
  if (template !== undefined && !sameId(template, idOf(originalDoc?.workflowTemplate)) && !ownWorkflow) {
    const doc = (await req.payload.findByID({
      collection: slugs.workflowTemplates,
      id: template,
      depth: 0,
      ...systemAccess(req),
      disableErrors: true,
    })) as { workspace: unknown; graph: WorkflowGraph } | null
    if (!doc || !sameId(idOf(doc.workspace), workspace))
      throw new FieldRuleError('workflowTemplate', `template ${template} is not a workflow template of this workspace`)
    data.workflow = structuredClone(doc.graph)
  }
  if (data.workflow != null) {
    const result = validateWorkflow(data.workflow)
    if (!result.ok)
      throw FieldRuleError.of(
        result.problems.map((problem) => ({ path: problem.path ? `workflow.${problem.path}` : 'workflow', message: problem.message })),
      )
    data.workflow = result.graph
  }
  if (operation !== 'update' || !originalDoc) return data

  const hasTasks = async () =>
    (await req.payload.count({ collection: slugs.tasks, where: { project: { equals: originalDoc.id } }, ...systemAccess(req) })).totalDocs >
    0
  if (data.workflow !== undefined && workflowStructure(data.workflow) !== workflowStructure(originalDoc.workflow) && (await hasTasks())) {
    throw new ConflictError(
      'workflow: stages and edges are frozen once the project has tasks; only names and assignment settings can change',
      { field: 'workflow' },
    )
  }
  if (data.datasets !== undefined) {
    const removed = ids(originalDoc.datasets).filter((id) => !ids(data.datasets).some((kept) => sameId(kept, id)))
    const underWay = await tasksUnderWay(req, originalDoc.id, removed)
    if (underWay > 0)
      throw new ConflictError(`datasets: ${underWay} tasks of the datasets being detached are in progress; finish or move them first`, {
        field: 'datasets',
      })
  }
  return data
}

/** Attaching datasets (or a workflow) creates the missing tasks; detached datasets take their untouched tasks along. */
export const syncProjectTasks: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const removed = ids(previousDoc?.datasets).filter((id) => !ids(doc.datasets).some((kept) => sameId(kept, id)))
  await deleteUntouchedTasks(req, doc.id, removed)
  if (doc.workflow && ids(doc.datasets).length > 0) await createMissingTasks(req, { project: doc.id }, req.user?.id ?? null)
  return doc
}
