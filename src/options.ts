import type { CollectionConfig, CollectionSlug, Payload, PayloadRequest, TypedUser } from 'payload'

import { RETRY_SCHEDULE_MS } from './domain/webhooks/events.ts'
import type { TaskEvent } from './sql/journal/journalFeed.ts'

/** Every collection LabelOps can register, by key. Hosts rename any of them through `slugs`. */
export const COLLECTION_KEYS = [
  'workspaces',
  'workspaceMembers',
  'invitations',
  'userGroups',
  'ontologies',
  'datasets',
  'dataItems',
  'workflowTemplates',
  'projects',
  'tasks',
  'labels',
  'issues',
  'taskEvents',
  'taskRollups',
  'consensusBranches',
  'idempotencyKeys',
  'auditEvents',
  'webhookSubscriptions',
  'webhookDeliveries',
  'referenceLabels',
] as const

export type CollectionKey = (typeof COLLECTION_KEYS)[number]

/** Slugs are decided at config time, so they are typed as the host's CollectionSlug (its generated union). */
export type SlugMap = Record<CollectionKey | 'users', CollectionSlug>

export const DEFAULT_SLUGS: Record<CollectionKey, string> = {
  workspaces: 'workspaces',
  workspaceMembers: 'workspace-members',
  invitations: 'workspace-invitations',
  userGroups: 'user-groups',
  ontologies: 'ontologies',
  datasets: 'datasets',
  dataItems: 'data-items',
  workflowTemplates: 'workflow-templates',
  projects: 'projects',
  tasks: 'tasks',
  auditEvents: 'audit-events',
  labels: 'labels',
  issues: 'issues',
  taskEvents: 'task-events',
  taskRollups: 'task-rollups',
  consensusBranches: 'consensus-branches',
  idempotencyKeys: 'labelops-idempotency-keys',
  webhookSubscriptions: 'webhook-subscriptions',
  webhookDeliveries: 'webhook-deliveries',
  referenceLabels: 'reference-labels',
}

/** Webhooks: where they may go, and the delivery worker every LabelOps process runs. */
export type WebhookOptions = {
  /**
   * Host names, addresses and CIDR ranges webhooks may be sent to besides public addresses (which are always
   * allowed): internal receivers, e.g. `['hooks.internal', '10.20.0.0/16']`. Loopback, private and link-local
   * addresses are refused unless listed here.
   * @default []
   */
  allowHosts?: string[]
  /** Run the delivery worker in this process (any number of processes may: they share the outbox). @default true */
  worker?: boolean
  /** How often the worker looks for due deliveries, in ms. @default 1000 */
  pollMs?: number
  /** How long one delivery attempt may take before it counts as failed, in ms. @default 15000 */
  timeoutMs?: number
  /** Delays before each retry, in ms. @default Standard Webhooks' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h */
  retrySchedule?: number[]
}

export type SanitizedWebhookOptions = Required<WebhookOptions>

export type CollectionOverride = (args: { defaultCollection: CollectionConfig }) => CollectionConfig

