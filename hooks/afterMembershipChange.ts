import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { forgetActor, idOf } from '../src/access/actor.ts'
import { removeFromWorkspaceGroups } from '../src/sql/workspaceLocks.ts'

/** A changed membership changes what its user may do: the next access check in this request reloads. */
export const refreshActorAfterChange: CollectionAfterChangeHook = ({ doc, req }) => {
  forgetActor(req)
  return doc
}

/** Leaving a workspace also means leaving its user groups; access goes at once, on the next request. */
export const leaveGroupsAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await removeFromWorkspaceGroups(req, idOf(doc.workspace)!, idOf(doc.user)!)
  forgetActor(req)
  return doc
}
