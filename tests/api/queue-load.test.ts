import { once } from 'node:events'

import { sql } from '@payloadcms/db-postgres'
import type { Config, PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { type ServerProcess, startServerProcess } from '../helpers/startServerProcess.ts'

/**
 * No double claim under load: 10,000 tasks, 64 claimers over HTTP — on one server, then on two server
 * processes sharing the database — and, in the same harness, a deliberately naive select-then-update claim
 * that does hand out duplicates (proof the harness would see them).
 */
const TASKS = 10_000
const CLAIMERS = 64
const ROUNDS = 6

type Execute = { drizzle: { execute: (query: unknown) => Promise<{ rows: Array<Record<string, unknown>> }> } }

/**
 * The naive claim, as a host endpoint: read the best free task, then take it — two statements, no lock. It
 * marks the task done rather than leased (the real claim's one-lease-per-person index would refuse a naive
 * second lease): whoever reads the same row before the other's update lands is handed the same task.
 */
const withNaiveClaim = (config: Config): Config => ({
  ...config,
  endpoints: [
    ...(config.endpoints ?? []),
    {
      path: '/naive-claim/:project',
      method: 'post',
      handler: async (req: PayloadRequest) => {
        const db = req.payload.db as unknown as Execute
        const project = String(req.routeParams?.project)
        const { rows } = await db.drizzle.execute(
          sql`select id from tasks where project_id = ${project} and lease_holder_id is null and status <> 'completed' order by priority desc, id limit 1`,
        )
        if (!rows[0]) return new Response(null, { status: 204 })
        await db.drizzle.execute(sql`update tasks set status = 'completed' where id = ${rows[0].id}`)
        return Response.json({ id: rows[0].id })
      },
    },
  ],
})

let api: TestApi
let second: ServerProcess
let tokens: string[]
let admin: string
let workspace: number
let dataset: number

const post = async (baseUrl: string, path: string, token: string, body: unknown = {}) => {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: res.status === 204 ? null : await res.json() }
}

