import { sql } from '@payloadcms/db-postgres'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'

import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { type JournalEntry, replayTask } from '../../src/domain/workflow/replay.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { rawRows, rollupRows } from '../helpers/rollups.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

// The journal tells a task's whole story: after random concurrent work — claims, submits, skips, releases,
// reviews, lapsed leases and consensus slots taken over, managers' bulk operations, single moves and PATCHes —
// replaying each task's events gives the stage, status and holder (lease and consensus slots) it has now.
// A fixed seed, so a run is repeatable; JOURNAL_SEED=<n> and JOURNAL_RUNS=<n> explore further.
const SEED = Number(process.env.JOURNAL_SEED ?? 20261202)
const RUNS = Number(process.env.JOURNAL_RUNS ?? 15)

let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
type Project = { id: number; graph: WorkflowGraph }
const projects: Project[] = []

const vote: WorkflowGraph = {
  stages: [
    { id: 'vote', type: 'consensus', name: 'Vote', config: { annotators: 2 } },
    { id: 'check', type: 'review', name: 'Check' },
    { id: 'done', type: 'complete', name: 'Done' },
  ],
  edges: [
    { from: 'vote', pathway: 'resolve', to: 'check' },
    { from: 'check', pathway: 'approve', to: 'done' },
    { from: 'check', pathway: 'reject', to: 'vote' },
  ],
}
const routed: WorkflowGraph = {
  start: 'split',
  stages: [
    {
      id: 'split',
      type: 'router',
      name: 'Split',
      config: {
        kind: 'percentage',
        branches: [
          { pathway: 'fast', weight: 50 },
          { pathway: 'careful', weight: 50 },
        ],
      },
    },
    { id: 'quick', type: 'annotate', name: 'Quick' },
    { id: 'thorough', type: 'annotate', name: 'Thorough' },
    { id: 'qa', type: 'review', name: 'QA' },
    { id: 'done', type: 'complete', name: 'Done' },
  ],
  edges: [
    { from: 'split', pathway: 'fast', to: 'quick' },
    { from: 'split', pathway: 'careful', to: 'thorough' },
    { from: 'quick', pathway: 'submit', to: 'done' },
    { from: 'thorough', pathway: 'submit', to: 'qa' },
    { from: 'qa', pathway: 'approve', to: 'done' },
    { from: 'qa', pathway: 'reject', to: 'thorough' },
  ],
}

const execute = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  (await (api.payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: T[] }> } }).drizzle.execute(query)).rows

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 6, reviewers: 2 })
  const rework = await world.startProject('Annotate → Review → Rework → Review → Complete')
  projects.push({ id: rework.project, graph: (await world.asAdmin.get(`/api/projects/${rework.project}`)).body.workflow })
  const collaborators = [
    { user: world.tm.id, role: 'team-manager' },
    ...world.annotators.map((user) => ({ user: user.id, role: 'annotator' })),
    ...world.reviewers.map((user) => ({ user: user.id, role: 'reviewer' })),
  ]
  for (const [name, graph] of [
    ['Vote', vote],
    ['Routed', routed],
  ] as const) {
    const created = await world.asAdmin.post('/api/projects', {
      workspace: world.workspace,
      name,
      datasets: [world.dataset],
      workflow: graph,
      collaborators,
    })
    if (created.status !== 201) throw new Error(`project ${name}: ${created.status} ${JSON.stringify(created.body)}`)
    await world.asAdmin.patch(`/api/projects/${created.body.doc.id}`, { status: 'in-progress' })
    projects.push({ id: created.body.doc.id, graph })
  }
}, 180_000)
afterAll(() => api?.close())

type TaskRow = { id: number; stage: string; status: string; holder: number | null; version: number; round: number }
const tasksOf = (project: number) =>
  execute<TaskRow>(sql`
  select id, stage, status::text as status, lease_holder_id as holder, version::int as version, round::int as round from tasks where project_id = ${project} order by id`)
const openSlots = (project: number) =>
  execute<{ task: number; annotator: number; round: number }>(sql`
  select task_id as task, annotator_id as annotator, round::int as round from consensus_branches where project_id = ${project} and submitted_at is null`)

