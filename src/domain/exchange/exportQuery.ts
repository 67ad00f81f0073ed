import { z } from 'zod'

import { TASK_STATUSES } from '../workflow/transition.ts'

export const EXPORT_FORMATS = ['labelops', 'coco'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/**
 * What an export holds, as a query string says it: the format, and which tasks — by stage, status and when
 * their label was submitted; `unlabelled=true` adds the tasks with no submitted label (COCO: images without
 * annotations).
 */
/** A date-time Postgres can compare (year 1 on), written ISO 8601 with an offset. */
const instant = (example: string) =>
  z
    .string()
    .datetime({ offset: true, message: `is an ISO 8601 date-time, e.g. ${example}` })
    .refine((value) => Date.parse(value) >= Date.parse('0001-01-01T00:00:00Z'), 'is before the year 1')

export const exportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS, { message: `is one of ${EXPORT_FORMATS.join(', ')}` }).default('labelops'),
    stage: z.string().min(1).max(100).optional(),
    status: z.enum(TASK_STATUSES, { message: `is one of ${TASK_STATUSES.join(', ')}` }).optional(),
    from: instant('2026-11-01T00:00:00Z').optional(),
    to: instant('2026-12-01T00:00:00Z').optional(),
    unlabelled: z
      .enum(['true', 'false'], { message: 'is true or false' })
      .default('false')
      .transform((value) => value === 'true'),
  })
  .strict()
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    path: ['to'],
    message: 'must come after from',
  })
  // the window is of label submissions: a task without a label has none to fall in it
  .refine((query) => !query.unlabelled || (!query.from && !query.to), {
    path: ['unlabelled'],
    message: 'cannot be combined with from / to, which select labels by when they were submitted',
  })

export type ExportQuery = z.infer<typeof exportQuerySchema>
export type ExportFilter = Pick<ExportQuery, 'stage' | 'status' | 'from' | 'to' | 'unlabelled'>
