import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import type { Id } from '../../types.ts'
import { stageById, startStageId, type WorkflowGraph } from '../../domain/workflow/graph.ts'
import { initialState } from '../../domain/workflow/transition.ts'
import { idArray, idValue } from '../../db/idArray.ts'
import { hasTaskEventListener, publishTaskEvents, taskEventColumns } from '../journal/journalFeed.ts'
import { sessionDb } from '../../db/session.ts'
import { columnName as column, sqlTable } from '../../db/tables.ts'
import { noteTasksCreated } from './taskStatistics.ts'

/**
 * Creates the missing tasks — one per (project, data item) of the project's attached datasets — and journals
 * each as `created`, inside the caller's transaction. Existing tasks are left alone (unique (project, data
 * item)), so it is safe to run again. Narrow it to a project, or to items just imported into a dataset.
 * Where a new task lands is decided by the workflow's pure `initialState()` (a router at the start sends each
 * task on its way); SQL only applies it: projects whose start is a working stage take one statement, the
 * others a second one applying each task's routed stage. Answers how many tasks it created.
 */
export async function createMissingTasks(
  req: PayloadRequest,
  scope: { project: Id } | { dataset: Id; items: Id[] },
  actor: Id | null,
): Promise<number> {
  const graphs = await workflowsInScope(req, scope)
  const routed = graphs.filter(({ graph }) => stageById(graph, startStageId(graph)!)?.type === 'router').map(({ id }) => id)
  const direct = graphs.filter(({ id }) => !routed.some((other) => String(other) === String(id))).map(({ id }) => id)
  let created = 0
  if (direct.length > 0) created += await insertTasks(req, scope, direct, actor)
  if (routed.length > 0)
    created += await insertRoutedTasks(
      req,
      scope,
      graphs.filter(({ id }) => routed.includes(id)),
      actor,
    )
  await noteTasksCreated(req, created)
  return created
}

type ProjectGraph = { id: Id; graph: WorkflowGraph }

/** The workflows of the projects the scope reaches (the one project, or those using the dataset). */
async function workflowsInScope(req: PayloadRequest, scope: { project: Id } | { dataset: Id; items: Id[] }): Promise<ProjectGraph[]> {
  const projects = sqlTable(req, 'projects')
  const projectRels = sqlTable(req, 'projectRels')
  const where =
    'project' in scope
      ? sql`${projects.id} = ${scope.project}`
      : sql`${projects.id} in (select ${projectRels.parent} from ${projectRels} where ${projectRels.path} = 'datasets' and ${projectRels.datasetsID} = ${scope.dataset})`
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id; graph: WorkflowGraph }>(sql`
    select ${projects.id} as "id", ${projects.workflow} as "graph" from ${projects} where ${projects.workflow} is not null and ${where}`)
  return rows
}

/**
 * One statement: the missing tasks of `projectIds` at their start stage, with their `created` rows — or, with
 * `journal: false`, without them, answering the new tasks' ids (for the caller to route and journal).
 */
