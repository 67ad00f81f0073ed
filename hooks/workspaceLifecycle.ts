import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { forgetActor } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { deleteWorkspaceTasks } from '../src/sql/workspaceLocks.ts'
import { asSystem, systemAccess } from '../src/system.ts'
import { BUILT_IN_TEMPLATES } from '../src/domain/workflow/templates.ts'

/** Whoever creates a workspace becomes its first Admin, in the same transaction. */
export const addCreatorAsAdmin: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || !req.user) return doc
  const { slugs } = getOptions(req.payload)
  await asSystem(req, () =>
    req.payload.create({
      collection: slugs.workspaceMembers,
      data: { workspace: doc.id, user: req.user!.id, role: 'admin' },
      ...systemAccess(req),
    }),
  )
  forgetActor(req)
  return doc
}

/** Every workspace starts with the built-in workflow templates (read-only copies it owns). */
export const addBuiltInTemplates: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const { slugs } = getOptions(req.payload)
  await asSystem(req, async () => {
    for (const template of Object.values(BUILT_IN_TEMPLATES)) {
      await req.payload.create({
        collection: slugs.workflowTemplates,
        data: { workspace: doc.id, name: template.name, description: template.description, graph: template.graph, builtIn: true } as never,
        ...systemAccess(req),
      })
    }
  })
  return doc
}

/** Deleting a workspace takes everything it owns with it, dependents first, in the same transaction. */
export const cascadeWorkspaceDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { slugs } = getOptions(req.payload)
  await asSystem(req, async () => {
    await deleteWorkspaceTasks(req, id)
    for (const collection of [
      slugs.projects,
      slugs.workflowTemplates,
      slugs.dataItems,
      slugs.datasets,
      slugs.ontologies,
      slugs.userGroups,
      slugs.workspaceMembers,
      // the trail goes with the workspace it records
      slugs.auditEvents,
    ]) {
      await req.payload.delete({ collection, where: { workspace: { equals: id } }, ...systemAccess(req) })
    }
  })
}
