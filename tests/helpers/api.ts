import type { AddressInfo } from 'node:net'
import type { Payload } from 'payload'
import supertest from 'supertest'

import { createServer } from '../../src/server/index.ts'
import { createTestConfig, type TestPayloadOptions } from './testDatabase.ts'

export type TestApi = {
  payload: Payload
  baseUrl: string
  /** the test database this server runs on */
  databaseUri: string
  /** supertest against the running express app */
  http: () => supertest.Agent
  /** A new user (Local API, as the host would seed it); answers with the user and their JWT. */
  createUser: (email: string, password?: string) => Promise<{ id: number | string; email: string; token: string }>
  login: (email: string, password: string) => Promise<string>
  graphql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => Promise<{ status: number; data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>
  close: () => Promise<void>
}

const DEFAULT_PASSWORD = 'correct-horse-battery'

/** createServer() on a fresh test database, listening on an ephemeral port. */
export async function startTestApi(options: TestPayloadOptions = {}): Promise<TestApi> {
  const config = await createTestConfig(options)
  const { app, payload } = await createServer({ config })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const http = () => supertest.agent(baseUrl)

  const login = async (email: string, password: string) => {
    const res = await http().post('/api/users/login').send({ email, password })
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.token as string
  }

  return {
    payload,
    baseUrl,
    databaseUri: (payload.db as unknown as { poolOptions: { connectionString: string } }).poolOptions.connectionString,
    http,
    login,
    createUser: async (email, password = DEFAULT_PASSWORD) => {
      const user = await payload.create({ collection: 'users', data: { email, password } })
      return { id: user.id, email, token: await login(email, password) }
    },
    graphql: async (query, variables, token) => {
      const req = http().post('/api/graphql').send({ query, variables })
      if (token) req.set('Authorization', `JWT ${token}`)
      const res = await req
      return { status: res.status, data: res.body.data, errors: res.body.errors }
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
