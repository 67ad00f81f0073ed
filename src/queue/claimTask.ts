import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { collectionTable, sessionDb } from '../db/session.ts'
import type { Id } from '../types.ts'

export type ClaimedRow = { id: Id; dataItem: Id; stage: string; status: string; version: number; priority: number; tookOverExpired: boolean }

const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`

/**
 * The claim, as ONE statement: the caller's next task in the project — reserved for them first, then highest
 * priority, then oldest — among stages they may work, not skipped by them, not reserved for someone else, and
 * not under a live lease; `FOR UPDATE SKIP LOCKED` lets concurrent claimers pass each other instead of
 * colliding. An expired lease counts as free. The row gets the caller's lease.
 */
export async function claimNextTaskRow(req: PayloadRequest, args: {
  project: Id; user: Id; stages: string[]; reviewStages: string[]; leaseMinutes: number; allowSelfReview: boolean
}): Promise<ClaimedRow | undefined> {
  if (args.stages.length === 0) return undefined
  const tasks = collectionTable(req, getOptions(req.payload).slugs.tasks)
  const db = await sessionDb(req)
  const userJson = JSON.stringify(args.user)
  const { rows } = await db.execute<ClaimedRow>(sql`
    with candidate as (
      select ${tasks.id} as "id", (${tasks.leaseHolder} is not null) as "tookOverExpired" from ${tasks}
       where ${tasks.project} = ${args.project}
         and ${tasks.status} <> 'completed'
         and ${tasks.stage} = any(${textArray(args.stages)})
         and (${tasks.assignee} is null or ${tasks.assignee} = ${args.user})
         and (${tasks.leaseHolder} is null or ${tasks.leaseExpiresAt} < now())
         and not (coalesce(${tasks.skippedBy}, '[]'::jsonb) @> ${`[${userJson}]`}::jsonb)
         and (${args.allowSelfReview} or not (${tasks.stage} = any(${textArray(args.reviewStages)})
              and coalesce(${tasks.lastActorByStage}->>'$annotator', '') = ${String(args.user)}))
       order by (${tasks.assignee} is not null) desc, ${tasks.priority} desc, ${tasks.id} asc
       limit 1
       for update skip locked
    )
    update ${tasks} set
      ${sql.raw(`"${tasks.leaseHolder.name}"`)} = ${args.user},
      ${sql.raw(`"${tasks.leaseExpiresAt.name}"`)} = now() + make_interval(mins => ${args.leaseMinutes}),
      ${sql.raw(`"${tasks.version.name}"`)} = ${tasks.version} + 1,
      ${sql.raw(`"${tasks.updatedAt.name}"`)} = now()
      from candidate where ${tasks.id} = candidate."id"
    returning ${tasks.id} as "id", ${tasks.dataItem} as "dataItem", ${tasks.stage} as "stage", ${tasks.status}::text as "status",
              ${tasks.version} as "version", ${tasks.priority} as "priority", candidate."tookOverExpired" as "tookOverExpired"`)
  const row = rows[0]
  return row && { ...row, version: Number(row.version), priority: Number(row.priority) }
}

/**
 * Serialises one person's claims in one project (until the transaction ends): two claims sent at once by the
 * same person must end with one lease, not two. An advisory lock, so it holds across processes.
 */
export async function lockClaimsOf(req: PayloadRequest, project: Id, user: Id): Promise<void> {
  const db = await sessionDb(req)
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`labelops-claim:${project}:${user}`}, 0))`)
}

/** The task the user already holds a live lease on in this project, if any: a second claim gets it back. */
export async function heldTaskRow(req: PayloadRequest, project: Id, user: Id): Promise<ClaimedRow | undefined> {
  const tasks = collectionTable(req, getOptions(req.payload).slugs.tasks)
  const db = await sessionDb(req)
  const { rows } = await db.execute<ClaimedRow>(sql`
    select ${tasks.id} as "id", ${tasks.dataItem} as "dataItem", ${tasks.stage} as "stage", ${tasks.status}::text as "status",
           ${tasks.version} as "version", ${tasks.priority} as "priority", false as "tookOverExpired"
      from ${tasks} where ${tasks.project} = ${project} and ${tasks.leaseHolder} = ${user} and ${tasks.leaseExpiresAt} > now()
       and ${tasks.status} <> 'completed' order by ${tasks.id} limit 1`)
  const row = rows[0]
  return row && { ...row, version: Number(row.version), priority: Number(row.priority) }
}