async function insertTasks(
  req: PayloadRequest,
  scope: { project: Id } | { dataset: Id; items: Id[] },
  projectIds: Id[],
  actor: Id | null,
): Promise<number>
async function insertTasks(
  req: PayloadRequest,
  scope: { project: Id } | { dataset: Id; items: Id[] },
  projectIds: Id[],
  actor: Id | null,
  options: { journal: false },
): Promise<Id[]>
async function insertTasks(
  req: PayloadRequest,
  scope: { project: Id } | { dataset: Id; items: Id[] },
  projectIds: Id[],
  actor: Id | null,
  { journal = true }: { journal?: boolean } = {},
): Promise<number | Id[]> {
  const tasks = sqlTable(req, 'tasks')
  const events = sqlTable(req, 'taskEvents')
  const projects = sqlTable(req, 'projects')
  const projectRels = sqlTable(req, 'projectRels')
  const items = sqlTable(req, 'dataItems')
  const where: SQL =
    'project' in scope
      ? sql`${projects.id} = ${scope.project}`
      : sql`${projectRels.datasetsID} = ${scope.dataset} and ${items.id} = any(${idArray(req, scope.items)})`
  const db = await sessionDb(req)
  const listening = journal && hasTaskEventListener(req)
  const { rows } = await db.execute<{ created?: string; id?: Id; events?: Array<Record<string, unknown>> | null }>(sql`
    with inserted as (
      insert into ${tasks} (${column(tasks.workspace)}, ${column(tasks.project)}, ${column(tasks.dataItem)}, ${column(tasks.title)}, ${column(tasks.stage)}, ${column(tasks.status)},
                            ${column(tasks.priority)}, ${column(tasks.version)}, ${column(tasks.skippedBy)}, ${column(tasks.lastActorByStage)},
                            ${column(tasks.consensusSubmissions)}, ${column(tasks.updatedAt)}, ${column(tasks.createdAt)})
      select ${projects.workspace}, ${projects.id}, ${items.id}, ${items.name},
             coalesce(${projects.workflow}->>'start', ${projects.workflow}->'stages'->0->>'id'), 'new', 50, 1, '[]'::jsonb, '{}'::jsonb, 0, now(), now()
        from ${projects}
        join ${projectRels} on ${projectRels.parent} = ${projects.id} and ${projectRels.path} = 'datasets'
        join ${items} on ${items.dataset} = ${projectRels.datasetsID}
       where ${projects.id} = any(${idArray(req, projectIds)}) and ${where}
      on conflict (${column(tasks.project)}, ${column(tasks.dataItem)}) do nothing
      returning ${column(tasks.id)} as "id", ${column(tasks.workspace)} as "workspace", ${column(tasks.project)} as "project", ${column(tasks.stage)} as "stage"
    ), journaled as (
      insert into ${events} (${column(events.workspace)}, ${column(events.project)}, ${column(events.task)}, ${column(events.actor)}, ${column(events.type)},
                             ${column(events.toStage)}, ${column(events.toStatus)}, ${column(events.updatedAt)}, ${column(events.createdAt)})
      select "workspace", "project", "id", ${actor}, 'created', "stage", 'new', now(), now() from inserted where ${journal ? sql`true` : sql`false`}
      returning ${listening ? taskEventColumns(events) : sql`1`}
    )
    ${journal ? sql`select count(*) as "created"${listening ? sql`, json_agg(journaled order by "seq") as "events"` : sql``} from journaled` : sql`select "id" from inserted`}`)
  if (listening) await publishTaskEvents(req, rows[0]?.events ?? [])
  return journal ? Number(rows[0]?.created ?? 0) : rows.map((row) => row.id!)
}

/**
 * Tasks of workflows that start on a router: inserted at the router, then each sent where `initialState()`
 * says (the percentage router hashes the task's id, so the id must exist first), and journaled as `created`
 * at the stage they landed on — all in the caller's transaction, so nobody ever sees a task on a router.
 */
async function insertRoutedTasks(
  req: PayloadRequest,
  scope: { project: Id } | { dataset: Id; items: Id[] },
  graphs: ProjectGraph[],
  actor: Id | null,
): Promise<number> {
  const tasks = sqlTable(req, 'tasks')
  const events = sqlTable(req, 'taskEvents')
  const items = sqlTable(req, 'dataItems')
  const inserted = await insertTasks(
    req,
    scope,
    graphs.map(({ id }) => id),
    actor,
    { journal: false },
  )
  if (inserted.length === 0) return 0
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ id: Id; project: Id; workspace: Id; metadata: Record<string, unknown> | null }>(sql`
    select ${tasks.id} as "id", ${tasks.project} as "project", ${tasks.workspace} as "workspace", ${items.metadata} as "metadata"
      from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
     where ${tasks.id} = any(${idArray(req, inserted)})`)
  const landed = rows.map((row) => {
    const graph = graphs.find(({ id }) => String(id) === String(row.project))!.graph
    const { state } = initialState(graph, { taskId: row.id, metadata: row.metadata ?? undefined })
    return { ...row, stage: state.stage, status: state.status }
  })
  const values = sql.join(
    landed.map((task) => sql`(${idValue(req, task.id)}, ${task.stage}::text, ${task.status}::text)`),
    sql`, `,
  )
  const { rows: journaled } = await db.execute<Record<string, unknown>>(sql`
    with decided("id", "stage", "status") as (select * from (values ${values}) as decided("id", "stage", "status")),
    moved as (
      update ${tasks} set ${column(tasks.stage)} = decided."stage", ${column(tasks.status)} = decided."status"::${sql.raw(`"${(tasks.status as { getSQLType: () => string }).getSQLType()}"`)}
        from decided where ${tasks.id} = decided."id"
      returning ${tasks.id} as "id", ${tasks.workspace} as "workspace", ${tasks.project} as "project", decided."stage" as "stage", decided."status" as "status"
    )
    insert into ${events} (${column(events.workspace)}, ${column(events.project)}, ${column(events.task)}, ${column(events.actor)}, ${column(events.type)},
                           ${column(events.toStage)}, ${column(events.toStatus)}, ${column(events.updatedAt)}, ${column(events.createdAt)})
    select "workspace", "project", "id", ${actor}, 'created', "stage", "status", now(), now() from moved
    returning ${hasTaskEventListener(req) ? taskEventColumns(events) : sql`1`}`)
  if (hasTaskEventListener(req)) await publishTaskEvents(req, journaled)
  return landed.length
}

