import type { CollectionAfterChangeHook } from 'payload'

import { retitleTasks } from '../src/sql/tasks/taskTitles.ts'

/** A renamed data item renames its tasks (their title is the item's name). */
export const retitleTasksOfItem: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'update' && previousDoc?.name !== doc.name) await retitleTasks(req, [doc.id])
  return doc
}
