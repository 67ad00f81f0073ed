import type { PayloadRequest, Where } from 'payload'
import { z } from 'zod'

import { type CsvColumn, csvFilename, toCsv } from '../domain/analytics/csv.ts'
import { AUDIT_ACTIONS } from '../domain/audit/auditDiff.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { getOptions } from '../context.ts'
import { parseInput, wholePart } from './input.ts'
import { peopleByIds } from './peopleByIds.ts'
import { assertWorkspaceReportReader } from './workspaceAnalytics.ts'

/** The most entries one download holds: a longer trail is read in windows (from / to). */
export const AUDIT_EXPORT_LIMIT = 10_000
const PAGE = 1_000

const auditQuerySchema = z
  .object({
    from: z.string().datetime({ offset: true, message: 'is an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' }).optional(),
    to: z.string().datetime({ offset: true, message: 'is an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' }).optional(),
    /** one collection's entries (its slug) */
    resource: z.string().min(1).max(100).optional(),
    actor: documentIdSchema.optional(),
    action: z.enum(AUDIT_ACTIONS, { message: `is one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
    format: z.enum(['json', 'csv'], { message: 'is json or csv' }).default('csv'),
  })
  .strict()

export const auditExportSchema = z.object({ workspace: documentIdSchema, query: wholePart(auditQuerySchema) }).strict()

type Entry = {
  id: string | number
  createdAt: string
  actor?: string | number | null
  action: string
  resource: string
  documentId?: string | null
  summary?: string | null
  before?: unknown
  after?: unknown
}

/**
 * A workspace's audit trail as a download (CSV, newest first; `format=json` for the same rows as JSON): for
 * the workspace's Admins (401 / 404 / 403 as the workspace report), filtered by window, collection, actor and
 * action, at most AUDIT_EXPORT_LIMIT entries (`truncated` says when there were more). Read as the caller: the
 * collection's own access decides again.
 */
export async function auditExport({ req, input }: { req: PayloadRequest; input: unknown }) {
  const { workspace, query } = parseInput(auditExportSchema, input)
  await assertWorkspaceReportReader(req, workspace, 'auditEvents.read')
  const { slugs } = getOptions(req.payload)
  const where: Where[] = [{ workspace: { equals: workspace } }]
  if (query.from) where.push({ createdAt: { greater_than_equal: query.from } })
  if (query.to) where.push({ createdAt: { less_than: query.to } })
  if (query.resource) where.push({ resource: { equals: query.resource } })
  if (query.actor !== undefined) where.push({ actor: { equals: query.actor } })
  if (query.action) where.push({ action: { equals: query.action } })
  // read in pages of the largest list size a request may ask for
  const entries: Entry[] = []
  let truncated = false
  for (let page = 1; ; page++) {
    const found = await req.payload.find({
      collection: slugs.auditEvents,
      where: { and: where },
      // newest first; ids break ties, so no entry falls between two pages
      sort: ['-createdAt', '-id'],
      limit: PAGE,
      page,
      depth: 0,
      req,
      overrideAccess: false,
    })
    entries.push(...(found.docs as unknown as Entry[]))
    if (!found.hasNextPage) break
    if (entries.length >= AUDIT_EXPORT_LIMIT) {
      truncated = true
      break
    }
  }
  if (query.format === 'json') return { entries, truncated }
  const people = await peopleByIds(
    req,
    entries.flatMap((entry) => (entry.actor == null ? [] : [String(entry.actor)])),
  )
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value))
  const columns: Array<CsvColumn<Entry>> = [
    { header: 'at', value: (entry) => entry.createdAt },
    { header: 'actor', value: (entry) => (entry.actor == null ? 'system' : (people[String(entry.actor)]?.email ?? String(entry.actor))) },
    { header: 'action', value: (entry) => entry.action },
    { header: 'collection', value: (entry) => entry.resource },
    { header: 'document', value: (entry) => entry.documentId ?? null },
    { header: 'summary', value: (entry) => entry.summary ?? null },
    { header: 'before', value: (entry) => json(entry.before) },
    { header: 'after', value: (entry) => json(entry.after) },
  ]
  return { csv: toCsv(columns, entries), filename: csvFilename(`workspace-${String(workspace)}`, 'audit-trail') }
}
