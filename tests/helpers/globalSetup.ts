import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

import { demoIdType } from '../../demo/idType.ts'
import { startEmbeddedPostgres } from '../../src/db/embedded.ts'
import { quoteIdent, withAdminClient, withDatabase } from './pgAdmin.ts'
import { schemaFingerprint } from './schemaFingerprint.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    labelOpsDb: { serverUri: string; template: string; prefix: string }
  }
}

const rootDir = path.resolve(import.meta.dirname, '../..')

/**
 * LABELOPS_TEST_PGDATA (a folder) gives a run its own embedded server, so that runs from one checkout can
 * go side by side (each run drops the test databases it finds unused on its server).
 *
 * Once per `npm test`: find the Postgres server (DATABASE_URI, or the embedded one), make sure a template
 * database holding the pushed schema exists for the current source, and hand both to the test files.
 * Each test file then clones the template (tests/helpers/testDatabase.ts), which takes well under a second.
 */
export default async function setup(project: TestProject) {
  const embedded = process.env.DATABASE_URI
    ? undefined
    : await startEmbeddedPostgres({ handleSignals: false, durable: false, dataDir: process.env.LABELOPS_TEST_PGDATA || undefined })
  const serverUri = process.env.DATABASE_URI || embedded!.uri('postgres')
  // one template per id type (LABELOPS_TEST_ID_TYPE): a uuid host's schema differs from a serial one's
  const fingerprint = schemaFingerprint(rootDir)
  const templateOf = (idType: string) => `labelops_tpl_${idType}_${fingerprint}`
  const template = templateOf(demoIdType())
  const prefix = `labelops_test_${randomBytes(3).toString('hex')}_`

  await withAdminClient(serverUri, async (client) => {
    const existing = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'labelops_t%'`)
    const names = existing.rows.map((row) => row.datname)
    // leftovers from interrupted runs: unused test databases and outdated templates
    for (const name of names.filter((n) => n !== templateOf('serial') && n !== templateOf('uuid'))) {
      await client.query(`drop database if exists ${quoteIdent(name)}`).catch(() => {})
    }
    if (!names.includes(template)) {
      const building = `${template}_building`
      await client.query(`drop database if exists ${quoteIdent(building)} with (force)`)
      await client.query(`create database ${quoteIdent(building)}`)
      const started = Date.now()
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(rootDir, 'tests/helpers/buildTemplate.ts'), withDatabase(serverUri, building)],
        {
          cwd: rootDir,
          encoding: 'utf8',
          env: { ...process.env, NODE_ENV: 'test' },
        },
      )
      if (child.status !== 0) throw new Error(`building the template database failed:\n${child.stdout}\n${child.stderr}`)
      await client.query(`alter database ${quoteIdent(building)} rename to ${quoteIdent(template)}`)
      console.log(`[tests] template database ${template} pushed in ${Date.now() - started} ms`)
    }
  })

  project.provide('labelOpsDb', { serverUri, template, prefix })

  return async () => {
    await withAdminClient(serverUri, async (client) => {
      const mine = await client.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${prefix}%`])
      for (const { datname } of mine.rows) await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`)
    })
    await embedded?.stop()
  }
}