async function startProject(name: string, collaborators: Array<{ user: number | string; role: string }>) {
  const templates = await fetch(`${api.baseUrl}/api/workflow-templates?where[workspace][equals]=${workspace}&limit=10`, {
    headers: { Authorization: `JWT ${admin}` },
  })
  const workflowTemplate = ((await templates.json()).docs as Array<{ id: number; name: string }>).find(
    (template) => template.name === 'Annotate → Complete',
  )!.id
  const created = await post(api.baseUrl, '/api/projects', admin, { workspace, name, datasets: [dataset], collaborators, workflowTemplate })
  if (created.status !== 201) throw new Error(`project: ${created.status} ${JSON.stringify(created.body)}`)
  const project = created.body.doc.id as number
  const res = await fetch(`${api.baseUrl}/api/projects/${project}`, {
    method: 'PATCH',
    headers: { Authorization: `JWT ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'in-progress' }),
  })
  if (res.status !== 200) throw new Error(`start: ${res.status}`)
  return project
}

/** Every claimer claims, then submits what it got, ROUNDS times, all at once; the ids each claim was served. */
async function claimAll(project: number, baseUrls: string[]): Promise<number[]> {
  const served: number[] = []
  await Promise.all(
    tokens.map(async (token, i) => {
      const baseUrl = baseUrls[i % baseUrls.length]!
      for (let round = 0; round < ROUNDS; round++) {
        const claim = await post(baseUrl, `/api/projects/${project}/next`, token)
        if (claim.status !== 200) throw new Error(`claim: ${claim.status} ${JSON.stringify(claim.body)}`)
        served.push(claim.body.task.id)
        const done = await post(baseUrl, `/api/tasks/${claim.body.task.id}/submit`, token, { expectedVersion: claim.body.task.version })
        if (done.status !== 200) throw new Error(`submit: ${done.status} ${JSON.stringify(done.body)}`)
      }
    }),
  )
  return served
}

beforeAll(async () => {
  api = await startTestApi({ extend: withNaiveClaim })
  await api.createUser('root@load.test')
  const adminUser = await api.createUser('admin@load.test')
  admin = adminUser.token
  workspace = (await post(api.baseUrl, '/api/workspaces', admin, { name: 'Load' })).body.doc.id
  const annotators = []
  for (let i = 0; i < CLAIMERS; i++) {
    const user = await api.createUser(`claimer${i}@load.test`)
    await api.payload.create({ collection: 'workspace-members', data: { workspace, user: user.id, role: 'tasker' } as never })
    annotators.push(user)
  }
  tokens = annotators.map((user) => user.token)
  dataset = (await post(api.baseUrl, '/api/datasets', admin, { workspace, name: 'Ten thousand' })).body.doc.id
  const manifest = Array.from({ length: TASKS }, (_, i) =>
    JSON.stringify({ externalId: `item-${i}`, type: 'image', url: `https://e.com/${i}.png` }),
  ).join('\n')
  const imported = await fetch(`${api.baseUrl}/api/datasets/${dataset}/import`, {
    method: 'POST',
    headers: { Authorization: `JWT ${admin}`, 'Content-Type': 'application/x-ndjson' },
    body: manifest,
  })
  expect(imported.status).toBe(200)
  second = await startServerProcess(api.databaseUri) // a second server process on the same database
  collaborators = annotators.map((user) => ({ user: user.id, role: 'annotator' }))
}, 300_000)

let collaborators: Array<{ user: number | string; role: string }>

afterAll(async () => {
  if (second?.child.exitCode === null) {
    second.child.kill('SIGTERM')
    await once(second.child, 'exit')
  }
  await api?.close()
})

const countsOf = async (project: number) => {
  const db = api.payload.db as unknown as Execute
  const { rows } = await db.drizzle.execute(
    sql`select count(*)::int as "claims", count(distinct task_id)::int as "tasks" from task_events where project_id = ${project} and type = 'claimed'`,
  )
  return rows[0] as { claims: number; tasks: number }
}

describe(`${TASKS} tasks, ${CLAIMERS} concurrent claimers over HTTP`, () => {
  it('serves every claim a different task on one server', async () => {
    const project = await startProject('One server', collaborators)
    expect(
      (await api.payload.count({ collection: 'tasks', where: { project: { equals: project } }, overrideAccess: true })).totalDocs,
    ).toBe(TASKS)
    const served = await claimAll(project, [api.baseUrl])
    expect(served).toHaveLength(CLAIMERS * ROUNDS)
    expect(new Set(served).size).toBe(served.length)
    expect(await countsOf(project)).toEqual({ claims: served.length, tasks: served.length })
  }, 300_000)

  it('serves every claim a different task with two server processes on one database', async () => {
    const project = await startProject('Two servers', collaborators)
    const served = await claimAll(project, [api.baseUrl, second.baseUrl])
    expect(new Set(served).size).toBe(served.length)
    expect(await countsOf(project)).toEqual({ claims: served.length, tasks: served.length })
  }, 300_000)

  it('negative control: a naive select-then-update claim, run the same way, hands out duplicates', async () => {
    const project = await startProject('Naive', collaborators)
    const served: Array<number | string> = []
    await Promise.all(
      tokens.map(async (token) => {
        for (let round = 0; round < ROUNDS; round++) {
          const claim = await post(api.baseUrl, `/api/naive-claim/${project}`, token)
          if (claim.status !== 200) throw new Error(`naive claim: ${claim.status} ${JSON.stringify(claim.body)}`)
          served.push(claim.body.id)
        }
      }),
    )
    expect(served).toHaveLength(CLAIMERS * ROUNDS)
    console.log(`[queue-load] naive select-then-update: ${served.length} claims, ${new Set(served).size} distinct tasks`)
    expect(new Set(served).size).toBeLessThan(served.length)
  }, 300_000)
})
