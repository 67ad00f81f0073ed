import type { CollectionConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import { adminHref, viewParams, withAdminViews, withCollectionViews } from '../../src/admin/views.ts'
import { sanitizeOptions } from '../../src/options.ts'

const options = sanitizeOptions()
const collection = (slug: string, admin: CollectionConfig['admin'] = {}): CollectionConfig => ({ slug, fields: [], admin })

describe('admin view registration', () => {
  it('builds and reads view paths under any admin route', () => {
    expect(adminHref('/admin', 'annotate', { projectId: 12 })).toBe('/admin/labelops/annotate/12')
    expect(adminHref('/', 'home')).toBe('/labelops')
    expect(viewParams('annotate', ['labelops', 'annotate', '12'])).toEqual({ projectId: '12' })
    expect(viewParams('annotate', ['labelops', 'other', '12'])).toBeNull()
  })

  it("appends LabelOps' components and keeps the host's (a host view of the same key wins)", () => {
    const hostView = { Component: './Host#View', path: '/labelops' as const }
    const admin = withAdminViews({ components: { views: { labelopsHome: hostView }, beforeDashboard: ['./Host#Card'] } })
    expect(admin?.components?.views?.labelopsHome).toBe(hostView)
    expect(admin?.components?.views?.labelopsAnnotate).toMatchObject({ path: '/labelops/annotate/:projectId' })
    expect(admin?.components?.beforeDashboard).toEqual(['./Host#Card', 'labelops/rsc#MyWork'])
  })

  it('puts "Start labelling" beside a project\'s document controls, after the host\'s own', () => {
    const projects = withCollectionViews(
      'projects',
      collection('projects', { components: { edit: { beforeDocumentControls: ['./Host#Button'] } } }),
      options,
    )
    expect(projects.admin?.components?.edit?.beforeDocumentControls).toEqual(['./Host#Button', 'labelops/client#StartLabelling'])
    const tasks = withCollectionViews('tasks', collection('tasks'), options)
    expect(tasks.admin?.components?.edit?.beforeDocumentControls).toBeUndefined()
  })

  it('hides the internal collections from all but super-admins', () => {
    const events = withCollectionViews('taskEvents', collection('task-events'), options)
    const hidden = events.admin?.hidden as (args: { user: unknown }) => boolean
    expect(hidden({ user: null })).toBe(true)
    expect(withCollectionViews('tasks', collection('tasks'), options).admin?.hidden).toBeUndefined()
  })
})
