import type { PayloadRequest } from 'payload'

import { getOptions } from '../../context.ts'
import { systemAccess } from '../../system.ts'

export type FeatureUsage = { featureId: string; labelId: number | string }

/**
 * Labels that use any of `featureIds` under this ontology. Until the labels collection is registered (the
 * review issue) there are no labels, so nothing is in use; the query is written against its slug now.
 */
export async function findFeatureUsage(req: PayloadRequest, ontology: number | string, featureIds: string[]): Promise<FeatureUsage[]> {
  const { slugs } = getOptions(req.payload)
  if (!req.payload.collections[slugs.labels] || featureIds.length === 0) return []
  const found = await req.payload.find({
    collection: slugs.labels,
    where: { and: [{ ontology: { equals: ontology } }, { featureIds: { in: featureIds } }] },
    depth: 0,
    limit: 100,
    pagination: false,
    ...systemAccess(req),
  })
  return found.docs.flatMap((label) => {
    const used = ((label as { featureIds?: string[] }).featureIds ?? []).filter((id) => featureIds.includes(id))
    return used.map((featureId) => ({ featureId, labelId: label.id }))
  })
}
