import type { CollectionConfig } from 'payload'

import type { SanitizedLabelOpsOptions } from '../src/options.ts'

const nobody = () => false

/** The first answer to each Idempotency-Key, per user, written in the same transaction as the action. */
export function createIdempotencyKeysCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.idempotencyKeys,
    admin: { hidden: true },
    graphQL: false,
    access: { create: nobody, read: nobody, update: nobody, delete: nobody },
    indexes: [{ fields: ['user', 'key'], unique: true }],
    fields: [
      { name: 'key', type: 'text', required: true },
      { name: 'user', type: 'relationship', relationTo: slugs.users, required: true },
      // the hash of the request the key first answered: the same key with another request is a 422
      { name: 'fingerprint', type: 'text' },
      { name: 'status', type: 'number' },
      { name: 'response', type: 'json' },
    ],
  }
}
