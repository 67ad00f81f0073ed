import pg from 'pg'
import { getPayload } from 'payload'
import { buildDemoConfig } from '/work/main/demo/buildDemoConfig.ts'
import { resolveDatabase } from '/work/main/src/db/resolveDatabase.ts'
import { claimStatement } from '/work/main/src/queue/claimTask.ts'
import { withDatabase } from '/work/main/tests/helpers/pgAdmin.ts'
const server = await resolveDatabase({ handleSignals: false, database: 'postgres' })
const uri = withDatabase(server.uri, 'labelops_bench_queue')
const payload = await getPayload({ config: buildDemoConfig({ databaseUri: uri, push: false }) })
const c = new pg.Client({ connectionString: uri }); await c.connect()
const { rows: [p] } = await c.query(`select id, workspace_id from projects limit 1`)
const { rows: [u] } = await c.query(`select id from users where email = 'claimer5@bench.test'`)
const dialect = (payload.db as any).drizzle.dialect
const q = dialect.sqlToQuery(claimStatement({ payload } as any, { project: p.id, workspace: p.workspace_id, user: u.id, stages: ['annotate'], reviewStages: [], leaseMinutes: 30, allowSelfReview: false, skipPolicy: 'requeue-for-others' }))
await c.query('begin')
const r = await c.query('explain (analyze, buffers) ' + q.sql, q.params)
console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'))
await c.query('rollback')
process.exit(0)
