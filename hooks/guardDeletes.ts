import type { CollectionBeforeDeleteHook } from 'payload'

import { getOptions } from '../src/context.ts'
import { deleteTaskJournal, deleteUntouchedTasks, isTaskWorkedOn, tasksUnderWay } from '../src/sql/tasks/taskSync.ts'
import { ConflictError } from '../src/errors.ts'
import { deleteWebhookRows } from '../src/sql/webhooks/deliveryQueue.ts'
import { asSystem, isSystem, systemAccess } from '../src/system.ts'

/** A project with work done keeps its history: archive it instead. Untouched tasks go with it. */
export const guardProjectDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { slugs } = getOptions(req.payload)
  const project = (await req.payload.findByID({ collection: slugs.projects, id, depth: 0, ...systemAccess(req), disableErrors: true })) as {
    datasets?: Array<number | string>
  } | null
  const datasets = (project?.datasets ?? []).map((dataset) => (typeof dataset === 'object' ? (dataset as { id: number }).id : dataset))
  if (!isSystem(req) && (await tasksUnderWay(req, id, datasets)) > 0) {
    throw new ConflictError('the project has tasks in progress or done: archive it instead of deleting it')
  }
  // a benchmark that screens another project's annotators: the gate would silently disappear (a workspace's
  // deletion takes every project with it)
  const { totalDocs: screened } = isSystem(req)
    ? { totalDocs: 0 }
    : await req.payload.count({ collection: slugs.projects, where: { requiresBenchmark: { equals: id } }, ...systemAccess(req) })
  if (screened > 0) throw new ConflictError(`the project is the benchmark ${screened} project(s) require: choose another there first`)
  await deleteUntouchedTasks(req, id, datasets)
  await deleteWebhookRows(req, { project: id })
}

/** A webhook's delivery log goes with it. */
export const deleteWebhookDeliveries: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await deleteWebhookRows(req, { subscription: id })
}

/** Data used by a project stays until the project lets go of it. */
export const guardDatasetDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { slugs } = getOptions(req.payload)
  const { totalDocs } = await req.payload.count({ collection: slugs.projects, where: { datasets: { in: [id] } }, ...systemAccess(req) })
  if (totalDocs > 0) throw new ConflictError(`the dataset is used by ${totalDocs} project(s): detach it first`)
  await req.payload.delete({ collection: slugs.dataItems, where: { dataset: { equals: id } }, ...systemAccess(req) })
}

export const guardDataItemDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { slugs } = getOptions(req.payload)
  const { totalDocs } = await req.payload.count({ collection: slugs.tasks, where: { dataItem: { equals: id } }, ...systemAccess(req) })
  if (totalDocs > 0) throw new ConflictError(`the data item has ${totalDocs} task(s): detach its dataset from those projects first`)
}

/** A task that anyone worked on keeps its history (move or archive it instead); an untouched one may go. */
export const guardTaskDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (await isTaskWorkedOn(req, id))
    throw new ConflictError('the task has been worked on: its journal stays, so move it (e.g. to an archive stage) instead of deleting it')
  await asSystem(req, () => deleteTaskJournal(req, id))
}
