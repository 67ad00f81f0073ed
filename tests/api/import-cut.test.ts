import { connect } from 'node:net'

import { sql } from '@payloadcms/db-postgres'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// An import whose body is cut (the client dies, the network drops) must leave no row behind — items, tasks,
// journal — and the server must carry on.
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let dataset: number
const ROWS = 2500 // more than two 1,000-row batches
type Format = 'json' | 'ndjson' | 'csv'
const CONTENT_TYPE: Record<Format, string> = { json: 'application/json', ndjson: 'application/x-ndjson', csv: 'text/csv' }
const row = (prefix: string, i: number) => ({ externalId: `${prefix}-${i}`, type: 'image', url: `https://e.com/${prefix}/${i}.png` })
const manifest = (format: Format, prefix: string) => {
  const rows = Array.from({ length: ROWS }, (_, i) => row(prefix, i))
  if (format === 'json') return JSON.stringify(rows)
  if (format === 'ndjson') return rows.map((r) => JSON.stringify(r)).join('\n')
  return ['externalId,type,url', ...rows.map((r) => `${r.externalId},${r.type},${r.url}`)].join('\n')
}

beforeAll(async () => {
  // no rollup folder here: its transactions (milliseconds each) would count among the open ones below
  api = await startTestApi({ labelOps: { rollupFoldMs: 0 } })
  world = await buildWorkflowWorld(api)
  await world.startProject('Annotate → Complete') // the dataset's items become tasks: a cut import must leave none
  dataset = world.dataset
})
afterAll(() => api?.close())

async function counts() {
  const count = async (collection: 'data-items' | 'tasks' | 'task-events') =>
    (await api.payload.count({ collection, overrideAccess: true })).totalDocs
  return { items: await count('data-items'), tasks: await count('tasks'), events: await count('task-events') }
}

/** Connections of this test database sitting in a transaction nobody is finishing. */
async function openTransactions(): Promise<number> {
  const result = await api.payload.db.drizzle.execute(
    sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
  )
  return (result.rows[0] as { n: number }).n
}

/** Sends the first `cut` bytes of `body` with a Content-Length for all of it, waits, then drops the connection. */
function sendCut(body: string, cut: number, contentType: string): Promise<void> {
  const { hostname, port } = new URL(api.baseUrl)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      const bytes = Buffer.from(body)
      socket.write(
        `POST /api/datasets/${dataset}/import HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: JWT ${world.admin.token}\r\n` +
          `Content-Type: ${contentType}\r\nContent-Length: ${bytes.length}\r\n\r\n`,
      )
      socket.write(bytes.subarray(0, cut), () =>
        setTimeout(() => {
          socket.destroy()
          resolve()
        }, 150),
      )
    })
    socket.on('error', () => resolve())
  })
}

describe('a cut import', () => {
  it('leaves no row behind wherever the body is cut, and the server lives on', async () => {
    const before = await counts()
    let attempt = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Format>('json', 'ndjson', 'csv'),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        async (format, at) => {
          const body = manifest(format, `cut${attempt++}`)
          await sendCut(body, Math.floor(body.length * at), CONTENT_TYPE[format])
          await new Promise((resolve) => setTimeout(resolve, 200)) // the server notices the cut and rolls back
          expect(await counts()).toEqual(before)
          // a reader left waiting would hold its transaction (and a pool slot) for ever; a transaction merely
          // between two statements at this instant (the server is busy on a loaded machine) ends within moments
          await expect.poll(openTransactions, { timeout: 5_000, interval: 100 }).toBe(0)
          expect((await api.http().get('/healthz')).status).toBe(200)
        },
      ),
      { numRuns: 12 },
    )
  }, 120_000) // twelve cuts one after another, each waiting for the server to notice: slow on a loaded machine

  it('still imports a whole body, every row with its task', async () => {
    const before = await counts()
    const res = await world.asAdmin.post(`/api/datasets/${dataset}/import`, manifest('ndjson', 'whole') as never, {
      'Content-Type': 'application/x-ndjson',
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ accepted: ROWS, created: ROWS, tasksCreated: ROWS })
    const after = await counts()
    expect(after.items - before.items).toBe(ROWS)
    expect(after.tasks - before.tasks).toBe(ROWS)
  })
})
