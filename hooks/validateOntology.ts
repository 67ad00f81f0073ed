import type { CollectionBeforeChangeHook, CollectionBeforeValidateHook } from 'payload'

import { ConflictError, FieldRuleError } from '../src/errors.ts'
import { findFeatureUsage } from '../src/sql/ontologies/featureUsage.ts'
import { assignMissingFeatureIds } from '../src/domain/ontology/featureIds.ts'
import { breakingOntologyChanges, validateOntologyStructure, type OntologyStructure } from '../src/domain/ontology/schema.ts'

const structureOf = (doc: { objects?: unknown; classifications?: unknown } | undefined) =>
  ({ objects: doc?.objects ?? [], classifications: doc?.classifications ?? [] }) as OntologyStructure

/** Gives new features stable ids, then validates the whole structure: 400 listing every problem by path. */
export const validateOntology: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  if (!data) return data
  const merged = structureOf({ ...originalDoc, ...data })
  const withIds = assignMissingFeatureIds(merged)
  const result = validateOntologyStructure(withIds)
  if (!result.ok) throw FieldRuleError.of(result.problems)
  return { ...data, objects: result.value.objects, classifications: result.value.classifications }
}

/** Adding features is free; removing or retyping one that labels use is refused (409) naming where. */
export const guardOntologyFeaturesInUse: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const breaking = breakingOntologyChanges(structureOf(originalDoc), structureOf({ ...originalDoc, ...data }))
  if (breaking.length === 0) return data
  const usage = await findFeatureUsage(
    req,
    originalDoc.id,
    breaking.map((change) => change.id),
  )
  if (usage.length === 0) return data
  const first = usage[0]!
  const change = breaking.find((candidate) => candidate.id === first.featureId)!
  const labels = new Set(usage.filter((use) => use.featureId === first.featureId).map((use) => use.labelId)).size
  const message = `${change.path}: feature "${first.featureId}" is ${change.change === 'removed' ? 'removed' : 'retyped'} but labels use it (label ${first.labelId}${labels > 1 ? ` and ${labels - 1} more` : ''})`
  // `errors` names the field (objects or classifications), so the admin's form shows the refusal on it
  throw new ConflictError(message, { usage, errors: [{ path: change.path.split(/[.[]/)[0], message }] })
}
