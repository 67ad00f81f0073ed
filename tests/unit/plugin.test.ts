import type { CollectionBeforeChangeHook, CollectionConfig, Config, Field } from 'payload'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { configToSchema } from '@payloadcms/graphql'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import { describe, expect, it, vi } from 'vitest'

import { labelOpsPlugin } from '../../src/index.ts'

const hostHook: CollectionBeforeChangeHook = ({ data }) => data
const hostUsers: CollectionConfig = {
  slug: 'users',
  auth: true,
  hooks: { beforeChange: [hostHook] },
  fields: [{ name: 'name', type: 'text' }],
}
const hostConfig = (overrides: Partial<Config> = {}): Config =>
  ({
    secret: 'x',
    db: { name: 'postgres' } as Config['db'],
    editor: {} as Config['editor'],
    collections: [hostUsers, { slug: 'notes', hooks: { beforeChange: [hostHook] }, fields: [{ name: 'body', type: 'text' }] }],
    endpoints: [{ path: '/ping', method: 'get', handler: () => Response.json({ pong: true }) }],
    admin: { components: { beforeDashboard: ['/host/Banner#Banner'] } },
    ...overrides,
  }) as Config

const bySlug = (config: Config, slug: string) => config.collections!.find((collection) => collection.slug === slug)!
const fieldNames = (fields: Field[]) => fields.map((field) => ('name' in field ? field.name : field.type))

