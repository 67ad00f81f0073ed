import type { TestApi } from '../helpers/api.ts'
import type { Resource } from './policy-table.ts'

type Id = number | string
export type Outcome = 'allowed' | 'denied'

/** One way in: REST or GraphQL. Every call says allowed or denied, and throws on anything else (a 500...). */
export type Transport = {
  name: 'REST' | 'GraphQL'
  read: (resource: Resource, id: Id, token?: string) => Promise<Outcome>
  list: (resource: Resource, token?: string) => Promise<Id[]>
  update: (resource: Resource, id: Id, data: Record<string, unknown>, enums: string[], token?: string) => Promise<Outcome>
  remove: (resource: Resource, id: Id, token?: string) => Promise<Outcome>
  /** the id is that of the created record, when allowed */
  create: (resource: Resource, data: Record<string, unknown>, enums: string[], token?: string) => Promise<{ outcome: Outcome; id?: Id }>
}

const DENIED_STATUSES = [401, 403, 404]

export function restTransport(api: TestApi): Transport {
  const call = async (method: 'get' | 'patch' | 'delete' | 'post', path: string, token?: string, body?: unknown) => {
    const req = api.http()[method](path)
    if (token) req.set('Authorization', `JWT ${token}`)
    const res = body === undefined ? await req : await req.send(body as object)
    return res
  }
  const outcome = (res: { status: number; body: unknown }, what: string): Outcome => {
    if (res.status >= 200 && res.status < 300) return 'allowed'
    if (DENIED_STATUSES.includes(res.status)) return 'denied'
    throw new Error(`${what}: unexpected ${res.status} ${JSON.stringify(res.body)}`)
  }
  return {
    name: 'REST',
    read: async (resource, id, token) => {
      // Payload serves a preference by key at /:key, so by id it is found through a filter
      if (resource === 'payload-preferences') {
        const res = await call('get', `/api/${resource}?where[id][equals]=${id}&depth=0`, token)
        return res.status === 200 && res.body.docs.length === 1 ? 'allowed' : 'denied'
      }
      return outcome(await call('get', `/api/${resource}/${id}?depth=0`, token), `GET ${resource}/${id}`)
    },
    list: async (resource, token) => {
      const res = await call('get', `/api/${resource}?limit=500&depth=0`, token)
      if (res.status === 200) return res.body.docs.map((doc: { id: Id }) => doc.id)
      if (DENIED_STATUSES.includes(res.status)) return []
      throw new Error(`GET ${resource}: unexpected ${res.status}`)
    },
    update: async (resource, id, data, _enums, token) =>
      outcome(await call('patch', `/api/${resource}/${id}`, token, data), `PATCH ${resource}/${id}`),
    remove: async (resource, id, token) => outcome(await call('delete', `/api/${resource}/${id}`, token), `DELETE ${resource}/${id}`),
    create: async (resource, data, _enums, token) => {
      const res = await call('post', `/api/${resource}`, token, data)
      return { outcome: outcome(res, `POST ${resource}`), id: res.body?.doc?.id }
    },
  }
}

const GRAPHQL_NAMES: Record<Resource, { one: string; many: string }> = {
  workspaces: { one: 'Workspace', many: 'Workspaces' },
  'workspace-members': { one: 'WorkspaceMember', many: 'WorkspaceMembers' },
  'workspace-invitations': { one: 'WorkspaceInvitation', many: 'WorkspaceInvitations' },
  'user-groups': { one: 'UserGroup', many: 'UserGroups' },
  users: { one: 'User', many: 'Users' },
  projects: { one: 'Project', many: 'Projects' },
  datasets: { one: 'Dataset', many: 'Datasets' },
  ontologies: { one: 'Ontology', many: 'Ontologies' },
  'data-items': { one: 'DataItem', many: 'DataItems' },
  tasks: { one: 'Task', many: 'Tasks' },
  'task-events': { one: 'TaskEvent', many: 'TaskEvents' },
  'audit-events': { one: 'AuditEvent', many: 'AuditEvents' },
  'webhook-subscriptions': { one: 'WebhookSubscription', many: 'WebhookSubscriptions' },
  'webhook-deliveries': { one: 'WebhookDelivery', many: 'WebhookDeliveries' },
  labels: { one: 'Label', many: 'Labels' },
  issues: { one: 'Issue', many: 'Issues' },
  'payload-locked-documents': { one: 'PayloadLockedDocument', many: 'PayloadLockedDocuments' },
  'payload-preferences': { one: 'PayloadPreference', many: 'PayloadPreferences' },
}

/** A GraphQL input literal; fields named in `enums` are written as enum values (as Payload names them: `.` and `-` become `_`). */
function literal(value: unknown, enums: string[], key?: string): string {
  if (key && enums.includes(key) && typeof value === 'string') return value.replace(/[-.]/g, '_')
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, enums, key)).join(', ')}]`
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, enums, k)}`)
      .join(', ')} }`
  }
  return JSON.stringify(value)
}

export function graphqlTransport(api: TestApi): Transport {
  const answer = async (query: string, field: string, token: string | undefined, what: string): Promise<{ outcome: Outcome; id?: Id }> => {
    const res = await api.graphql<Record<string, { id: Id } | null>>(query, undefined, token)
    if (res.status >= 500) throw new Error(`${what}: HTTP ${res.status}`)
    const errors = res.errors ?? []
    if (errors.length === 0 && res.data?.[field] != null) return { outcome: 'allowed', id: res.data[field]!.id }
    const deniedOnly =
      errors.length > 0 &&
      errors.every((error) =>
        /Forbidden|NotFound|ForbiddenChangeError|not allowed|not found/i.test(`${error.extensions?.name} ${error.message}`),
      )
    if (deniedOnly) return { outcome: 'denied' }
    throw new Error(`${what}: unexpected answer ${JSON.stringify(res)}`)
  }
  const run = async (query: string, field: string, token: string | undefined, what: string) =>
    (await answer(query, field, token, what)).outcome
  return {
    name: 'GraphQL',
    read: (resource, id, token) =>
      run(`{ ${GRAPHQL_NAMES[resource].one}(id: ${JSON.stringify(id)}) { id } }`, GRAPHQL_NAMES[resource].one, token, `read ${resource}`),
    list: async (resource, token) => {
      const res = await api.graphql<Record<string, { docs: Array<{ id: Id }> } | null>>(
        `{ ${GRAPHQL_NAMES[resource].many}(limit: 500) { docs { id } } }`,
        undefined,
        token,
      )
      if (res.status >= 500) throw new Error(`list ${resource}: HTTP ${res.status}`)
      return res.data?.[GRAPHQL_NAMES[resource].many]?.docs.map((doc) => doc.id) ?? []
    },
    update: (resource, id, data, enums, token) => {
      const field = `update${GRAPHQL_NAMES[resource].one}`
      return run(
        `mutation { ${field}(id: ${JSON.stringify(id)}, data: ${literal(data, enums)}) { id } }`,
        field,
        token,
        `update ${resource}`,
      )
    },
    remove: (resource, id, token) => {
      const field = `delete${GRAPHQL_NAMES[resource].one}`
      return run(`mutation { ${field}(id: ${JSON.stringify(id)}) { id } }`, field, token, `delete ${resource}`)
    },
    create: (resource, data, enums, token) => {
      const field = `create${GRAPHQL_NAMES[resource].one}`
      return answer(`mutation { ${field}(data: ${literal(data, enums)}) { id } }`, field, token, `create ${resource}`)
    },
  }
}
