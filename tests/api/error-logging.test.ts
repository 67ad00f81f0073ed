import type { Config } from 'payload'
import { GraphQLString } from 'graphql'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { logClientErrorsAsInfo } from '../../src/hardening/clientErrorLogging.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { MISSING_ID } from '../helpers/ids.ts'

// A refusal (4xx) is the caller's business and is logged at INFO, over REST and GraphQL; a fault of the
// server (5xx) stays at ERROR with its stack, so real errors are not buried.
let api: TestApi
let token: string
const logged: Array<{ level: 'error' | 'info'; entry: unknown }> = []

const withFaults = (config: Config): Config => ({
  ...config,
  endpoints: [
    ...(config.endpoints ?? []),
    {
      path: '/test-fault',
      method: 'get',
      handler: () => {
        throw new Error('a server fault')
      },
    },
  ],
  graphQL: {
    ...config.graphQL,
    queries: (graphQL, context) => ({
      ...config.graphQL?.queries?.(graphQL, context),
      testFault: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('a GraphQL server fault')
        },
      },
    }),
  },
})

beforeAll(async () => {
  api = await startTestApi({ extend: withFaults })
  token = (await api.createUser('someone@example.com')).token
  // the plugin installed the rule on start-up; put recorders under it, then install it again on top
  const logger = api.payload.logger as unknown as Record<string, unknown>
  expect(logger.__labelOpsClientErrors).toBe(true)
  delete logger.__labelOpsClientErrors
  for (const level of ['error', 'info'] as const) {
    logger[level] = (entry: unknown) => void logged.push({ level, entry })
  }
  logClientErrorsAsInfo(api.payload)
})
afterAll(async () => api?.close())
beforeEach(() => {
  logged.length = 0
})

const errorsLogged = () => logged.filter((line) => line.level === 'error')

describe('logging of refusals and faults', () => {
  it.each([
    ['a wrong password', () => api.http().post('/api/users/login').send({ email: 'someone@example.com', password: 'wrong-password' }), 401],
    ['no session', () => api.http().post('/api/projects/1/next').send({}), 401],
    ['a missing document', () => api.http().get(`/api/workspaces/${MISSING_ID}`).set('Authorization', `JWT ${token}`), 404],
    ['an invalid body', () => api.http().post('/api/workspaces').set('Authorization', `JWT ${token}`).send({ name: '' }), 400],
    ['a forbidden write', () => api.http().delete(`/api/workspaces/${MISSING_ID}`).set('Authorization', `JWT ${token}`), 404],
  ])('REST: %s is answered 4xx and logged below ERROR', async (_name, send, status) => {
    const res = await send()
    expect(res.status).toBe(status)
    expect(errorsLogged()).toEqual([])
  })

  it('GraphQL: a wrong password and a refusal are logged below ERROR', async () => {
    const login = await api.graphql(`mutation { loginUser(email: "someone@example.com", password: "wrong") { token } }`)
    expect(login.errors?.[0]?.extensions?.statusCode).toBe(401)
    const refused = await api.graphql(`mutation { createWorkspace(data: { name: "" }) { id } }`, {}, token)
    expect(refused.errors?.[0]?.extensions?.statusCode).toBeGreaterThanOrEqual(400)
    expect(refused.errors?.[0]?.extensions?.statusCode).toBeLessThan(500)
    expect(errorsLogged()).toEqual([])
    expect(logged.filter((line) => line.level === 'info').length).toBeGreaterThanOrEqual(2)
  })

  it('a server fault stays at ERROR, over REST and GraphQL', async () => {
    const rest = await api.http().get('/api/test-fault')
    expect(rest.status).toBe(500)
    expect(errorsLogged()).toHaveLength(1)
    const graphql = await api.graphql(`query { testFault }`, {}, token)
    expect(graphql.errors?.[0]?.extensions?.statusCode).toBe(500)
    expect(errorsLogged()).toHaveLength(2)
  })
})
