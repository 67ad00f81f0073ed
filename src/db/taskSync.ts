import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import type { Id } from '../types.ts'
import { idArray } from './idArray.ts'
import { collectionTable, sessionDb } from './session.ts'

const column = (col: { name: string }) => sql.raw(`"${col.name}"`)

/**
 * Creates the missing tasks — one per (project, data item) of the project's attached datasets, at the
 * workflow's start stage — and journals each as `created`, in one statement inside the caller's transaction.
 * Existing tasks are left alone (unique (project, data item)), so it is safe to run again. Narrow it to a
 * project, or to items just imported into a dataset. Answers how many tasks it created.
 */
export async function createMissingTasks(req: PayloadRequest, scope: { project: Id } | { dataset: Id; items: Id[] }, actor: Id | null): Promise<number> {
  const { slugs } = getOptions(req.payload)
  const tasks = collectionTable(req, slugs.tasks)
  const events = collectionTable(req, slugs.taskEvents)
  const projects = collectionTable(req, slugs.projects)
  const projectRels = collectionTable(req, slugs.projects, { rels: true })
  const items = collectionTable(req, slugs.dataItems)
  const where: SQL = 'project' in scope
    ? sql`${projects.id} = ${scope.project}`
    : sql`${projectRels.datasetsID} = ${scope.dataset} and ${items.id} = any(${idArray(req, scope.items)})`
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ created: string }>(sql`
    with inserted as (
      insert into ${tasks} (${column(tasks.workspace)}, ${column(tasks.project)}, ${column(tasks.dataItem)}, ${column(tasks.stage)}, ${column(tasks.status)},
                            ${column(tasks.priority)}, ${column(tasks.version)}, ${column(tasks.skippedBy)}, ${column(tasks.lastActorByStage)},
                            ${column(tasks.consensusSubmissions)}, ${column(tasks.updatedAt)}, ${column(tasks.createdAt)})
      select ${projects.workspace}, ${projects.id}, ${items.id},
             coalesce(${projects.workflow}->>'start', ${projects.workflow}->'stages'->0->>'id'), 'new', 50, 1, '[]'::jsonb, '{}'::jsonb, 0, now(), now()
        from ${projects}
        join ${projectRels} on ${projectRels.parent} = ${projects.id} and ${projectRels.path} = 'datasets'
        join ${items} on ${items.dataset} = ${projectRels.datasetsID}
       where ${projects.workflow} is not null and ${where}
      on conflict (${column(tasks.project)}, ${column(tasks.dataItem)}) do nothing
      returning ${column(tasks.id)} as "id", ${column(tasks.workspace)} as "workspace", ${column(tasks.project)} as "project", ${column(tasks.stage)} as "stage"
    ), journaled as (
      insert into ${events} (${column(events.workspace)}, ${column(events.project)}, ${column(events.task)}, ${column(events.actor)}, ${column(events.type)},
                             ${column(events.toStage)}, ${column(events.toStatus)}, ${column(events.updatedAt)}, ${column(events.createdAt)})
      select "workspace", "project", "id", ${actor}, 'created', "stage", 'new', now(), now() from inserted
      returning 1
    )
    select count(*) as "created" from journaled`)
  return Number(rows[0]?.created ?? 0)
}

/**
 * For datasets being detached from a project: how many of their tasks are under way (worked, claimed, with
 * issues, or no longer New at the start stage), and removes the untouched ones when none are.
 */
export async function tasksUnderWay(req: PayloadRequest, project: Id, datasets: Id[]): Promise<number> {
  if (datasets.length === 0) return 0
  const { slugs } = getOptions(req.payload)
  const tasks = collectionTable(req, slugs.tasks)
  const items = collectionTable(req, slugs.dataItems)
  const branches = collectionTable(req, slugs.consensusBranches)
  const issues = collectionTable(req, slugs.issues)
  const db = await sessionDb(req)
  const { rows } = await db.execute<{ count: string }>(sql`
    select count(*) as "count" from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
     where ${tasks.project} = ${project} and ${items.dataset} = any(${idArray(req, datasets)})
       and (${tasks.status} <> 'new' or ${tasks.version} > 1 or ${tasks.leaseHolder} is not null
            or exists (select 1 from ${branches} where ${branches.task} = ${tasks.id})
            or exists (select 1 from ${issues} where ${issues.task} = ${tasks.id}))`)
  return Number(rows[0]?.count ?? 0)
}

export async function deleteUntouchedTasks(req: PayloadRequest, project: Id, datasets: Id[]): Promise<void> {
  if (datasets.length === 0) return
  const { slugs } = getOptions(req.payload)
  const tasks = collectionTable(req, slugs.tasks)
  const events = collectionTable(req, slugs.taskEvents)
  const items = collectionTable(req, slugs.dataItems)
  const db = await sessionDb(req)
  // their only journal rows are `created`: the tasks never happened as far as anyone's work is concerned
  await db.execute(sql`
    with doomed as (
      select ${tasks.id} as "id" from ${tasks} join ${items} on ${items.id} = ${tasks.dataItem}
       where ${tasks.project} = ${project} and ${items.dataset} = any(${idArray(req, datasets)})),
    gone_events as (delete from ${events} where ${events.task} in (select "id" from doomed))
    delete from ${tasks} where ${tasks.id} in (select "id" from doomed)`)
}

/** The `created` row of a task that was never worked, removed with the task itself. */
export async function deleteTaskJournal(req: PayloadRequest, task: Id): Promise<void> {
  const events = collectionTable(req, getOptions(req.payload).slugs.taskEvents)
  const db = await sessionDb(req)
  await db.execute(sql`delete from ${events} where ${events.task} = ${task}`)
}
