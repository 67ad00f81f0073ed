import { getTableName } from '@payloadcms/db-postgres/drizzle'
import { type CollectionConfig, type Config, type Field, getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildDemoConfig } from '../../demo/buildDemoConfig.ts'
import { getOptions } from '../../src/context.ts'
import { missingSqlColumns, sqlTable } from '../../src/db/tables.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'

// A host with its own collection (and hook), its own endpoint and its own onInit, to which LabelOps is added.
const onInitCalls: string[] = []
const withHostExtras = (config: Config): Config => ({
  ...config,
  collections: [
    ...(config.collections ?? []),
    {
      slug: 'notes',
      fields: [{ name: 'body', type: 'text' }],
      hooks: { beforeChange: [({ data }) => ({ ...data, body: `${data.body} (stamped by host hook)` })] },
    },
  ],
  endpoints: [...(config.endpoints ?? []), { path: '/host-ping', method: 'get', handler: () => Response.json({ pong: true }) }],
  onInit: async () => void onInitCalls.push('host'),
})

let api: TestApi
let token: string

beforeAll(async () => {
  // the schema template holds the demo host only; this file's host adds a table, so the adapter pushes it
  api = await startTestApi({ extend: withHostExtras, push: true })
  token = (await api.createUser('host@example.com')).token
})
afterAll(() => api?.close())

describe('a host that already has collections, endpoints and hooks', () => {
  it('still runs its onInit', () => expect(onInitCalls).toEqual(['host']))

  it('still serves its endpoint', async () => {
    const res = await api.http().get('/api/host-ping')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ pong: true })
  })

  it('still has its collection, with its hook running', async () => {
    const res = await api.http().post('/api/notes').set('Authorization', `JWT ${token}`).send({ body: 'hello' })
    expect(res.status).toBe(201)
    expect(res.body.doc.body).toBe('hello (stamped by host hook)')
  })

  it('gets the LabelOps collections beside its own', async () => {
    const res = await api.http().post('/api/workspaces').set('Authorization', `JWT ${token}`).send({ name: 'Host WS' })
    expect(res.status).toBe(201)
  })
})

describe('workspace memberships', () => {
  it('are unique per (workspace, user), enforced by the database', async () => {
    const workspace = (await api.http().post('/api/workspaces').set('Authorization', `JWT ${token}`).send({ name: 'Unique WS' })).body.doc
    const user = await api.payload.create({ collection: 'users', data: { email: 'member@example.com', password: 'pw-pw-pw-pw' } })
    await api.payload.create({ collection: 'workspace-members', data: { workspace: workspace.id, user: user.id, role: 'tasker' } })
    const second = await api
      .http()
      .post('/api/workspace-members')
      .set('Authorization', `JWT ${token}`)
      .send({ workspace: workspace.id, user: user.id, role: 'admin' })
    expect(second.status).toBe(400)
    const stored = await api.payload.find({ collection: 'workspace-members', where: { user: { equals: user.id } } })
    expect(stored.docs.map((doc) => doc.role)).toEqual(['tasker'])
  })

  it('are listed on the user through the join the plugin adds', async () => {
    const user = await api.payload.find({ collection: 'users', where: { email: { equals: 'member@example.com' } }, depth: 1 })
    const memberships = (user.docs[0] as unknown as { workspaceMemberships: { docs: Array<{ role: string }> } }).workspaceMemberships
    expect(memberships.docs.map((membership) => membership.role)).toEqual(['tasker'])
    // the creator of a workspace became its Admin
  })

  it('refuses a role outside the four workspace roles, naming the field', async () => {
    const workspace = (await api.http().post('/api/workspaces').set('Authorization', `JWT ${token}`).send({ name: 'Role WS' })).body.doc
    const res = await api
      .http()
      .post('/api/workspace-members')
      .set('Authorization', `JWT ${token}`)
      .send({ workspace: workspace.id, user: (await api.payload.find({ collection: 'users', limit: 1 })).docs[0]!.id, role: 'owner' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.errors)).toContain('role')
  })
})

describe('a host override that drops a field LabelOps writes with SQL', () => {
  const withoutField = (name: string, renameTo?: string) => ({
    overrides: {
      tasks: ({ defaultCollection }: { defaultCollection: CollectionConfig }) => ({
        ...defaultCollection,
        fields: defaultCollection.fields.flatMap((field) =>
          'name' in field && field.name === name ? (renameTo ? [{ ...field, name: renameTo } as Field] : []) : [field],
        ),
      }),
    },
  })

  // the check runs as the adapter builds its schema, before it connects: no database is touched
  it.each([
    ['removed', withoutField('rejectionNote')],
    ['renamed', withoutField('rejectionNote', 'rejectionComment')],
  ])('fails start-up when the field is %s, naming the table and the column', async (_, labelOps) => {
    const config = buildDemoConfig({ databaseUri: 'postgres://nobody@127.0.0.1:1/none', push: false, labelOps })
    await expect(getPayload({ config, key: `missing-column-${_}` })).rejects.toThrow(
      'LabelOps cannot start: table "tasks" has no column "rejectionNote" (a field of collection "tasks"), which LabelOps\' SQL uses.',
    )
  })
})

describe('a host that renames the collections LabelOps writes with SQL', () => {
  it('reaches every table and column under the new names, relationship columns included', async () => {
    const renamed = buildDemoConfig({
      databaseUri: 'postgres://nobody@127.0.0.1:1/none',
      push: false,
      labelOps: { usersCollection: 'staff', slugs: { userGroups: 'teams', datasets: 'corpora', projects: 'jobs', tasks: 'work-items' } },
      extend: (config) => ({
        ...config,
        admin: { ...config.admin, user: 'staff' },
        collections: config.collections!.map((collection) => (collection.slug === 'users' ? { ...collection, slug: 'staff' } : collection)),
      }),
    })
    // the schema is built (and checked) without connecting
    const payload = await getPayload({ config: renamed, key: 'renamed-slugs', disableDBConnect: true })
    const db = payload.db as unknown as Parameters<typeof missingSqlColumns>[0]
    expect(missingSqlColumns(db, getOptions(payload).slugs)).toEqual([])
    const req = { payload }
    expect(sqlTable(req, 'userGroupRels').usersID.name).toBe('staff_id')
    expect(sqlTable(req, 'projectRels').datasetsID.name).toBe('corpora_id')
    expect(sqlTable(req, 'projectCollaborators').user.name).toBe('user_id')
    expect(getTableName(sqlTable(req, 'tasks'))).toBe('work_items')
  })
})
