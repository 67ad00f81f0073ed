import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionConfig, PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { type AuditAction, type AuditDiff, auditDiff, auditSummary } from '../domain/audit/auditDiff.ts'
import type { CollectionKey } from '../options.ts'
import { systemAccess } from '../system.ts'
import type { Id } from '../types.ts'

type Doc = Record<string, unknown>
type Audited = {
  fields: readonly string[]
  label: (doc: Doc) => string
  /** changes that are not recorded: consequences of one already recorded */
  skip?: (doc: Doc, action: AuditAction) => boolean
}

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id?: unknown }).id : value)
const named = (kind: string) => (doc: Doc) => `${kind} "${String(doc.name ?? doc.id)}"`

/** What the audit trail records, per collection: the fields whose changes it keeps, and how an entry names the document. */
export const AUDITED: Partial<Record<CollectionKey, Audited>> = {
  workspaces: { fields: ['name', 'issueTags'], label: named('Workspace') },
  workspaceMembers: { fields: ['user', 'role'], label: (doc) => `Membership of user ${String(idOf(doc.user))}` },
  invitations: { fields: ['email', 'role', 'status'], label: (doc) => `Invitation of ${String(doc.email)}` },
  userGroups: { fields: ['name', 'members', 'managers'], label: named('Group') },
  projects: {
    fields: ['name', 'status', 'kind', 'collaborators', 'workflow', 'settings', 'ontology', 'datasets'],
    label: named('Project'),
  },
  ontologies: { fields: ['name', 'objects', 'classifications'], label: named('Ontology') },
  // a new workspace's copies of the built-in templates come with its creation
  workflowTemplates: {
    fields: ['name', 'graph'],
    label: named('Workflow template'),
    skip: (doc, action) => action === 'create' && doc.builtIn === true,
  },
  // where a project's events go; never the secret
  webhookSubscriptions: { fields: ['project', 'url', 'events', 'enabled'], label: (doc) => `Webhook to ${String(doc.url)}` },
}

export type AuditEntry = {
  workspace: Id
  resource: string
  documentId: Id | null
  action: AuditAction
  summary: string
  diff: AuditDiff
}

/** Appends one entry, in the caller's transaction, as the person whose request made the change (none: the system). */
export async function recordAudit(req: PayloadRequest, entry: AuditEntry): Promise<void> {
  const { slugs } = getOptions(req.payload)
  await req.payload.create({
    collection: slugs.auditEvents,
    data: {
      workspace: entry.workspace,
      actor: req.user?.id ?? null,
      action: entry.action,
      resource: entry.resource,
      documentId: entry.documentId === null ? null : String(entry.documentId),
      summary: entry.summary.slice(0, 500),
      before: entry.diff.before,
      after: entry.diff.after,
    } as never,
    depth: 0,
    ...systemAccess(req),
  })
}

/**
 * The audit hooks of one collection: each change becomes an entry with the audited fields before and after, as
 * whoever's request made it — LabelOps' own writes on a person's behalf too (accepting an invitation creates
 * the membership). A deleted workspace takes its trail with it (hooks/workspaceLifecycle.ts).
 */
export function withAuditTrail(key: CollectionKey, collection: CollectionConfig): CollectionConfig {
  const audited = AUDITED[key]
  if (!audited) return collection
  const workspaceOf = (doc: Doc) => (key === 'workspaces' ? doc.id : idOf(doc.workspace)) as Id | undefined
  const record = async (req: PayloadRequest, action: Exclude<AuditAction, 'bulk'>, before: Doc | null, after: Doc | null) => {
    const doc = (after ?? before)!
    if (audited.skip?.(doc, action)) return
    const workspace = workspaceOf(doc)
    const diff = auditDiff(action, audited.fields, before, after)
    if (!diff || workspace == null) return
    await recordAudit(req, {
      workspace,
      resource: collection.slug,
      documentId: doc.id as Id,
      action,
      summary: auditSummary(action, audited.label(doc), diff),
      diff,
    })
  }
  const afterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
    await record(req, operation === 'create' ? 'create' : 'update', operation === 'create' ? null : previousDoc, doc)
    return doc
  }
  const afterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
    if (key !== 'workspaces') await record(req, 'delete', doc, null)
    return doc
  }
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), afterChange],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), afterDelete],
    },
  }
}
