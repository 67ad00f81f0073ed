import { randomBytes } from 'node:crypto'
import { getPayload, type Config, type Payload } from 'payload'
import { inject } from 'vitest'

import { buildDemoConfig } from '../../demo/buildDemoConfig.ts'
import type { LabelOpsOptions } from '../../src/options.ts'
import { quoteIdent, withAdminClient, withDatabase } from './pgAdmin.ts'

/** A fresh database for one test file, cloned from the template that already holds the schema (or empty). */
export async function createTestDatabase({ empty = false } = {}): Promise<string> {
  const { serverUri, template: schemaTemplate, prefix } = inject('labelOpsDb')
  const template = empty ? 'template0' : schemaTemplate
  const name = `${prefix}${randomBytes(4).toString('hex')}`
  await withAdminClient(serverUri, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`)
        return
      } catch (error) {
        // 55006: another clone of the template is starting at this very moment
        if ((error as { code?: string }).code !== '55006' || attempt > 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200))
      }
    }
  })
  return withDatabase(serverUri, name)
}

export type TestPayloadOptions = {
  labelOps?: LabelOpsOptions
  extend?: (config: Config) => Config
  logQuery?: (query: string, params: unknown[]) => void
  /** Push the schema on connect: for a file whose host config differs from the template's. @default false */
  push?: boolean
  /** An existing test database to use instead of a fresh clone (e.g. a second server process on the same one). */
  databaseUri?: string
}

/** The demo host's config on a fresh test database (schema already there, so no push). */
export async function createTestConfig(options: TestPayloadOptions = {}) {
  return buildDemoConfig({ ...options, databaseUri: options.databaseUri ?? (await createTestDatabase()), push: options.push ?? false })
}

export async function createTestPayload(options: TestPayloadOptions = {}): Promise<Payload> {
  return getPayload({ config: await createTestConfig(options) })
}
