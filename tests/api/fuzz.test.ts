import { sql } from '@payloadcms/db-postgres'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildPolicyWorld, type PolicyWorld } from '../access/fixtures.ts'
import { ACTORS, type ActorName } from '../access/policy-table.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'

// Property-based fuzzing of the whole API surface, as every role and anonymously: Payload's routes for every
// collection (where / sort / select / depth / limit / page / joins, by id, writes) and every LabelOps
// endpoint, over REST and GraphQL. Whatever comes in: never a 5xx, the server alive afterwards, and a refused
// write changes no row. FUZZ_RUNS scales it (default: 10,500 requests per run).
const RUNS = Number(process.env.FUZZ_RUNS ?? 1)
// a fixed seed by default, so a CI run is repeatable; FUZZ_SEED=<n> (or =random) explores other inputs
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261201)
let api: TestApi
let world: PolicyWorld
let slugs: string[]
const fieldsOf: Record<string, string[]> = {}
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  api = await startTestApi()
  world = await buildPolicyWorld(api)
  slugs = Object.keys(api.payload.collections)
  for (const slug of slugs) {
    const collections = api.payload.collections as unknown as Record<string, { config: { flattenedFields: unknown } }>
    const fields = collections[slug]!.config.flattenedFields as Array<{
      name: string
      type: string
      relationTo?: unknown
      collection?: unknown
    }>
    const paths = fields.flatMap((field) => {
      const target =
        typeof field.relationTo === 'string' ? field.relationTo : typeof field.collection === 'string' ? field.collection : undefined
      const nested = target
        ? ((collections[target]?.config.flattenedFields as Array<{ name: string }> | undefined)
            ?.slice(0, 6)
            .map((inner) => `${field.name}.${inner.name}`) ?? [])
        : []
      return [field.name, ...nested, ...(field.type === 'json' ? [`${field.name}.secret`, `${field.name}.a.b`] : [])]
    })
    fieldsOf[slug] = [...paths, 'id', 'createdAt', 'updatedAt']
  }
  process.on('unhandledRejection', onUnhandled)
}, 180_000)
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await api?.close()
})

// ---- values an attacker would send
const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    'null',
    'NaN',
    'Infinity',
    '-1',
    '0',
    '1e400',
    '99999999999999999999',
    "' OR '1'='1",
    '%ff',
    'a\u0000b',
    '{"$gt":""}',
    '__proto__',
    'x'.repeat(3000),
    '2026-13-45',
    '../../etc/passwd',
    '\uD800',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxKeys: 2 }),
)
const operator = fc.constantFrom(
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'like',
  'not_like',
  'contains',
  'exists',
  'greater_than',
  'less_than_equal',
  'near',
  'within',
  'bogus',
)
const pathOf = (slug: string) =>
  fc.oneof(
    fc.constantFrom(...fieldsOf[slug]!),
    fc.string({ maxLength: 10 }),
    fc.constantFrom('a.b.c.d', 'id.id', 'hash', 'salt', '_id', 'and', 'or'),
  )
const whereOf = (slug: string): fc.Arbitrary<unknown> =>
  fc.letrec((tie) => ({
    where: fc.oneof(
      { depthSize: 'small' },
      fc.dictionary(pathOf(slug), fc.dictionary(operator, nasty, { minKeys: 1, maxKeys: 2 }), { minKeys: 1, maxKeys: 3 }),
      fc.record({ and: fc.array(tie('where'), { maxLength: 3 }) }),
      fc.record({ or: fc.array(tie('where'), { maxLength: 3 }) }),
      nasty,
    ),
  })).where

