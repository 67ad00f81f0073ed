import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { releasePool } from '../../src/db/guardPoolErrors.ts'
import { checkInvariants } from '../../src/operations/checkInvariants.ts'
import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { type JournalEntry, replayTask } from '../../src/domain/workflow/replay.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import { WORKSPACE_ROLES } from '../../src/roles.ts'
import { PROJECTS } from '../../scripts/seed/catalogue.ts'
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../../scripts/seed/people.ts'
import { seedDemo, type SeedResult } from '../../scripts/seed/seedDemo.ts'
import { rawRows, rollupRows } from '../helpers/rollups.ts'
import { createTestPayload } from '../helpers/testDatabase.ts'

// `npm run seed` on a fresh database: every admin view has something to show, made through the real operations.
let payload: Payload
let first: SeedResult
let seconds: number
let mediaDir: string | undefined

const execute = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  (await (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: T[] }> } }).drizzle.execute(query)).rows

beforeAll(async () => {
  // the generated images go to a folder of this run, not the demo's .data/media
  mediaDir = await mkdtemp(path.join(os.tmpdir(), 'labelops-seed-media-'))
  payload = await createTestPayload({
    extend: (config) => ({
      ...config,
      collections: config.collections!.map((collection) =>
        collection.slug === 'media' ? { ...collection, upload: { ...(collection.upload as object), staticDir: mediaDir } } : collection,
      ),
    }),
  })
  const started = Date.now()
  first = await seedDemo(payload)
  seconds = (Date.now() - started) / 1000
}, 180_000)
afterAll(async () => {
  if (payload) releasePool(payload)
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true })
})

it('seeds quickly, in one workspace, with every project worked', () => {
  expect(first.projects.map((project) => project.created)).toEqual([true, true, true, true])
  expect(first.worked).toHaveLength(4)
  expect(seconds).toBeLessThan(60)
})

it('gives every workspace role a person who can sign in', async () => {
  const roles = await execute<{ email: string; role: string }>(sql`
    select u.email, m.role::text as role from workspace_members m join users u on u.id = m.user_id where m.workspace_id = ${first.workspace}`)
  for (const role of WORKSPACE_ROLES) expect(roles.map((row) => row.role)).toContain(role)
  for (const person of DEMO_PEOPLE) {
    const login = await payload.login({ collection: 'users', data: { email: person.email, password: DEMO_PASSWORD } })
    expect(login.token, person.email).toBeTruthy()
    expect(roles.find((row) => row.email === person.email)?.role).toBe(person.workspaceRole)
  }
})

it('makes four projects, one per built-in workflow, In progress, with tasks in more than one stage each', async () => {
  for (const [i, spec] of PROJECTS.entries()) {
    const project = (await payload.findByID({
      collection: 'projects',
      id: first.projects[i]!.id,
      depth: 0,
      overrideAccess: true,
    })) as unknown as {
      status: string
      workflow: WorkflowGraph
      collaborators: Array<{ role: string }>
    }
    expect(project.status).toBe('in-progress')
    expect(project.workflow.edges).toEqual(BUILT_IN_TEMPLATES[spec.template]!.graph.edges)
    const reviewed = project.workflow.stages.some((stage) => stage.type === 'review')
    expect(new Set(project.collaborators.map((row) => row.role))).toEqual(
      new Set(['admin', 'team-manager', 'annotator', ...(reviewed ? ['reviewer'] : [])]),
    )
    const stages = await execute<{ stage: string }>(sql`select distinct stage from tasks where project_id = ${first.projects[i]!.id}`)
    expect(stages.length, spec.name).toBeGreaterThan(1)
  }
})

it('leaves labels, open and resolved issues, consensus branches and images to show', async () => {
  const [counts] = await execute<Record<string, number>>(sql`
    select (select count(*) from labels where status = 'submitted')::int as submitted,
           (select count(*) from labels where status = 'draft')::int as drafts,
           (select count(*) from labels where review_round > 0)::int as reviewed,
           (select count(*) from issues where status = 'open')::int as "openIssues",
           (select count(*) from issues where status = 'resolved')::int as "resolvedIssues",
           (select count(*) from consensus_branches where submitted_at is not null)::int as "submittedBranches",
           (select count(*) from consensus_branches where submitted_at is null)::int as "openBranches",
           (select count(*) from tasks where status = 'completed')::int as completed,
           (select count(*) from data_items where type = 'image' and source_media_id is not null)::int as images,
           (select count(*) from data_items where type = 'text')::int as texts,
           (select count(*) from user_groups)::int as groups`)
  expect(counts).toMatchObject({ openBranches: 1 })
  for (const key of [
    'submitted',
    'drafts',
    'reviewed',
    'openIssues',
    'resolvedIssues',
    'submittedBranches',
    'completed',
    'images',
    'texts',
  ])
    expect(counts![key], key).toBeGreaterThan(0)
  expect(counts!.groups).toBeGreaterThanOrEqual(2)
  // the images are real PNGs in the media collection
  const media = (await payload.find({ collection: 'media', limit: 1, depth: 0, overrideAccess: true })).docs[0] as unknown as {
    mimeType: string
    url: string
    width?: number
  }
  expect(media).toMatchObject({ mimeType: 'image/png' })
  expect(media.url).toMatch(/\.png$/)
  expect((await readdir(mediaDir!)).filter((name) => name.endsWith('.png'))).toHaveLength(26)
})