// ---- the actions, as indices resolved against the state when they run ----
const people = () => [...world.annotators, ...world.reviewers, world.tm]
type Action =
  | { kind: 'claim'; who: number; project: number }
  | { kind: 'work'; who: number; project: number; verb: number }
  | { kind: 'heartbeat'; who: number; project: number }
  | { kind: 'expire'; project: number; pick: number }
  | {
      kind: 'bulk'
      project: number
      op: 'move' | 'release' | 'assign' | 'set-priority'
      picks: number[]
      byFilter: boolean
      stage: number
      user: number
      priority: number
    }
  | { kind: 'move'; project: number; pick: number; stage: number }
  | { kind: 'patch'; project: number; pick: number; user: number; priority: number }

const index = fc.nat({ max: 99 })
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('claim' as const), who: index, project: index }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('work' as const), who: index, project: index, verb: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), who: index, project: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expire' as const), project: index, pick: index }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bulk' as const),
      project: index,
      op: fc.constantFrom('move' as const, 'release' as const, 'assign' as const, 'set-priority' as const),
      picks: fc.array(index, { minLength: 1, maxLength: 3 }),
      byFilter: fc.boolean(),
      stage: index,
      user: index,
      priority: fc.integer({ min: 0, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), project: index, pick: index, stage: index }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('patch' as const),
      project: index,
      pick: index,
      user: index,
      priority: fc.integer({ min: 0, max: 100 }),
    }),
  },
)
const scenario = fc.array(fc.array(action, { minLength: 1, maxLength: 4 }), { minLength: 6, maxLength: 14 })

const statuses: number[] = []
const movable = (graph: WorkflowGraph) => graph.stages.filter((stage) => stage.type !== 'router').map((stage) => stage.id)

/** The task a person works in a project: their lease, or an open consensus slot of theirs. */
async function heldBy(project: Project, who: number | string) {
  const tasks = await tasksOf(project.id)
  const leased = tasks.find((task) => task.holder === who)
  if (leased) return leased
  const slot = (await openSlots(project.id)).find(
    (candidate) => candidate.annotator === who && tasks.some((task) => task.id === candidate.task && task.round === candidate.round),
  )
  return slot && tasks.find((task) => task.id === slot.task)
}

