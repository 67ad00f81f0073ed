import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { Window } from '../../domain/analytics/query.ts'
import { idArray } from '../../db/idArray.ts'
import { sessionDb } from '../../db/session.ts'
import { sqlTable } from '../../db/tables.ts'
import { taskItemFilter } from './itemFilter.ts'
import type { Id } from '../../types.ts'

export type ClassInstances = { feature: string; kind: 'object' | 'classification'; instances: number }

/**
 * Instance counts per ontology class: the objects and the classification answers of each feature in the labels
 * submitted in the window (each label as it stands now: a reworked label counts once, with its fixes), summed in
 * SQL over the labels' JSON. `people`: only their labels (as authors); `dataset` / `dataItemName`: only labels on
 * those items.
 */
export async function classInstances(
  req: PayloadRequest,
  scope: { projects: Id[]; window: Window; people?: Id[]; dataset?: Id; dataItemName?: string },
): Promise<ClassInstances[]> {
  const labels = sqlTable(req, 'labels')
  const where = [
    sql`${labels.project} = any(${idArray(req, scope.projects)})`,
    sql`${labels.status} = 'submitted'`,
    sql`${labels.submittedAt} >= ${scope.window.from.toISOString()}`,
    sql`${labels.submittedAt} < ${scope.window.to.toISOString()}`,
  ]
  if (scope.people) where.push(sql`${labels.author} = any(${idArray(req, scope.people)})`)
  const onItems = taskItemFilter(req, labels.task, scope)
  if (onItems) where.push(onItems)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ feature: string; kind: 'object' | 'classification'; instances: string }>(sql`
    select used."feature", used."kind", count(*) as "instances"
      from ${labels}
     cross join lateral (
       select item->>'featureId' as "feature", 'object' as "kind" from jsonb_array_elements(coalesce(${labels.objects}, '[]'::jsonb)) as item
       union all
       select item->>'featureId', 'classification' from jsonb_array_elements(coalesce(${labels.classifications}, '[]'::jsonb)) as item
     ) as used
     where ${sql.join(where, sql` and `)} and used."feature" is not null
     group by 1, 2
     order by 3 desc, 1`)
  return rows.map((row) => ({ feature: row.feature, kind: row.kind, instances: Number(row.instances) }))
}