export type LabelOpsOptions = {
  /**
   * false keeps every collection (so the database schema and migrations stay stable) but switches the
   * plugin's behaviour off: no endpoints, no hooks of ours, no admin views.
   * @default true
   */
  enabled?: boolean
  /**
   * Slug of the host's auth collection. LabelOps extends it (memberships join) rather than bringing its own.
   * @default 'users'
   */
  usersCollection?: string
  /** Rename any LabelOps collection, e.g. `{ projects: 'annotation-projects' }`. @default DEFAULT_SLUGS */
  slugs?: Partial<Record<CollectionKey, string>>
  /** Adjust a collection: receives ours, returns the one to register. Our hooks stay unless you drop them. */
  overrides?: Partial<Record<CollectionKey, CollectionOverride>>
  /**
   * Host super-admins bypass every LabelOps rule. Nobody else does.
   * @default () => false
   */
  isSuperAdmin?: (args: { req: PayloadRequest; user: TypedUser }) => boolean
  /**
   * Who may create a new Workspace (its creator becomes its first Admin). Super-admins always may.
   * @default () => true — any signed-in user (self-service); pass `() => false` to leave it to super-admins
   */
  canCreateWorkspaces?: (args: { req: PayloadRequest; user: TypedUser }) => boolean
  /**
   * The host's upload collection that data items may point at (source kind "media"); false for none. When
   * the host has no collection of that slug, data items simply have no media source.
   * @default 'media'
   */
  mediaCollection?: string | false
  /** Admin-panel nav group for LabelOps collections. @default 'LabelOps' */
  adminGroup?: string
  /**
   * Keep one request from taking the process down: unhandled promise rejections are logged and the process
   * carries on; an uncaught exception that is not a request's own exits with code 1 for the process manager
   * to restart. Turn off when the host installs its own `process.on` handlers.
   * @default true
   */
  processGuard?: boolean
  /** Days a workspace invitation stays open before it expires. @default 7 */
  invitationDays?: number
  /**
   * Run the hot statements (the claim, the access query) as named prepared statements, planned once per
   * connection. Turn off behind PgBouncer in transaction mode, which cannot keep them.
   * @default true
   */
  preparedStatements?: boolean
  /**
   * Called after commit with the journal rows (task events) a request wrote — never inside its transaction,
   * and never for a request that rolled back. The request waits for it: hand slow work off (the webhooks
   * outbox does). A callback that throws is logged; the request still succeeds.
   * @default undefined — nobody listens
   */
  onTaskEvent?: (events: TaskEvent[], context: { payload: Payload }) => void | Promise<void>
  /** Signed webhooks from a transactional outbox (README "Webhooks"). */
  webhooks?: WebhookOptions
  /**
   * How often this process folds the journal's pending events into the analytics rollups (README "Analytics").
   * 0: never in this process (another does; reads stay exact either way, only slower while events pile up).
   * @default 1000
   */
  rollupFoldMs?: number
}

export type SanitizedLabelOpsOptions = {
  enabled: boolean
  slugs: SlugMap
  overrides: Partial<Record<CollectionKey, CollectionOverride>>
  isSuperAdmin: (args: { req: PayloadRequest; user: TypedUser }) => boolean
  canCreateWorkspaces: (args: { req: PayloadRequest; user: TypedUser }) => boolean
  mediaCollection: CollectionSlug | false
  adminGroup: string
  processGuard: boolean
  invitationDays: number
  preparedStatements: boolean
  onTaskEvent?: (events: TaskEvent[], context: { payload: Payload }) => void | Promise<void>
  webhooks: SanitizedWebhookOptions
  rollupFoldMs: number
}

export function sanitizeOptions(options: LabelOpsOptions = {}): SanitizedLabelOpsOptions {
  const slugs = { ...DEFAULT_SLUGS, ...options.slugs, users: options.usersCollection ?? 'users' } as SlugMap
  const seen = new Map<string, string>()
  for (const [key, slug] of Object.entries(slugs)) {
    if (!/^[a-z0-9][a-z0-9-_]*$/.test(slug)) {
      throw new Error(`labelOpsPlugin: slugs.${key} "${slug}" must be lowercase letters, digits, - or _`)
    }
    const clash = seen.get(slug)
    if (clash) throw new Error(`labelOpsPlugin: slugs.${key} and slugs.${clash} are both "${slug}"`)
    seen.set(slug, key)
  }
  const rollupFoldMs = options.rollupFoldMs ?? 1000
  if (!Number.isFinite(rollupFoldMs) || rollupFoldMs < 0)
    throw new Error(`labelOpsPlugin: rollupFoldMs must be a number of milliseconds, 0 or more (0: this process never folds)`)
  return {
    enabled: options.enabled ?? true,
    slugs,
    overrides: options.overrides ?? {},
    isSuperAdmin: options.isSuperAdmin ?? (() => false),
    canCreateWorkspaces: options.canCreateWorkspaces ?? (() => true),
    mediaCollection: (options.mediaCollection ?? 'media') as CollectionSlug | false,
    adminGroup: options.adminGroup ?? 'LabelOps',
    processGuard: options.processGuard ?? true,
    invitationDays: options.invitationDays ?? 7,
    preparedStatements: options.preparedStatements ?? true,
    onTaskEvent: options.onTaskEvent,
    webhooks: {
      allowHosts: options.webhooks?.allowHosts ?? [],
      worker: options.webhooks?.worker ?? true,
      pollMs: options.webhooks?.pollMs ?? 1000,
      timeoutMs: options.webhooks?.timeoutMs ?? 15_000,
      retrySchedule: options.webhooks?.retrySchedule ?? [...RETRY_SCHEDULE_MS],
    },
    rollupFoldMs,
  }
}
