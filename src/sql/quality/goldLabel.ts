import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { sqlTable } from '../../db/tables.ts'

/**
 * "This task has a gold label" as a SQL condition on a task id (a column or a value): what makes a task a
 * benchmark or training task that can be served, and a honeypot. The one definition every statement uses.
 */
export function hasGoldLabel(req: Pick<PayloadRequest, 'payload'>, task: unknown): SQL {
  const references = sqlTable(req as PayloadRequest, 'referenceLabels')
  return sql`exists (select 1 from ${references} where ${references.task} = ${task} and ${references.kind} = 'gold')`
}
