/**
 * What an audit entry records of a change: the audited fields that differ, before and after (a creation: what
 * it set; a deletion: what it was). Pure.
 */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'bulk'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

type Doc = Record<string, unknown> | null | undefined
export type AuditDiff = { before: Record<string, unknown> | null; after: Record<string, unknown> | null }

/** Ids of related documents read as ids (a populated relation and its id are the same value here). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain)
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if ('id' in record && Object.keys(record).length > 2 && ('createdAt' in record || 'updatedAt' in record)) return record.id
    return Object.fromEntries(
      Object.entries(record)
        .filter(([key]) => key !== 'updatedAt' && key !== 'createdAt')
        .map(([key, inner]) => [key, plain(inner)]),
    )
  }
  return value ?? null
}

const same = (a: unknown, b: unknown) => JSON.stringify(plain(a)) === JSON.stringify(plain(b))

/** The diff of `fields` between two versions of a document; null when none of them changed. */
export function auditDiff(action: Exclude<AuditAction, 'bulk'>, fields: readonly string[], before: Doc, after: Doc): AuditDiff | null {
  const pick = (doc: Doc, keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, plain(doc?.[key])]))
  if (action === 'create') return { before: null, after: pick(after, fields) }
  if (action === 'delete') return { before: pick(before, fields), after: null }
  const changed = fields.filter((field) => !same(before?.[field], after?.[field]))
  return changed.length === 0 ? null : { before: pick(before, changed), after: pick(after, changed) }
}

/** One line for the list: the action, the document and which fields changed. */
export function auditSummary(action: AuditAction, label: string, diff: AuditDiff): string {
  if (action === 'update') return `${label}: ${Object.keys(diff.after ?? {}).join(', ')} changed`
  return `${label} ${action === 'create' ? 'created' : action === 'delete' ? 'deleted' : 'changed in bulk'}`
}