async function run(step: Action): Promise<void> {
  const project = projects[step.project % projects.length]!
  const manager = world.call(world.tm.token)
  const record = (res: { status: number }) => void statuses.push(res.status)
  switch (step.kind) {
    case 'claim': {
      const person = people()[step.who % people().length]!
      return record(await world.call(person.token).post(`/api/projects/${project.id}/next`, {}))
    }
    case 'heartbeat': {
      const person = people()[step.who % people().length]!
      const task = await heldBy(project, person.id)
      if (task) record(await world.call(person.token).post(`/api/tasks/${task.id}/heartbeat`, {}))
      return
    }
    case 'work': {
      const person = people()[step.who % people().length]!
      const task = await heldBy(project, person.id)
      if (!task) return
      const type = project.graph.stages.find((stage) => stage.id === task.stage)?.type
      const verbs =
        type === 'review'
          ? ['approve', 'reject', 'review:approve', 'review:reject', 'release', 'skip']
          : ['submit', 'submit', 'skip', 'release']
      const verb = verbs[step.verb % verbs.length]!
      const as = world.call(person.token)
      if (verb.startsWith('review:'))
        return record(await as.post(`/api/tasks/${task.id}/review`, { expectedVersion: task.version, all: verb.slice(7), note: 'checked' }))
      return record(
        await as.post(`/api/tasks/${task.id}/${verb}`, {
          expectedVersion: task.version,
          note: verb === 'reject' ? 'redo' : undefined,
          timeSpentMs: 1000,
        }),
      )
    }
    case 'expire': {
      // lets a lease or a consensus slot lapse without waiting for it
      const held = [
        ...(await tasksOf(project.id))
          .filter((task) => task.holder !== null)
          .map((task) => ({ task: task.id, annotator: null as number | null })),
        ...(await openSlots(project.id)).map((slot) => ({ task: slot.task, annotator: slot.annotator as number | null })),
      ]
      const pick = held[step.pick % Math.max(held.length, 1)]
      if (!pick) return
      await execute(
        pick.annotator === null
          ? sql`update tasks set lease_expires_at = now() - interval '1 minute' where id = ${pick.task}`
          : sql`update consensus_branches set lease_expires_at = now() - interval '1 minute' where task_id = ${pick.task} and annotator_id = ${pick.annotator} and submitted_at is null`,
      )
      return
    }
    case 'bulk': {
      const tasks = await tasksOf(project.id)
      const stages = movable(project.graph)
      const selection = step.byFilter
        ? { filter: { stage: tasks[step.picks[0]! % tasks.length]!.stage } }
        : { ids: [...new Set(step.picks.map((pick) => tasks[pick % tasks.length]!.id))] }
      const change =
        step.op === 'move'
          ? { to: stages[step.stage % stages.length] }
          : step.op === 'assign'
            ? { user: step.user % 4 === 3 ? null : world.annotators[step.user % 3]!.id }
            : step.op === 'set-priority'
              ? { priority: step.priority }
              : {}
      return record(await manager.post('/api/tasks/bulk', { project: project.id, operation: step.op, ...selection, ...change }))
    }
    case 'move': {
      const tasks = await tasksOf(project.id)
      const task = tasks[step.pick % tasks.length]!
      const stages = movable(project.graph)
      return record(
        await manager.post(`/api/tasks/${task.id}/move`, { expectedVersion: task.version, to: stages[step.stage % stages.length] }),
      )
    }
    case 'patch': {
      // the admin panel's edit form: Payload's own route, the same queue operations
      const tasks = await tasksOf(project.id)
      const task = tasks[step.pick % tasks.length]!
      const change =
        step.user % 2 === 0 ? { priority: step.priority } : { assignee: step.user % 4 === 3 ? null : world.annotators[step.user % 3]!.id }
      return record(await manager.patch(`/api/tasks/${task.id}`, change))
    }
  }
}

/** Every task of every project: what its journal replays to, against what it is. */
async function mismatches(): Promise<string[]> {
  const problems: string[] = []
  for (const project of projects) {
    const events = await execute<JournalEntry & { task: number }>(sql`
      select task_id as task, type::text as type, actor_id as actor, holder_id as holder, from_stage as "fromStage", to_stage as "toStage",
             from_status as "fromStatus", to_status as "toStatus"
        from task_events where project_id = ${project.id} order by seq`)
    const slots = await openSlots(project.id)
    for (const task of await tasksOf(project.id)) {
      const journal = events.filter((event) => event.task === task.id)
      const replayed = replayTask(journal, project.graph)
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
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        problems.push(
          `task ${task.id}: journal says ${JSON.stringify(expected)}, task is ${JSON.stringify(actual)}\n  ${journal.map((event) => `${event.type}(${event.actor}/${event.holder}) ${event.fromStage}:${event.fromStatus}->${event.toStage}:${event.toStatus}`).join('\n  ')}`,
        )
      }
    }
  }
  return problems
}

it('replays every task to its current stage, status and holder after random concurrent work', async () => {
  expect(await mismatches()).toEqual([]) // as created, routed tasks included
  await fc.assert(
    fc.asyncProperty(scenario, async (steps) => {
      for (const step of steps) await Promise.all(step.map(run))
      expect(await mismatches()).toEqual([])
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  )

  expect(statuses.filter((status) => status >= 500)).toEqual([])
  // every event those operations wrote — single statements, bulk, consensus — is in the rollups once
  expect(await rollupRows(api.databaseUri)).toEqual(await rawRows(api.databaseUri))
  // the scenarios did real work, not only refusals
  expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(50)
  const kinds = await execute<{ type: string }>(sql`select distinct type::text as type from task_events`)
  expect(kinds.map((row) => row.type).sort()).toEqual(
    expect.arrayContaining([
      'approved',
      'assigned',
      'claimed',
      'completed',
      'created',
      'expired',
      'moved',
      'rejected',
      'released',
      'reopened',
      'skipped',
      'submitted',
    ]),
  )
}, 180_000)
