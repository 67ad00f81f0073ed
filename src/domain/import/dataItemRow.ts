import { z } from 'zod'

import { formatPath } from '../ontology/schema.ts'
import { documentIdSchema } from '../ids.ts'

export const DATA_TYPES = ['image', 'video', 'text', 'audio', 'document', 'dicom'] as const
export const SOURCE_KINDS = ['url', 'media', 'text'] as const

const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be at least 1')
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional())

/**
 * One manifest row. JSON and NDJSON rows may nest `source` and `metadata`; CSV rows are flat, so `url`,
 * `text`, `media` and `metadata` (a JSON string) are accepted at the top level too.
 */
const rowSchema = z
  .object({
    externalId: optional(z.coerce.string().min(1).max(256, 'is at most 256 characters')),
    name: optional(z.coerce.string().max(500, 'is at most 500 characters')),
    type: z.enum(DATA_TYPES, { message: `must be one of ${DATA_TYPES.join(', ')}` }),
    url: optional(z.string().url('must be a URL').max(2048)),
    text: optional(z.string()),
    media: optional(documentIdSchema),
    source: optional(
      z
        .object({
          kind: z.enum(SOURCE_KINDS).optional(),
          url: optional(z.string().url('must be a URL').max(2048)),
          text: optional(z.string()),
          media: optional(documentIdSchema),
        })
        .strict(),
    ),
    metadata: optional(
      z.preprocess(
        (value) => {
          if (typeof value !== 'string') return value
          try {
            return JSON.parse(value)
          } catch {
            return Symbol.for('invalid-json')
          }
        },
        z.record(z.string(), z.unknown(), { message: 'must be a JSON object' }),
      ),
    ),
    width: optional(positiveInt),
    height: optional(positiveInt),
    frames: optional(positiveInt),
  })
  .strict()

export type DataItemRecord = {
  externalId: string | null
  name: string
  type: (typeof DATA_TYPES)[number]
  sourceKind: (typeof SOURCE_KINDS)[number]
  sourceUrl: string | null
  sourceText: string | null
  sourceMedia: number | string | null
  metadata: Record<string, unknown> | null
  width: number | null
  height: number | null
  frames: number | null
}

export type RowProblem = { field: string; rule: string }

/** Validates and normalises one manifest row into what is stored. Pure. */
export function parseDataItemRow(input: unknown): { ok: true; record: DataItemRecord } | { ok: false; problems: RowProblem[] } {
  const result = rowSchema.safeParse(input)
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => ({ field: formatPath(issue.path) || '(row)', rule: issue.message })) }
  }
  const row = result.data
  const url = row.source?.url ?? row.url ?? null
  const text = row.source?.text ?? row.text ?? null
  const media = row.source?.media ?? row.media ?? null
  const kind = row.source?.kind ?? (media != null ? 'media' : url != null ? 'url' : text != null ? 'text' : undefined)
  const missing: Record<(typeof SOURCE_KINDS)[number], boolean> = { url: url == null, text: text == null, media: media == null }
  if (!kind) return { ok: false, problems: [{ field: 'source', rule: 'needs a url, an uploaded media id or inline text' }] }
  if (missing[kind]) return { ok: false, problems: [{ field: `source.${kind}`, rule: `is required when source.kind is ${kind}` }] }
  const name = row.name ?? row.externalId ?? (url ? decodeURIComponent(url.split('/').pop() || url) : undefined)
  if (!name) return { ok: false, problems: [{ field: 'name', rule: 'is required when there is no externalId or url to name the item' }] }
  return {
    ok: true,
    record: {
      externalId: row.externalId ?? null,
      name: name.slice(0, 500),
      type: row.type,
      sourceKind: kind,
      sourceUrl: url,
      sourceText: text,
      sourceMedia: media,
      metadata: (row.metadata as Record<string, unknown> | undefined) ?? null,
      width: row.width ?? null,
      height: row.height ?? null,
      frames: row.frames ?? null,
    },
  }
}
