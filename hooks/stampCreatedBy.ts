import type { CollectionBeforeChangeHook } from 'payload'

/** The creator is whoever makes the request; a client cannot name someone else, nor change it later. */
export const stampCreatedBy: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') return req.user ? { ...data, createdBy: req.user.id } : data
  return { ...data, createdBy: originalDoc?.createdBy }
}
