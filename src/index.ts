import type { Config } from 'payload'

import { extendUsersCollection } from '../collections/extendUsersCollection.ts'
import { buildCollections } from './collections.ts'
import { guardPoolErrors } from './db/guardPoolErrors.ts'
import { withQueueIndexes } from './db/queueIndexes.ts'
import { claimTaskMutations } from './graphql/claimTask.ts'
import { taskActionMutations } from './graphql/taskActions.ts'
import { type LabelOpsOptions, sanitizeOptions } from './options.ts'

export type { LabelOpsOptions, SanitizedLabelOpsOptions } from './options.ts'
export { DEFAULT_SLUGS } from './options.ts'

/**
 * LabelOps for Payload: `plugins: [labelOpsPlugin({ ... })]`. Appends to the host's config and never
 * replaces the host's collections, endpoints, hooks or admin components.
 */
export const labelOpsPlugin =
  (pluginOptions: LabelOpsOptions = {}) =>
  (incoming: Config): Config => {
    const hostCollections = incoming.collections ?? []
    const sanitized = sanitizeOptions(pluginOptions)
    const hasMedia = hostCollections.some((collection) => collection.slug === sanitized.mediaCollection)
    const options = { ...sanitized, mediaCollection: hasMedia ? sanitized.mediaCollection : false } as const
    const usersSlug = options.slugs.users
    if (!hostCollections.some((collection) => collection.slug === usersSlug)) {
      throw new Error(`labelOpsPlugin: usersCollection "${usersSlug}" is not a collection of this config`)
    }
    const ours = buildCollections(options)
    for (const collection of ours) {
      if (hostCollections.some((host) => host.slug === collection.slug)) {
        throw new Error(`labelOpsPlugin: the host already has a collection "${collection.slug}"; rename ours with slugs`)
      }
    }

    return {
      ...incoming,
      collections: [
        ...hostCollections.map((collection) =>
          collection.slug === usersSlug ? extendUsersCollection(collection, { options }) : collection,
        ),
        ...ours,
      ],
      db: incoming.db && withQueueIndexes(incoming.db, options.slugs.tasks),
      custom: { ...incoming.custom, labelOps: { options } },
      graphQL: options.enabled
        ? {
            ...incoming.graphQL,
            mutations: (graphQL, context) => ({ ...incoming.graphQL?.mutations?.(graphQL, context), ...taskActionMutations(graphQL, context), ...claimTaskMutations(options.slugs)(graphQL, context) }),
          }
        : incoming.graphQL,
      onInit: async (payload) => {
        await incoming.onInit?.(payload)
        guardPoolErrors(payload)
      },
    }
  }

export default labelOpsPlugin
