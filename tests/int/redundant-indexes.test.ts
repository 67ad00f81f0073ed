// Payload indexes every relationship column on its own; LabelOps leaves out those a longer index already serves
// (src/db/redundantIndexes.ts). Checked in the catalogue of the schema push builds — migrations/ build the same
// (migrations.test.ts) — so an index added later that only repeats the start of another fails here.
import pg from 'pg'
import { expect, inject, it } from 'vitest'

import { withDatabase } from '../helpers/pgAdmin.ts'

const REDUNDANT = `
  select a.indexrelid::regclass::text as "redundant", b.indexrelid::regclass::text as "coveredBy"
    from pg_index a
    join pg_index b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid
    join pg_class ac on ac.oid = a.indexrelid
    join pg_class bc on bc.oid = b.indexrelid
    join pg_am am on am.oid = ac.relam and am.amname = 'btree' and bc.relam = ac.relam
   where not a.indisunique and a.indpred is null and a.indexprs is null and b.indpred is null and b.indexprs is null
     and a.indnkeyatts < b.indnkeyatts
     and (b.indkey::int2[])[0:a.indnkeyatts - 1] = (a.indkey::int2[])[0:a.indnkeyatts - 1]
     and ac.relnamespace = 'public'::regnamespace
   order by 1, 2`

it('keeps no index whose columns only lead another one', async () => {
  const { serverUri, template } = inject('labelOpsDb')
  const client = new pg.Client({ connectionString: withDatabase(serverUri, template) })
  await client.connect()
  try {
    expect((await client.query(REDUNDANT)).rows).toEqual([])
    // the journal's own: a project's, an actor's, a task's events are found by their composite indexes
    const { rows } = await client.query(`select indexname from pg_indexes where tablename = 'task_events'`)
    const names = rows.map((row) => row.indexname)
    expect(names).not.toContain('task_events_project_idx')
    expect(names).toEqual(expect.arrayContaining(['project_createdAt_idx', 'actor_createdAt_idx', 'task_createdAt_idx']))
  } finally {
    await client.end()
  }
})
