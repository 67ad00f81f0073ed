// Generates the project-capability cases from PROJECT_POLICY: for each capability and each project seat, the
// real REST API answers as the table says. Each case starts from the same state (P1 In progress, T1 in annotate
// held as the case says) and a refused call changes no task.
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PROJECT_CAPABILITIES } from '../../src/roles.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { addProjectSeats, buildPolicyWorld, type PolicyWorld } from './fixtures.ts'
import { PROJECT_POLICY, PROJECT_SEAT_ACTORS, type ProjectCase, type ProjectSeatActor } from './policy-table.ts'

type Id = number | string
let api: TestApi
let world: PolicyWorld
let seats: Awaited<ReturnType<typeof addProjectSeats>>
type Execute = { drizzle: { execute: (query: unknown) => Promise<{ rows: Array<Record<string, unknown>> }> } }
const execute = (query: unknown) => (api.payload.db as unknown as Execute).drizzle.execute(query)

beforeAll(async () => {
  api = await startTestApi()
  world = await buildPolicyWorld(api)
  seats = await addProjectSeats(api, world)
}, 180_000)
afterAll(() => api?.close())

const P1 = () => world.staticTarget('projects', 'P1')
const T1 = () => world.staticTarget('tasks', 'T1')

/** Every case starts here: P1 In progress, T1 untouched in annotate, held by `holder` (or nobody). */
async function reset({ holder, stage = 'annotate', status = 'in-progress' }: { holder?: Id; stage?: string; status?: string }) {
  await execute(sql`update projects set status = ${status} where id = ${P1()}`)
  await execute(sql`update tasks set stage = ${stage}, status = 'new', assignee_id = null, priority = 50, skipped_by = '[]'::jsonb,
    last_actor_by_stage = ${stage === 'review' ? JSON.stringify({ annotate: world.root, $annotator: world.root }) : '{}'}::jsonb,
    lease_holder_id = ${holder ?? null}, lease_expires_at = ${holder === undefined ? null : sql`now() + interval '5 minutes'`}
    where id = ${T1()}`)
}
const taskState = async () =>
  (await execute(sql`select stage, status, priority, version, lease_holder_id from tasks where id = ${T1()}`)).rows[0]!
const version = async () => Number((await taskState()).version)

const call = (token: string, method: 'get' | 'post' | 'put' | 'patch', path: string, body?: object) => {
  const req = api.http()[method](path).set('Authorization', `JWT ${token}`)
  return body ? req.send(body) : req
}

/** An issue on T1 raised by `raiser` through the API while they hold T1 (or by the system when they may not). */
async function issueRaisedBy(raiser: ProjectSeatActor): Promise<Id> {
  await reset({ holder: seats.seatUsers[raiser] })
  const res = await call(seats.seatTokens[raiser], 'post', '/api/issues', { task: T1(), title: world.unique('mine') })
  if (res.status === 201) return res.body.doc.id
  return (await api.payload.create({ collection: 'issues', data: { task: T1(), title: world.unique('not-mine') } as never })).id
}

