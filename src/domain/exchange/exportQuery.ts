import { z } from 'zod'

import { TASK_STATUSES } from '../workflow/transition.ts'

export const EXPORT_FORMATS = ['labelops', 'coco'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/**
 * What an export holds, as a query string says it: the format, and which tasks — by stage, status and when
 * their label was submitted; `unlabelled=true` adds the tasks with no submitted label (COCO: images without
 * annotations).
 */
export const exportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS, { message: `is one of ${EXPORT_FORMATS.join(', ')}` }).default('labelops'),
    stage: z.string().min(1).max(100).optional(),
    status: z.enum(TASK_STATUSES, { message: `is one of ${TASK_STATUSES.join(', ')}` }).optional(),
    from: z.string().datetime({ offset: true, message: 'is an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' }).optional(),
    to: z.string().datetime({ offset: true, message: 'is an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' }).optional(),
    unlabelled: z
      .enum(['true', 'false'], { message: 'is true or false' })
      .default('false')
      .transform((value) => value === 'true'),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from < query.to, { path: ['to'], message: 'must come after from' })

export type ExportQuery = z.infer<typeof exportQuerySchema>
export type ExportFilter = Pick<ExportQuery, 'stage' | 'status' | 'from' | 'to' | 'unlabelled'>
