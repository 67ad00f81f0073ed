import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { forgetActor } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { asSystem } from '../src/system.ts'

/** Whoever creates a workspace becomes its first Admin, in the same transaction. */
export const addCreatorAsAdmin: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || !req.user) return doc
  const { slugs } = getOptions(req.payload)
  await asSystem(req, () =>
    req.payload.create({ collection: slugs.workspaceMembers, data: { workspace: doc.id, user: req.user!.id, role: 'admin' }, req, overrideAccess: true }),
  )
  forgetActor(req)
  return doc
}

/** Deleting a workspace takes everything it owns with it, dependents first, in the same transaction. */
export const cascadeWorkspaceDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { slugs } = getOptions(req.payload)
  await asSystem(req, async () => {
    for (const collection of [slugs.projects, slugs.dataItems, slugs.datasets, slugs.ontologies, slugs.userGroups, slugs.workspaceMembers]) {
      await req.payload.delete({ collection, where: { workspace: { equals: id } }, req, overrideAccess: true })
    }
  })
}