/**
 * The one definition of a task someone worked on: no longer New at version 1, leased, holding consensus
 * slots, with issues, or with any journal row besides `created`. Such a task keeps its history: it is
 * never deleted, and its dataset cannot be detached. An SQL condition on the tasks table.
 */
function workedOn(req: PayloadRequest): SQL {
  const tasks = sqlTable(req, 'tasks')
  const branches = sqlTable(req, 'consensusBranches')
  const issues = sqlTable(req, 'issues')
  const events = sqlTable(req, 'taskEvents')
  return sql`(${tasks.status} <> 'new' or ${tasks.version} > 1 or ${tasks.leaseHolder} is not null
    or exists (select 1 from ${branches} where ${branches.task} = ${tasks.id})
    or exists (select 1 from ${issues} where ${issues.task} = ${tasks.id})
    or exists (select 1 from ${events} where ${events.task} = ${tasks.id} and ${events.type} <> 'created'))`
}

/** For datasets being detached from a project: how many of their tasks someone worked on. */
export async function tasksUnderWay(req: PayloadRequest, project: Id, datasets: Id[]): Promise<number> {
  if (datasets.length === 0) return 0
  const tasks = sqlTable(req, 'tasks')
  const items = sqlTable(req, 'dataItems')
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ count: string }>(sql`
    select count(*) as "count" from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
     where ${tasks.project} = ${project} and ${items.dataset} = any(${idArray(req, datasets)}) and ${workedOn(req)}`)
  return Number(rows[0]?.count ?? 0)
}

/** Whether someone worked on this task (see workedOn). */
export async function isTaskWorkedOn(req: PayloadRequest, task: Id): Promise<boolean> {
  const tasks = sqlTable(req, 'tasks')
  const db = await sessionDb(req)
  const { rows } = await db.execute(sql`select 1 from ${tasks} where ${tasks.id} = ${task} and ${workedOn(req)}`)
  return rows.length > 0
}

export async function deleteUntouchedTasks(req: PayloadRequest, project: Id, datasets: Id[]): Promise<void> {
  if (datasets.length === 0) return
  const tasks = sqlTable(req, 'tasks')
  const events = sqlTable(req, 'taskEvents')
  const items = sqlTable(req, 'dataItems')
  const references = sqlTable(req, 'referenceLabels')
  const db = await sessionDb(req)
  // their only journal rows are `created`: the tasks never happened as far as anyone's work is concerned
  await db.execute(sql`
    with doomed as (
      select ${tasks.id} as "id" from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
       where ${tasks.project} = ${project} and ${items.dataset} = any(${idArray(req, datasets)})),
    gone_events as (delete from ${events} where ${events.task} in (select "id" from doomed)),
    gone_references as (delete from ${references} where ${references.task} in (select "id" from doomed))
    delete from ${tasks} where ${tasks.id} in (select "id" from doomed)`)
}

/** The `created` row of a task that was never worked (and its imported reference labels), removed with the task itself. */
export async function deleteTaskJournal(req: PayloadRequest, task: Id): Promise<void> {
  const events = sqlTable(req, 'taskEvents')
  const references = sqlTable(req, 'referenceLabels')
  const db = await sessionDb(req)
  await db.execute(sql`delete from ${references} where ${references.task} = ${task}`)
  await db.execute(sql`delete from ${events} where ${events.task} = ${task}`)
}