/** Encodes nested params as Payload's qs does: where[a][equals]=x, where[or][0][a][like]=y. */
function encode(prefix: string, value: unknown, out: string[]) {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) encode(`${prefix}[${key}]`, inner, out)
  } else {
    // a lone surrogate cannot be %-encoded by the client; send its replacement
    const text = str(value).replace(/[\uD800-\uDFFF]/g, '\uFFFD')
    out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(text)}`)
  }
}

/** Any generated value as text (fast-check may build objects without a prototype, which String() refuses). */
const str = (value: unknown): string => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value))

type Req = { actor: ActorName; method: string; path: string; body?: string; contentType?: string }

const actor = fc.constantFrom(...ACTORS)
const anyId = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map(String),
  fc.constantFrom('0', '-1', 'abc', '%ff', '1.5', '99999999999', 'x'.repeat(60), '00000000-0000-0000-0000-000000000000'),
)
const bodyOf = (slug: string) =>
  fc.oneof(
    fc
      .dictionary(
        pathOf(slug).map((path) => path.split('.')[0]!),
        nasty,
        { maxKeys: 4 },
      )
      .map((body) => JSON.stringify(body)),
    fc.constantFrom('{"broken', '[]', '[{"a":1}]', 'null', '"text"', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"name":"a\\u0000b"}'),
  )
const listRequest = fc
  .constantFrom(...Array.from({ length: 1 }))
  .chain(() => fc.constantFrom(...slugsOrEmpty()))
  .chain((slug) =>
    fc
      .record({
        actor,
        slug: fc.constant(slug),
        where: fc.option(whereOf(slug), { nil: undefined }),
        sort: fc.option(
          fc.oneof(
            pathOf(slug),
            pathOf(slug).map((path) => `-${path}`),
          ),
          { nil: undefined },
        ),
        select: fc.option(fc.dictionary(pathOf(slug), fc.oneof(fc.boolean(), nasty), { maxKeys: 2 }), { nil: undefined }),
        joins: fc.option(
          fc.dictionary(pathOf(slug), fc.dictionary(fc.constantFrom('limit', 'sort', 'where', 'page'), nasty, { maxKeys: 2 }), {
            maxKeys: 1,
          }),
          { nil: undefined },
        ),
        depth: fc.option(nasty, { nil: undefined }),
        limit: fc.option(nasty, { nil: undefined }),
        page: fc.option(nasty, { nil: undefined }),
        count: fc.boolean(),
      })
      .map(({ actor: who, slug: s, count, ...params }): Req => {
        const out: string[] = []
        for (const [key, value] of Object.entries(params)) if (value !== undefined) encode(key, value, out)
        return { actor: who, method: 'GET', path: `/api/${s}${count ? '/count' : ''}?${out.join('&')}` }
      }),
  )
function slugsOrEmpty() {
  return slugs.length ? slugs : ['workspaces']
}

const docRequest = fc
  .constantFrom(...Array.from({ length: 1 }))
  .chain(() => fc.constantFrom(...slugsOrEmpty()))
  .chain((slug) =>
    fc
      .record({
        actor,
        id: anyId,
        method: fc.constantFrom('GET', 'PATCH', 'DELETE', 'POST'),
        body: bodyOf(slug),
        suffix: fc.constantFrom(
          '',
          '',
          '/versions',
          '/access',
          '/unlock',
          '/me',
          '/refresh-token',
          '/forgot-password',
          '/reset-password',
          '/verify/x',
          '/logout',
        ),
      })
      .map(({ actor: who, id, method, body, suffix }): Req => ({
        actor: who,
        method,
        path:
          suffix && method !== 'PATCH'
            ? `/api/${slug}${suffix}${method === 'GET' && suffix === '/versions' ? `/${id}` : ''}`
            : method === 'POST'
              ? `/api/${slug}`
              : `/api/${slug}/${id}`,
        body: method === 'GET' || method === 'DELETE' ? undefined : body,
        contentType: 'application/json',
      })),
  )

const customRequest = fc
  .record({
    actor,
    id: anyId,
    route: fc.constantFrom(
      'POST tasks/:id/submit',
      'POST tasks/:id/skip',
      'POST tasks/:id/release',
      'POST tasks/:id/approve',
      'POST tasks/:id/reject',
      'POST tasks/:id/resolve',
      'POST tasks/:id/move',
      'POST tasks/:id/claim',
      'POST tasks/:id/heartbeat',
      'POST tasks/:id/review',
      'PUT tasks/:id/label',
      'POST tasks/bulk',
      'POST projects/:id/next',
      'GET projects/:id/queue',
      'POST datasets/:id/import',
      'POST workspace-invitations/:id/accept',
      'POST workspace-invitations/:id/decline',
      'POST workspace-invitations/sign-up',
      'GET workspace-invitations/sign-up',
    ),
    body: fc
      .oneof(
        fc.record({ expectedVersion: nasty, note: nasty, to: nasty, timeSpentMs: nasty }, { requiredKeys: [] }),
        fc.record(
          {
            project: nasty,
            ids: nasty,
            filter: nasty,
            operation: fc.oneof(fc.constantFrom('assign', 'release', 'set-priority', 'move'), nasty),
            user: nasty,
            priority: nasty,
          },
          { requiredKeys: [] },
        ),
        fc.record(
          {
            objects: fc.array(fc.record({ id: nasty, featureId: nasty, geometry: nasty, frame: nasty }, { requiredKeys: [] }), {
              maxLength: 2,
            }),
            classifications: nasty,
            decisions: nasty,
            all: nasty,
            token: nasty,
            password: nasty,
          },
          { requiredKeys: [] },
        ),
        nasty,
      )
      .map((body) => JSON.stringify(body)),
    query: fc.dictionary(
      fc.constantFrom('stage', 'status', 'assignee', 'dataset', 'type', 'sort', 'limit', 'after', 'issueStatus', 'token'),
      nasty.map(str),
      { maxKeys: 3 },
    ),
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'application/x-ndjson',
      'text/csv',
      'text/plain',
      'multipart/form-data',
    ),
  })
  .map(({ actor: who, id, route, body, query, contentType }): Req => {
    const [method, template] = route.split(' ') as [string, string]
    const qs = new URLSearchParams(query).toString()
    return {
      actor: who,
      method,
      path: `/api/${template.replace(':id', id)}${method === 'GET' ? `?${qs}` : ''}`,
      body: method === 'GET' ? undefined : body,
      contentType,
    }
  })

const graphqlRequest = fc
  .record({
    actor,
    op: fc.constantFrom(
      'Workspaces',
      'WorkspaceMembers',
      'WorkspaceInvitations',
      'Projects',
      'Tasks',
      'Issues',
      'DataItems',
      'Labels',
      'TaskEvents',
      'Users',
      'PayloadLockedDocuments',
      'PayloadPreferences',
    ),
    where: fc.dictionary(
      fc.constantFrom(
        'id',
        'name',
        'workspace',
        'project',
        'user',
        'email',
        'status',
        'priority',
        'createdAt',
        'task__project__name',
        'dataItem__metadata',
      ),
      fc.dictionary(fc.constantFrom('equals', 'in', 'like', 'greater_than', 'exists'), nasty, { minKeys: 1, maxKeys: 1 }),
      { maxKeys: 2 },
    ),
    limit: fc.option(fc.integer({ min: -5, max: 100_000 }), { nil: undefined }),
    page: fc.option(fc.integer({ min: -5, max: 2_000_000 }), { nil: undefined }),
    mutation: fc.option(
      fc.record({
        name: fc.constantFrom(
          'taskAction',
          'claimNextTask',
          'acceptWorkspaceInvitation',
          'signUpWithInvitation',
          'updateTask',
          'updatePayloadLockedDocument',
          'createWorkspaceInvitation',
        ),
        id: anyId,
        text: nasty,
      }),
      { nil: undefined },
    ),
  })
  .map(({ actor: who, op, where, limit, page, mutation }): Req => {
    const query = mutation
      ? {
          taskAction: `mutation { taskAction(id: ${JSON.stringify(mutation.id)}, action: submit, expectedVersion: 1, note: ${JSON.stringify(str(mutation.text))}) { id } }`,
          claimNextTask: `mutation { claimNextTask(project: ${JSON.stringify(mutation.id)}) { task { id } } }`,
          acceptWorkspaceInvitation: `mutation { acceptWorkspaceInvitation(id: ${JSON.stringify(mutation.id)}) { id } }`,
          signUpWithInvitation: `mutation { signUpWithInvitation(token: ${JSON.stringify(str(mutation.text))}, password: "long-enough-1") { id } }`,
          updateTask: `mutation ($data: mutationTaskUpdateInput!) { updateTask(id: ${Number(mutation.id) || 1}, data: $data) { id } }`,
          updatePayloadLockedDocument: `mutation { updatePayloadLockedDocument(id: ${Number(mutation.id) || 1}, data: { globalSlug: ${JSON.stringify(str(mutation.text))} }) { id } }`,
          createWorkspaceInvitation: `mutation ($data: mutationWorkspaceInvitationInput!) { createWorkspaceInvitation(data: $data) { id } }`,
        }[mutation.name]!
      : `query ($where: ${op
          .replace(/s$/, '')
          .replace(/ie$/, 'y')
          .replace(/Entrie$/, 'Entry')}_where, $limit: Int, $page: Int) { ${op}(where: $where, limit: $limit, page: $page) { totalDocs } }`
    const variables = mutation
      ? { data: { round: mutation.text, workspace: mutation.text, email: str(mutation.text), role: 'tasker' } }
      : { where, limit, page }
    return { actor: who, method: 'POST', path: '/api/graphql', body: JSON.stringify({ query, variables }), contentType: 'application/json' }
  })

// ---- running them
async function send(request: Req): Promise<{ status: number; text: string }> {
  const token = world.tokens[request.actor]
  const headers: Record<string, string> = {}
  if (token) headers.Authorization = `JWT ${token}`
  if (request.contentType) headers['Content-Type'] = request.contentType
  const res = await fetch(`${api.baseUrl}${request.path}`, { method: request.method, headers, body: request.body })
  return { status: res.status, text: await res.text() }
}

/**
 * Every table's row count and newest row version (xmin), in one query: equal before and after means the
 * request wrote nothing (an insert, update or delete changes one of them). Webhook deliveries are counted only:
 * the background worker updates their attempts whenever it runs (a fuzzed subscription's deliveries fail and are
 * retried), while a request could only add one. The analytics rollups and the journal's pending events are left
 * out: the rollup folder moves events from one to the other every second, and a request could write to either only
 * by writing journal rows, which are counted.
 */
const WORKER_WRITES = 'webhook_deliveries'
const FOLDER_WRITES = ['task_rollups', 'task_events_pending']
let fingerprintQuery = ''
async function fingerprint(): Promise<string> {
  if (!fingerprintQuery) {
    const { rows } = (await api.payload.db.drizzle.execute(
      sql.raw(`select tablename from pg_tables where schemaname = current_schema() order by 1`),
    )) as { rows: Array<{ tablename: string }> }
    fingerprintQuery = rows
      .filter(({ tablename }) => !FOLDER_WRITES.includes(tablename))
      .map(({ tablename }) =>
        tablename === WORKER_WRITES
          ? `select '${tablename}' as t, count(*)::text as v from "${tablename}"`
          : `select '${tablename}' as t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as v from "${tablename}"`,
      )
      .join(' union all ')
  }
  const { rows } = (await api.payload.db.drizzle.execute(sql.raw(fingerprintQuery))) as { rows: Array<{ t: string; v: string }> }
  return rows.map((row) => `${row.t}=${row.v}`).join(',')
}

const serverErrors: string[] = []
function check(request: Req, answer: { status: number; text: string }) {
  let bad = answer.status >= 500
  if (!bad && request.path === '/api/graphql') {
    try {
      const errors = (JSON.parse(answer.text) as { errors?: Array<{ extensions?: { statusCode?: number } }> }).errors ?? []
      bad = errors.some((error) => (error.extensions?.statusCode ?? 0) >= 500)
    } catch {
      bad = true
    }
  }
  if (bad)
    serverErrors.push(
      `${request.actor} ${request.method} ${request.path.slice(0, 300)} ${request.body?.slice(0, 200) ?? ''} -> ${answer.status} ${answer.text.slice(0, 200)}`,
    )
}

async function runReads(arbitrary: fc.Arbitrary<Req>, count: number) {
  const requests = fc.sample(arbitrary, { numRuns: count, seed: SEED })
  for (let i = 0; i < requests.length; i += 8) {
    const batch = requests.slice(i, i + 8)
    const answers = await Promise.all(batch.map(send))
    batch.forEach((request, index) => check(request, answers[index]!))
  }
  return requests.length
}

async function runWrites(arbitrary: fc.Arbitrary<Req>, count: number) {
  let sent = 0
  await fc.assert(
    fc.asyncProperty(arbitrary, async (request) => {
      const before = request.method === 'GET' ? '' : await fingerprint()
      const answer = await send(request)
      sent++
      check(request, answer)
      if (request.method !== 'GET' && answer.status >= 400) {
        expect(await fingerprint(), `refused ${request.method} ${request.path} (${answer.status}) changed rows`).toBe(before)
      }
    }),
    { numRuns: count, seed: SEED },
  )
  return sent
}

describe('fuzzing the API', () => {
  let total = 0
  it('answers thousands of generated list queries with no 5xx', async () => {
    total += await runReads(listRequest, 5000 * RUNS)
    total += await runReads(graphqlRequest, 1500 * RUNS)
    expect(serverErrors.slice(0, 20)).toEqual([])
  }, 600_000)

  it('answers generated writes and custom-endpoint calls with no 5xx, and a refused one changes nothing', async () => {
    serverErrors.length = 0
    total += await runWrites(docRequest, 2000 * RUNS)
    total += await runWrites(customRequest, 2000 * RUNS)
    expect(serverErrors.slice(0, 20)).toEqual([])
  }, 600_000)

  it('leaves the server alive with no unhandled rejection', async () => {
    console.log(`[fuzz] ${total} generated requests (seed ${SEED})`)
    expect(total).toBeGreaterThanOrEqual(10_000 * RUNS)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(unhandled).toEqual([])
    expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200)
  })
})
