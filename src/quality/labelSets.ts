/**
 * A stored label as the agreement measures read it: each object with its ontology shape (by its feature; an
 * object of a feature the ontology no longer has matches nothing), each classification answer as given. Pure.
 */
import type { LabelSet } from './agreement.ts'
import type { Answer } from './classifications.ts'

export type OntologyShapes = { objects?: ReadonlyArray<{ id: string; shape: string }> | null } | null | undefined
type StoredObject = { id?: unknown; featureId?: unknown; geometry?: unknown; frame?: unknown }

export function labelSetOf(label: { objects?: unknown; classifications?: unknown } | null | undefined, ontology: OntologyShapes): LabelSet {
  const shapes = new Map((ontology?.objects ?? []).map((feature) => [feature.id, feature.shape]))
  const objects = (Array.isArray(label?.objects) ? (label.objects as StoredObject[]) : []).map((object, index) => ({
    id: typeof object.id === 'string' ? object.id : `#${index}`,
    featureId: String(object.featureId ?? ''),
    shape: shapes.get(String(object.featureId ?? '')) ?? 'unknown',
    geometry: object.geometry,
    frame: typeof object.frame === 'number' ? object.frame : null,
  }))
  const classifications = Array.isArray(label?.classifications) ? (label.classifications as Answer[]) : []
  return { objects, classifications }
}
