import type { FieldHook } from 'payload'

import { slugify } from '../src/domain/utilities/slugify.ts'

/** Fills an empty slug from another field (e.g. the name) on create. */
export const deriveSlugFrom =
  (sourceField: string): FieldHook =>
  ({ data, value, operation }) => {
    if (typeof value === 'string' && value.length > 0) return value
    const source = data?.[sourceField]
    if (operation === 'create' && typeof source === 'string') return slugify(source)
    return value
  }
