import type { Config } from 'payload'

import { extendUsersCollection } from '../collections/extendUsersCollection.ts'
import { buildCollections } from './collections.ts'
import { clientErrorStatus } from '../hooks/clientErrorStatus.ts'
import { guardRequestArgs } from '../hooks/guardRequestArgs.ts'
import { guardPoolErrors } from './db/guardPoolErrors.ts'
import { logClientErrorsAsInfo } from './hardening/clientErrorLogging.ts'
import { closeInternalCollections } from './hardening/internalCollections.ts'
import { operationSizeRule } from './hardening/graphqlLimits.ts'
import { installProcessGuard } from './hardening/processGuard.ts'
import { closeUnusedRoutes } from './hardening/unusedRoutes.ts'
import { withJournalOrder } from './sql/journal/journalOrder.ts'
import { installRollupTrigger } from './sql/analytics/rollupTrigger.ts'
import { withRollupPending } from './sql/analytics/rollupPending.ts'
import { installOutboxTrigger } from './sql/webhooks/outboxTrigger.ts'
import { runWebhookWorkerWith } from './operations/webhookWorker.ts'
import { runRollupFolderWith } from './operations/rollupFolder.ts'
import { withQueueIndexes } from './sql/queue/queueIndexes.ts'
import { withoutRedundantIndexes } from './db/redundantIndexes.ts'
import { withSqlTableCheck } from './db/tables.ts'
import { hostConfigProblem, hostGraphQLTypes, withHostSafeGraphQLNames } from './hostConfig.ts'
import { registryFields } from './graphql/fromRegistry.ts'
import { withAdminViews } from './admin/views.ts'
import { COLLECTION_KEYS, type LabelOpsOptions, sanitizeOptions } from './options.ts'

/** Errors without an HTTP status that are still the caller's doing; every other 4xx is caught by status. */
const CLIENT_ERROR_LOG_LEVELS = {
  // a lock-out after repeated wrong passwords is worth a look
  LockedAuth: 'warn',
  // a malformed %-escape in a URL, unparsable JSON in a body or a parameter
  URIError: 'info',
  SyntaxError: 'info',
} as const

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
    const ours = withHostSafeGraphQLNames(buildCollections(options), hostGraphQLTypes(incoming), options.slugs)
    const problem = hostConfigProblem(incoming, options, ours)
    if (problem) throw new Error(problem)

    return {
      ...incoming,
      collections: [
        ...hostCollections.map((collection) =>
          collection.slug === usersSlug ? extendUsersCollection(collection, { options }) : collection,
        ),
        ...ours,
      ],
      // the tables and columns LabelOps' SQL uses are checked first, as soon as the adapter has built its schema
      db:
        incoming.db &&
        withSqlTableCheck(
          withoutRedundantIndexes(
            withRollupPending(withJournalOrder(withQueueIndexes(incoming.db, options.slugs), options.slugs), options.slugs),
            COLLECTION_KEYS.map((key) => options.slugs[key]),
          ),
          options.slugs,
        ),
      // LabelOps' views, dashboard panel and nav links, after the host's (src/admin/views.ts)
      admin: options.enabled ? withAdminViews(incoming.admin) : incoming.admin,
      custom: { ...incoming.custom, labelOps: { options } },
      graphQL: options.enabled
        ? {
            ...incoming.graphQL,
            // documents past the depth / alias / field limits are refused before they run
            validationRules: (args) => [...(incoming.graphQL?.validationRules?.(args) ?? []), operationSizeRule],
            // every operation's field, generated from the operation registry (src/operations/registry.ts)
            mutations: (graphQL, context) => ({
              ...incoming.graphQL?.mutations?.(graphQL, context),
              ...registryFields('mutation', options.slugs)(graphQL, context),
            }),
            queries: (graphQL, context) => ({
              ...incoming.graphQL?.queries?.(graphQL, context),
              ...registryFields('query', options.slugs)(graphQL, context),
            }),
          }
        : incoming.graphQL,
      hooks: options.enabled
        ? { ...incoming.hooks, afterError: [...(incoming.hooks?.afterError ?? []), clientErrorStatus] }
        : incoming.hooks,
      // refusals are the caller's business, not a fault of the server: log them below ERROR
      loggingLevels: { ...CLIENT_ERROR_LOG_LEVELS, ...incoming.loggingLevels },
      onInit: async (payload) => {
        await incoming.onInit?.(payload)
        guardPoolErrors(payload)
        logClientErrorsAsInfo(payload)
        if (!options.enabled) return
        if (options.processGuard) installProcessGuard(payload)
        const rollupsKept = await installRollupTrigger(payload)
        await installOutboxTrigger(payload)
        if (options.webhooks.worker) runWebhookWorkerWith(payload, options.webhooks)
        if (rollupsKept) runRollupFolderWith(payload, options.rollupFoldMs)
        closeInternalCollections(payload)
        closeUnusedRoutes(payload)
        // every collection, Payload's own included (they exist only once the config is sanitized)
        for (const { config } of Object.values(payload.collections)) {
          const hooks = (config.hooks.beforeOperation ??= [])
          if (!hooks.includes(guardRequestArgs)) hooks.unshift(guardRequestArgs)
        }
      },
    }
  }

export default labelOpsPlugin
