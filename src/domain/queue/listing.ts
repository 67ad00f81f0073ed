import { z } from 'zod'

import { documentIdSchema } from '../ids.ts'

export const QUEUE_SORTS = ['-priority', 'priority', 'name', '-name'] as const
export type QueueSort = (typeof QUEUE_SORTS)[number]

const id = documentIdSchema

/** The queue listing's query string: filters, sort, page size and the keyset cursor. */
export const queueQuerySchema = z
  .object({
    stage: z.string().min(1).max(64).optional(),
    status: z.enum(['new', 'assigned', 'reopened', 'skipped', 'completed']).optional(),
    /** a user id, or `none` for unreserved tasks */
    assignee: z.union([z.literal('none'), id]).optional(),
    dataset: id.optional(),
    /** the data item type: image, video, text, audio, document, dicom */
    type: z.enum(['image', 'video', 'text', 'audio', 'document', 'dicom']).optional(),
    /** open: tasks with an open issue; resolved: with issues, all resolved; none: without issues */
    issueStatus: z.enum(['open', 'resolved', 'none']).optional(),
    sort: z.enum(QUEUE_SORTS, { error: () => `use one of ${QUEUE_SORTS.join(', ')}` }).default('-priority'),
    limit: z.coerce.number().int().min(1, 'must be 1-200').max(200, 'must be 1-200').default(50),
    after: z.string().max(2000).optional(),
  })
  .strict()

export type QueueQuery = z.infer<typeof queueQuerySchema>
export type Cursor = { key: string | number | null; id: number | string }

/** The position after the last row of a page, opaque to clients. */
export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url')

/** Reads a cursor back; undefined when it is not one of ours. */
export function decodeCursor(text: string): Cursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
    if (!Array.isArray(value) || value.length !== 2) return undefined
    const [key, cursorId] = value as [unknown, unknown]
    const keyOk = key === null || typeof key === 'string' || typeof key === 'number'
    const idOk = typeof cursorId === 'number' || (typeof cursorId === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(cursorId))
    return keyOk && idOk ? { key: key as Cursor['key'], id: cursorId as Cursor['id'] } : undefined
  } catch {
    return undefined
  }
}

/** Per stage: the total and the count in each status. */
export type StageTotals = Record<string, { total: number; byStatus: Record<string, number> }>

/** Folds (stage, status, count) rows of one grouped query into per-stage totals. Pure. */
export function foldTotals(rows: Array<{ stage: string; status: string; count: number | string }>): {
  total: number
  byStage: StageTotals
} {
  const byStage: StageTotals = {}
  let total = 0
  for (const row of rows) {
    const count = Number(row.count)
    const stage = (byStage[row.stage] ??= { total: 0, byStatus: {} })
    stage.total += count
    stage.byStatus[row.status] = (stage.byStatus[row.status] ?? 0) + count
    total += count
  }
  return { total, byStage }
}