describe('labelOpsPlugin', () => {
  it("keeps the host's collections, hooks, endpoints and admin components", () => {
    const host = hostConfig()
    const config = labelOpsPlugin()(host)
    expect(bySlug(config, 'notes')).toBe(host.collections![1])
    expect(bySlug(config, 'users').hooks?.beforeChange).toEqual([hostHook])
    expect(fieldNames(bySlug(config, 'users').fields)).toEqual(['name', 'workspaceMemberships'])
    expect(config.endpoints).toEqual(host.endpoints)
    // ours after the host's (src/admin/views.ts)
    expect(config.admin?.components?.beforeDashboard).toEqual(['/host/Banner#Banner', 'labelops/rsc#MyWork'])
    expect(config.collections!.map((collection) => collection.slug)).toEqual([
      'users',
      'notes',
      'workspaces',
      'workspace-members',
      'workspace-invitations',
      'user-groups',
      'ontologies',
      'datasets',
      'data-items',
      'projects',
      'workflow-templates',
      'tasks',
      'labels',
      'task-events',
      'task-rollups',
      'issues',
      'consensus-branches',
      'labelops-idempotency-keys',
      'audit-events',
      'webhook-subscriptions',
      'webhook-deliveries',
      'reference-labels',
    ])
  })

  it("adds its admin views beside the host's (a host view of the same key wins), by package specifier", () => {
    const hostView = { Component: '/host/Home#Home', path: '/labelops' } as const
    const config = labelOpsPlugin()(
      hostConfig({
        admin: {
          components: { views: { reports: { Component: '/host/Reports#Reports', path: '/reports' } }, beforeNavLinks: ['/host/Nav#Nav'] },
        },
      }),
    )
    const views = config.admin!.components!.views!
    expect(views.reports).toEqual({ Component: '/host/Reports#Reports', path: '/reports' })
    expect(views.labelopsHome).toMatchObject({ Component: 'labelops/rsc#MyWorkView', path: '/labelops', exact: true })
    expect(config.admin!.components!.beforeNavLinks).toEqual(['/host/Nav#Nav', 'labelops/client#LabelOpsNavLinks'])
    for (const view of Object.values(views)) {
      const component = (view as { Component: string }).Component
      if (!component.startsWith('/host/')) expect(component).toMatch(/^labelops\/(rsc|client)#\w+$/)
    }
    const overridden = labelOpsPlugin()(hostConfig({ admin: { components: { views: { labelopsHome: hostView } } } }))
    expect(overridden.admin!.components!.views!.labelopsHome).toEqual(hostView)
    // switched off: no views of ours
    expect(labelOpsPlugin({ enabled: false })(hostConfig()).admin?.components?.beforeDashboard).toEqual(['/host/Banner#Banner'])
  })

  it('hides the internal collections from the nav and the dashboard for everyone but super-admins', () => {
    const config = labelOpsPlugin({ isSuperAdmin: ({ user }) => Boolean((user as { root?: boolean }).root) })(hostConfig())
    for (const slug of ['task-events', 'task-rollups', 'consensus-branches', 'labelops-idempotency-keys']) {
      const hidden = bySlug(config, slug).admin!.hidden as (args: { user: unknown }) => boolean
      expect(hidden({ user: { id: 1 } }), slug).toBe(true)
      expect(hidden({ user: { id: 2, root: true } }), slug).toBe(false)
    }
    for (const slug of ['projects', 'tasks', 'issues', 'labels']) expect(bySlug(config, slug).admin?.hidden, slug).toBeUndefined()
  })

  it("AND-s its rules with the host's own access on the auth collection (it can only take access away)", async () => {
    const hostRead = vi.fn(() => false)
    const config = labelOpsPlugin()(hostConfig({ collections: [{ ...hostUsers, access: { read: hostRead } }] }))
    const read = bySlug(config, 'users').access!.read!
    expect(await read({ req: { user: { id: 1 }, context: {} } } as never)).toBe(false)
    expect(hostRead).toHaveBeenCalled()
  })

  it("runs the host's onInit before its own", async () => {
    const onInit = vi.fn()
    const config = labelOpsPlugin()(hostConfig({ onInit }))
    const payload = { db: {}, collections: {}, logger: { warn: vi.fn(), error: vi.fn(), fatal: vi.fn() } }
    await config.onInit!(payload as never)
    expect(onInit).toHaveBeenCalledWith(payload)
  })

  it('points every relationship at the renamed slugs', () => {
    const config = labelOpsPlugin({ slugs: { workspaces: 'orgs', workspaceMembers: 'org-members' }, usersCollection: 'staff' })(
      hostConfig({ collections: [{ ...hostUsers, slug: 'staff' }] }),
    )
    const members = bySlug(config, 'org-members')
    const relationTo = Object.fromEntries(
      members.fields.map((field) => [('name' in field && field.name) || '', 'relationTo' in field ? field.relationTo : undefined]),
    )
    expect(relationTo).toMatchObject({ workspace: 'orgs', user: 'staff' })
    const join = bySlug(config, 'staff').fields.find((field) => 'name' in field && field.name === 'workspaceMemberships')
    expect(join).toMatchObject({ type: 'join', collection: 'org-members', on: 'user' })
  })

  it('applies overrides to our collection, given the default one', () => {
    const config = labelOpsPlugin({
      overrides: {
        workspaces: ({ defaultCollection }) => ({
          ...defaultCollection,
          fields: [...defaultCollection.fields, { name: 'costCentre', type: 'text' }],
        }),
      },
    })(hostConfig())
    expect(fieldNames(bySlug(config, 'workspaces').fields)).toContain('costCentre')
    expect(fieldNames(bySlug(config, 'workspaces').fields)).toContain('slug')
  })

  it('enabled: false keeps the same schema but takes our hooks off', () => {
    const on = labelOpsPlugin()(hostConfig())
    const off = labelOpsPlugin({ enabled: false })(hostConfig())
    for (const slug of ['workspaces', 'workspace-members']) {
      expect(fieldNames(bySlug(off, slug).fields)).toEqual(fieldNames(bySlug(on, slug).fields))
    }
    const slugField = (config: Config) =>
      bySlug(config, 'workspaces').fields.find((field) => 'name' in field && field.name === 'slug') as {
        hooks?: { beforeValidate?: unknown[] }
      }
    expect(slugField(on).hooks?.beforeValidate).toHaveLength(1)
    expect(slugField(off).hooks?.beforeValidate ?? []).toHaveLength(0)
  })

  it('refuses a missing auth collection and a slug the host already uses', () => {
    expect(() => labelOpsPlugin({ usersCollection: 'members' })(hostConfig())).toThrow(/usersCollection "members"/)
    expect(() => labelOpsPlugin({ slugs: { workspaces: 'notes' } })(hostConfig())).toThrow(/already has a collection "notes"/)
  })
})

describe("a host's configuration LabelOps cannot run on", () => {
  const startError = (build: () => unknown) => {
    try {
      build()
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('expected the plugin to refuse this configuration')
  }

  it('a database that is not Postgres names the adapter and the fix', () => {
    const message = startError(() => labelOpsPlugin()(hostConfig({ db: { name: 'mongoose' } as Config['db'] })))
    expect(message).toMatch(/needs a Postgres database.*"mongoose" adapter.*postgresAdapter/)
    expect(message.split('. ')).toHaveLength(1)
  })

  it('a config without a rich-text editor names the editor to set', () => {
    expect(startError(() => labelOpsPlugin()(hostConfig({ editor: undefined })))).toMatch(
      /no rich-text editor; set editor: lexicalEditor\(\)/,
    )
  })

  it('a usersCollection that is not an auth collection names the option', () => {
    const message = startError(() => labelOpsPlugin({ usersCollection: 'notes' })(hostConfig()))
    expect(message).toMatch(/usersCollection "notes" is not an auth collection.*usersCollection option/)
  })

  it('a usersCollection missing from the config names the option', () => {
    expect(startError(() => labelOpsPlugin({ usersCollection: 'staff' })(hostConfig()))).toMatch(
      /"staff" is not a collection.*usersCollection option/,
    )
  })

  it('a slug the host already uses names the slugs key to rename', () => {
    const message = startError(() => labelOpsPlugin()(hostConfig({ collections: [hostUsers, { slug: 'projects', fields: [] }] })))
    expect(message).toMatch(/already has a collection "projects".*slugs: \{ projects: 'labelops-projects' \}/)
    // and the rename fixes it
    const config = labelOpsPlugin({ slugs: { projects: 'labelops-projects' } })(
      hostConfig({ collections: [hostUsers, { slug: 'projects', fields: [] }] }),
    )
    expect(bySlug(config, 'labelops-projects')).toBeTruthy()
  })

  it("a renamed collection takes its GraphQL names from its slug, so the host's own type keeps its name", async () => {
    const host = hostConfig({ collections: [hostUsers, { slug: 'projects', fields: [{ name: 'title', type: 'text' }] }] })
    const renamed = labelOpsPlugin({ slugs: { projects: 'annotation-projects' } })(host)
    expect(bySlug(renamed, 'annotation-projects').graphQL).not.toHaveProperty('singularName')
    expect(bySlug(renamed, 'tasks').graphQL).toMatchObject({ singularName: 'Task' })
    // the whole schema builds: one Project (the host's), one AnnotationProject (LabelOps')
    const config = await buildConfig({
      ...renamed,
      db: postgresAdapter({ pool: { connectionString: 'postgres://unused' } }),
      editor: lexicalEditor(),
    })
    const { schema } = configToSchema(config)
    expect(schema.getType('Project')).toBeTruthy()
    expect(schema.getType('AnnotationProject')).toBeTruthy()
  })

  it('a collection renamed without a clash keeps its GraphQL names, so its API stays', () => {
    const config = labelOpsPlugin({ slugs: { tasks: 'labelling-tasks' } })(hostConfig())
    expect(bySlug(config, 'labelling-tasks').graphQL).toMatchObject({ singularName: 'Task', pluralName: 'Tasks' })
  })

  it('a host global of a LabelOps type name is refused; a host without GraphQL is never', () => {
    const withGlobal = hostConfig({ globals: [{ slug: 'project', fields: [] }] })
    expect(startError(() => labelOpsPlugin()(withGlobal))).toMatch(
      /the host's global "project" and LabelOps' projects would both be the GraphQL type "Project"/,
    )
    const noGraphQL = hostConfig({ graphQL: { disable: true }, collections: [hostUsers, { slug: 'task', fields: [] }] })
    expect(() => labelOpsPlugin()(noGraphQL)).not.toThrow()
    const untyped = hostConfig({ collections: [hostUsers, { slug: 'task', graphQL: false, fields: [] }] })
    expect(() => labelOpsPlugin()(untyped)).not.toThrow()
  })

  it('a host collection whose GraphQL type LabelOps also names is refused with the fix', () => {
    const message = startError(() => labelOpsPlugin()(hostConfig({ collections: [hostUsers, { slug: 'task', fields: [] }] })))
    expect(message).toMatch(/"task" and LabelOps' tasks would both be the GraphQL type "Task".*slugs: \{ tasks: 'labelops-tasks' \}/)
    expect(() =>
      labelOpsPlugin({ slugs: { tasks: 'labelops-tasks' } })(hostConfig({ collections: [hostUsers, { slug: 'task', fields: [] }] })),
    ).not.toThrow()
  })
})
