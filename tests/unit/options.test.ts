import { describe, expect, it } from 'vitest'

import { DEFAULT_SLUGS, sanitizeOptions } from '../../src/options.ts'

describe('sanitizeOptions', () => {
  it('fills every default in one place', () => {
    const options = sanitizeOptions()
    expect(options.enabled).toBe(true)
    expect(options.slugs).toEqual({ ...DEFAULT_SLUGS, users: 'users' })
    expect(options.adminGroup).toBe('LabelOps')
    expect(options.isSuperAdmin({} as never)).toBe(false)
  })

  it('takes renamed slugs and the host auth collection', () => {
    const options = sanitizeOptions({ slugs: { projects: 'annotation-projects' }, usersCollection: 'staff' })
    expect(options.slugs.projects).toBe('annotation-projects')
    expect(options.slugs.users).toBe('staff')
    expect(options.slugs.tasks).toBe('tasks')
  })

  it('refuses two collections on one slug, naming both', () => {
    expect(() => sanitizeOptions({ slugs: { tasks: 'projects' } })).toThrow(/slugs\.(tasks|projects) and slugs\.(tasks|projects)/)
  })

  it('refuses a slug that cannot be a route or table name', () => {
    expect(() => sanitizeOptions({ slugs: { labels: 'Labels Table' } })).toThrow(/slugs\.labels/)
  })

  it('folds pending rollups every second unless told otherwise, and refuses a fold period that is not one', () => {
    expect(sanitizeOptions().rollupFoldMs).toBe(1000)
    expect(sanitizeOptions({ rollupFoldMs: 0 }).rollupFoldMs).toBe(0)
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => sanitizeOptions({ rollupFoldMs: bad })).toThrow(/rollupFoldMs/)
  })
})
