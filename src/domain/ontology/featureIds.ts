import { slugify } from '../utilities/slugify.ts'
import type { Classification, OntologyStructure } from './schema.ts'

// Web Crypto, so the admin's ontology editor (in the browser) fills ids the same way the server does
const suffix = () => Array.from(globalThis.crypto.getRandomValues(new Uint8Array(3)), (byte) => byte.toString(16).padStart(2, '0')).join('')
const newId = (name: unknown) => `${slugify(typeof name === 'string' ? name : 'feature').slice(0, 40) || 'feature'}-${suffix()}`

/** Gives every feature without an id a stable one (name slug + random suffix); existing ids never change. */
export function assignMissingFeatureIds(structure: OntologyStructure): OntologyStructure {
  const classification = (c: Classification): Classification => ({
    ...c,
    id: c.id || newId(c.name),
    ...(c.options
      ? {
          options: c.options.map((o) => ({
            ...o,
            id: o.id || newId(o.label),
            ...(o.classifications ? { classifications: o.classifications.map(classification) } : {}),
          })),
        }
      : {}),
  })
  if (!Array.isArray(structure.objects) || !Array.isArray(structure.classifications)) return structure
  return {
    objects: structure.objects.map((o) =>
      o && typeof o === 'object'
        ? { ...o, id: o.id || newId(o.name), ...(o.attributes ? { attributes: o.attributes.map(classification) } : {}) }
        : o,
    ),
    classifications: structure.classifications.map((c) => (c && typeof c === 'object' ? classification(c) : c)),
  }
}