/** Sets the case up, makes the call; answers the HTTP status (and, for a listing, whether T1 was in it). */
async function run(
  projectCase: ProjectCase,
  seat: ProjectSeatActor,
): Promise<{ status: number; body: Record<string, unknown>; taskChanged: boolean; sawT1?: boolean }> {
  const me = seats.seatUsers[seat]
  const token = seats.seatTokens[seat]
  const send = async (method: 'get' | 'post' | 'put' | 'patch', path: string, body?: object) => {
    const before = await taskState()
    const res = await call(token, method, path, body)
    return {
      status: res.status,
      body: res.body as Record<string, unknown>,
      taskChanged: JSON.stringify(await taskState()) !== JSON.stringify(before),
    }
  }
  switch (projectCase) {
    case 'claim next task':
      await reset({})
      return send('post', `/api/projects/${P1()}/next`, {})
    case 'submit T1 in annotate, holding it':
      await reset({ holder: me })
      return send('post', `/api/tasks/${T1()}/submit`, { expectedVersion: await version() })
    case 'submit T1 in annotate, nobody holding it':
      await reset({})
      return send('post', `/api/tasks/${T1()}/submit`, { expectedVersion: await version() })
    case 'approve T1 in review, holding it':
      await reset({ holder: me, stage: 'review' })
      return send('post', `/api/tasks/${T1()}/approve`, { expectedVersion: await version() })
    case 'approve T1 in review, nobody holding it':
      await reset({ stage: 'review' })
      return send('post', `/api/tasks/${T1()}/approve`, { expectedVersion: await version() })
    case 'move T1 to review':
      await reset({})
      return send('post', `/api/tasks/${T1()}/move`, { expectedVersion: await version(), to: 'review' })
    case 'bulk set-priority on T1':
      await reset({})
      return send('post', '/api/tasks/bulk', { project: P1(), ids: [T1()], operation: 'set-priority', priority: 77 })
    case 'list the queue':
      await reset({})
      return send('get', `/api/projects/${P1()}/queue`)
    case 'list the queue and see T1 held by someone else': {
      await reset({ holder: world.root })
      const res = await send('get', `/api/projects/${P1()}/queue`)
      return { ...res, sawT1: res.status === 200 && (res.body.docs as Array<{ id: Id }>).some((doc) => String(doc.id) === String(T1())) }
    }
    case 'save a draft label on T1, holding it':
      await reset({ holder: me })
      return send('put', `/api/tasks/${T1()}/label`, { objects: [], classifications: [] })
    case 'raise an issue on T1, holding it':
      await reset({ holder: me })
      return send('post', '/api/issues', { task: T1(), title: world.unique('raised') })
    case 'raise an issue on T1, nobody holding it':
      await reset({})
      return send('post', '/api/issues', { task: T1(), title: world.unique('raised') })
    case 'retitle an issue one raised': {
      const issue = await issueRaisedBy(seat)
      await reset({})
      return send('patch', `/api/issues/${issue}`, { title: world.unique('retitled') })
    }
    case 'retitle an issue someone else raised (one is assigned it)': {
      await reset({})
      const issue = (
        await api.payload.create({ collection: 'issues', data: { task: T1(), title: world.unique('theirs'), assignee: me } as never })
      ).id
      return send('patch', `/api/issues/${issue}`, { title: world.unique('retitled') })
    }
    case 'pause the project':
      await reset({})
      return send('patch', `/api/projects/${P1()}`, { status: 'paused' })
    case 'add a project Admin': {
      await reset({})
      await api.payload.update({ collection: 'projects', id: P1(), data: { collaborators: seats.collaborators } as never })
      const res = await send('patch', `/api/projects/${P1()}`, {
        collaborators: [...seats.collaborators, { user: world.users.member2A, role: 'admin' }],
      })
      await api.payload.update({ collection: 'projects', id: P1(), data: { collaborators: seats.collaborators } as never })
      return res
    }
    case 'submit T1 in a Paused project, holding it':
      await reset({ holder: me, status: 'paused' })
      return send('post', `/api/tasks/${T1()}/submit`, { expectedVersion: await version() })
    case 'rename an Archived project':
      await reset({ status: 'archived' })
      return send('patch', `/api/projects/${P1()}`, { name: world.unique('renamed') })
    case 'read T1, nobody holding it':
      await reset({})
      return send('get', `/api/tasks/${T1()}`)
    case "read P1's analytics":
      await reset({})
      return send('get', `/api/projects/${P1()}/analytics`)
    case "read another person's analytics in P1":
      await reset({})
      // one's own figures are everyone's to read: ask for another person's (the team manager's own asks for the annotator's)
      return send(
        'get',
        `/api/projects/${P1()}/analytics?collaborator=${seat === 'team-manager' ? seats.seatUsers.annotator : seats.seatUsers['team-manager']}`,
      )
    case "export P1's labels":
      await reset({})
      return send('get', `/api/projects/${P1()}/export?unlabelled=true`)
    case 'import pre-labels into P1':
      await reset({})
      return send('post', `/api/projects/${P1()}/import-labels`, {
        format: 'labelops',
        tasks: [{ task: T1(), label: { objects: [], classifications: [] } }],
      })
  }
}

const DENIED = [401, 403, 404, 409, 423]
const outcomeOf = (result: { status: number; sawT1?: boolean }) =>
  result.sawT1 === false && result.status === 200
    ? 'denied'
    : [200, 201, 204].includes(result.status)
      ? 'allowed'
      : DENIED.includes(result.status)
        ? 'denied'
        : `unexpected ${result.status}`
const expected = (allow: readonly ProjectSeatActor[], seat: ProjectSeatActor) => (allow.includes(seat) ? 'allowed' : 'denied')
let generated = 0

describe('REST: project capabilities', () => {
  for (const { capability, scope, case: projectCase, allow } of PROJECT_POLICY) {
    for (const seat of PROJECT_SEAT_ACTORS) {
      generated++
      it(`${capability} (${scope}) — ${seat}: ${projectCase} — is ${expected(allow, seat)}`, async () => {
        const result = await run(projectCase, seat)
        const outcome = outcomeOf(result)
        expect(outcome, JSON.stringify(result.body)).toBe(expected(allow, seat))
        // a refused call changes no task
        if (outcome === 'denied') expect(result.taskChanged, 'task changed').toBe(false)
      })
    }
  }
})

describe('the generated project policy suite', () => {
  it('covers every project capability for every seat', () => {
    console.log(`[policy] ${PROJECT_POLICY.length} project policy rows -> ${generated} generated REST cases`)
    expect(generated).toBe(PROJECT_POLICY.length * PROJECT_SEAT_ACTORS.length)
    const covered = new Set(PROJECT_POLICY.map((row) => row.capability))
    expect([...covered].sort()).toEqual(Object.keys(PROJECT_CAPABILITIES).sort())
  })
})