it('spreads the journal over the last month, each task in its order, timestamps matching the tasks', async () => {
  const [span] = await execute<{ days: number; future: number }>(sql`
    select extract(epoch from max(created_at) - min(created_at)) / 86400 as days, count(*) filter (where created_at > now())::int as future from task_events`)
  expect(Number(span!.days)).toBeGreaterThanOrEqual(25)
  expect(span!.future).toBe(0)
  const outOfOrder = await execute(sql`
    select task_id from (select task_id, created_at, lag(created_at) over (partition by task_id order by seq) as before from task_events) as e
     where created_at < before`)
  expect(outOfOrder).toEqual([])
  const mismatched = await execute(sql`
    select t.id from tasks t join (select task_id, min(created_at) as first, max(created_at) as last from task_events group by task_id) e on e.task_id = t.id
     where t.created_at <> e.first or t.updated_at <> e.last`)
  expect(mismatched).toEqual([])
  const days = await execute(sql`select distinct date_trunc('day', created_at) from task_events where type <> 'created'`)
  expect(days.length).toBeGreaterThanOrEqual(20)
  // the analytics rollups followed the back-dated journal, hour by hour
  const uri = (payload.db as unknown as { poolOptions: { connectionString: string } }).poolOptions.connectionString
  const rollups = await rollupRows(uri)
  expect(rollups).toEqual(await rawRows(uri))
  expect(new Set(rollups.map((row) => row.key.split(' | ')[6]!.slice(0, 10))).size).toBeGreaterThanOrEqual(20)
})

it('records held time for the work it did, with the active time within it and some idle', async () => {
  const [held] = await execute<{ held: number; over: number; idle: number }>(sql`
    select count(*) filter (where held_ms is not null)::int as held, count(*) filter (where time_spent_ms > held_ms)::int as over,
           count(*) filter (where held_ms > time_spent_ms)::int as idle
      from task_events where type in ('submitted', 'approved', 'rejected')`)
  expect(held!.held).toBeGreaterThan(20)
  expect(held!.over).toBe(0)
  expect(held!.idle).toBeGreaterThan(0)
})

it('keeps every invariant (npm run check:invariants)', async () => {
  const report = await checkInvariants(await createLocalReq({}, payload))
  expect(report.violations).toEqual([])
  expect(report.checked.projects).toBeGreaterThanOrEqual(4)
})

it("replays every task's journal to the task's stage, status, holder and consensus slots", async () => {
  const problems: string[] = []
  for (const project of first.projects) {
    const graph = (
      (await payload.findByID({ collection: 'projects', id: project.id, depth: 0, overrideAccess: true })) as unknown as {
        workflow: WorkflowGraph
      }
    ).workflow
    const events = await execute<JournalEntry & { task: number }>(sql`
      select task_id as task, type::text as type, actor_id as actor, holder_id as holder, from_stage as "fromStage", to_stage as "toStage",
             from_status as "fromStatus", to_status as "toStatus"
        from task_events where project_id = ${project.id} order by seq`)
    const tasks = await execute<{ id: number; stage: string; status: string; holder: number | null; round: number }>(sql`
      select id, stage, status::text as status, lease_holder_id as holder, round::int as round from tasks where project_id = ${project.id}`)
    const slots = await execute<{ task: number; annotator: number; round: number }>(sql`
      select task_id as task, annotator_id as annotator, round::int as round from consensus_branches where project_id = ${project.id} and submitted_at is null`)
    for (const task of tasks) {
      const replayed = replayTask(
        events.filter((event) => event.task === task.id),
        graph,
      )
      const actual = {
        stage: task.stage,
        status: task.status,
        holder: task.holder,
        slots: slots
          .filter((slot) => slot.task === task.id && slot.round === task.round)
          .map((slot) => slot.annotator)
          .sort(),
      }
      const expected = { ...replayed, slots: [...replayed.slots].sort() }
      if (JSON.stringify(expected) !== JSON.stringify(actual))
        problems.push(`task ${task.id}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`)
    }
  }
  expect(problems).toEqual([])
})

it('changes nothing when run again', async () => {
  const snapshot = () =>
    execute(sql`
      select (select count(*) from users)::int as users, (select count(*) from workspaces)::int as workspaces,
             (select count(*) from workspace_members)::int as members, (select count(*) from user_groups)::int as groups,
             (select count(*) from ontologies)::int as ontologies, (select count(*) from datasets)::int as datasets,
             (select count(*) from data_items)::int as items, (select count(*) from media)::int as media,
             (select count(*) from projects)::int as projects, (select count(*) from tasks)::int as tasks,
             (select count(*) from labels)::int as labels, (select count(*) from issues)::int as issues,
             (select count(*) from task_events)::int as events, (select count(*) from consensus_branches)::int as branches,
             (select max(updated_at) from tasks) as "tasksUpdated", (select max(updated_at) from labels) as "labelsUpdated"`)
  const before = await snapshot()
  const again = await seedDemo(payload)
  expect(again.made).toBe(0)
  expect(again.worked).toEqual([])
  expect(await snapshot()).toEqual(before)
})
