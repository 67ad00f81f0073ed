// Production databases get their schema from migrations/, development ones from the adapter's push. This
// proves the two agree, so a schema change that forgot its migration fails here, not in production.
import { getPayload } from 'payload'
import pg from 'pg'
import { inject, it, expect } from 'vitest'

import { buildDemoConfig } from '../../demo/buildDemoConfig.ts'
import { demoIdType } from '../../demo/idType.ts'
import { migrations } from '../../migrations/index.ts'
import { withDatabase } from '../helpers/pgAdmin.ts'
import { createTestDatabase } from '../helpers/testDatabase.ts'

const SCHEMA_QUERY = `
  select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as line
    from information_schema.columns where table_schema = 'public'
  union all
  select 'index ' || indexdef from pg_indexes where schemaname = 'public'
  union all
  select 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
  order by 1`

async function schemaOf(uri: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return (await client.query<{ line: string }>(SCHEMA_QUERY)).rows.map((row) => row.line)
  } finally {
    await client.end()
  }
}

// migrations/ are the demo host's, with serial ids: a host with uuid ids generates its own
it.skipIf(demoIdType() === 'uuid')(
  'migrations/ build exactly the schema that push builds',
  async () => {
    const databaseUri = await createTestDatabase({ empty: true })
    const payload = await getPayload({ config: buildDemoConfig({ databaseUri, push: false }) })
    await payload.db.migrate({ migrations: migrations as never })

    const { serverUri, template } = inject('labelOpsDb')
    const pushed = await schemaOf(withDatabase(serverUri, template))
    const migrated = await schemaOf(databaseUri)
    expect(
      migrated.filter((line) => !pushed.includes(line)),
      'only in migrations',
    ).toEqual([])
    expect(
      pushed.filter((line) => !migrated.includes(line)),
      'missing from migrations: run `npm run payload migrate:create`',
    ).toEqual([])
  },
  120_000,
)
