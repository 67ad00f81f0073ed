import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import type { PgColumn, PgTable } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config, PayloadRequest } from 'payload'

import { DURATION_FIELDS } from '../domain/analytics/durations.ts'
import { EVENT_SUMS } from '../domain/analytics/eventSums.ts'
import { getOptions } from '../context.ts'
import type { SlugMap } from '../options.ts'
import { type SchemaHook, withSchemaHook } from './schemaHooks.ts'

/** `own`: a table LabelOps adds beside the collection's (`<table>_<own>`, in afterSchemaInit, after the start-up check) */
type Part = 'rels' | 'texts' | { array: string } | { own: string }

/** The journal's pending events' table: `<journal table>_pending` (src/sql/analytics/rollupPending.ts). */
export const PENDING_EVENTS_PART = 'pending'
type Spec = {
  /** the collection whose table (or relationship, hasMany-text or array table) it is */
  collection: keyof SlugMap
  part?: Part
  /** drizzle property names (a field's name; `group_field` inside a group) that raw SQL uses */
  columns: readonly string[]
  /** columns that exist only with some host configs (the media relation without a media collection) */
  optional?: readonly string[]
  /** relationship-table columns named after the related collection's slug: `<slug>ID` */
  relations?: Readonly<Record<string, keyof SlugMap>>
  /** columns LabelOps adds itself in afterSchemaInit (after the start-up check, and beyond a host's reach) */
  added?: readonly string[]
}

/**
 * Every table LabelOps' raw SQL reaches, and the columns it uses there: the one list that types the SQL
 * (`sqlTable(req, 'tasks').priority`) and that start-up checks against the adapter's schema.
 */
const SQL_TABLES = {
  tasks: {
    collection: 'tasks',
    columns: [
      'id',
      'workspace',
      'project',
      'dataItem',
      'title',
      'stage',
      'status',
      'priority',
      'assignee',
      'leaseHolder',
      'leaseExpiresAt',
      'version',
      'skippedBy',
      'lastActorByStage',
      'round',
      'consensusSubmissions',
      'consensusAgreement',
      'rejectionNote',
      'updatedAt',
      'createdAt',
    ],
  },
  taskEvents: {
    collection: 'taskEvents',
    columns: [
      'id',
      'workspace',
      'project',
      'task',
      'actor',
      'holder',
      'type',
      'fromStage',
      'toStage',
      'fromStatus',
      'toStatus',
      'timeSpentMs',
      'note',
      'subject',
      ...EVENT_SUMS,
      'updatedAt',
      'createdAt',
    ],
    added: ['seq'], // src/sql/journal/journalOrder.ts
  },
  // the events not yet in the rollups (src/sql/analytics/rollupPending.ts)
  taskEventsPending: { collection: 'taskEvents', part: { own: PENDING_EVENTS_PART }, columns: ['event'] },
  taskRollups: {
    collection: 'taskRollups',
    columns: [
      'workspace',
      'project',
      'grain',
      'actor',
      'actorKey',
      'subject',
      'subjectKey',
      'stage',
      'type',
      'hour',
      'events',
      'timedEvents',
      'timeMs',
      ...EVENT_SUMS,
      ...DURATION_FIELDS,
    ],
  },
  consensusBranches: {
    collection: 'consensusBranches',
    columns: [
      'id',
      'workspace',
      'project',
      'task',
      'stage',
      'round',
      'annotator',
      'leaseExpiresAt',
      'submittedAt',
      'objects',
      'classifications',
      'score',
      'scoreDetail',
      'attempts',
      'updatedAt',
      'createdAt',
    ],
  },
  dataItems: {
    collection: 'dataItems',
    columns: [
      'id',
      'workspace',
      'dataset',
      'name',
      'type',
      'source_kind',
      'source_url',
      'source_text',
      'metadata',
      'width',
      'height',
      'frames',
      'externalId',
      'updatedAt',
      'createdAt',
    ],
    optional: ['source_media'],
  },
  labels: {
    collection: 'labels',
    columns: [
      'id',
      'workspace',
      'project',
      'task',
      'ontology',
      'author',
      'status',
      'objects',
      'classifications',
      'submittedAt',
      'reviewRound',
      'review',
      'reviewedSnapshot',
      'updatedAt',
      'createdAt',
    ],
  },
  labelTexts: { collection: 'labels', part: 'texts', columns: ['parent', 'path', 'text', 'order'] },
  ontologies: { collection: 'ontologies', columns: ['id', 'updatedAt'] },
  projects: {
    collection: 'projects',
    columns: [
      'id',
      'name',
      'workspace',
      'status',
      'workflow',
      'ontology',
      'settings_leaseMinutes',
      'settings_allowSelfReview',
      'settings_skipPolicy',
      'kind',
      'requiresBenchmark',
      'scoring_passScore',
      'honeypots_enabled',
      'honeypots_firstTasks',
      'honeypots_rate',
      'honeypots_window',
      'honeypots_pauseBelow',
    ],
  },
  projectRels: { collection: 'projects', part: 'rels', columns: ['parent', 'path'], relations: { datasetsID: 'datasets' } },
  projectPausedAnnotators: {
    collection: 'projects',
    part: { array: 'pausedAnnotators' },
    columns: ['_parentID', '_order', 'id', 'user', 'reason', 'pausedAt', 'lifted'],
  },
  projectCollaborators: { collection: 'projects', part: { array: 'collaborators' }, columns: ['_parentID', 'user', 'group', 'role'] },
  workspaces: { collection: 'workspaces', columns: ['id', 'name'] },
  workspaceMembers: { collection: 'workspaceMembers', columns: ['workspace', 'user', 'role', 'title'] },
  userGroups: { collection: 'userGroups', columns: ['id', 'workspace'] },
  userGroupRels: { collection: 'userGroups', part: 'rels', columns: ['parent', 'path'], relations: { usersID: 'users' } },
  users: { collection: 'users', columns: ['id', 'email'] },
  invitations: { collection: 'invitations', columns: ['id', 'workspace', 'email', 'role', 'status', 'expiresAt', 'tokenHash'] },
  idempotencyKeys: {
    collection: 'idempotencyKeys',
    columns: ['id', 'key', 'user', 'fingerprint', 'status', 'response', 'updatedAt', 'createdAt'],
  },
  issues: {
    collection: 'issues',
    columns: ['id', 'task', 'status', 'workspace', 'project', 'assignee', 'raisedBy', 'title', 'updatedAt', 'createdAt'],
  },
  issueHistory: { collection: 'issues', part: { array: 'history' }, columns: ['_parentID', 'status', 'at'] },
  webhookSubscriptions: {
    collection: 'webhookSubscriptions',
    columns: ['id', 'workspace', 'project', 'url', 'secret', 'enabled', 'disabledReason', 'updatedAt'],
  },
  webhookSubscriptionEvents: { collection: 'webhookSubscriptions', part: { array: 'events' }, columns: ['parent', 'value'] },
  referenceLabels: {
    collection: 'referenceLabels',
    columns: ['id', 'workspace', 'project', 'task', 'kind', 'objects', 'classifications', 'source', 'importedBy', 'updatedAt', 'createdAt'],
  },
  webhookDeliveries: {
    collection: 'webhookDeliveries',
    columns: [
      'id',
      'workspace',
      'project',
      'subscription',
      'event',
      'messageId',
      'payload',
      'status',
      'attempts',
      'nextAttemptAt',
      'lastStatus',
      'lastError',
      'responseMs',
      'deliveredAt',
      'claimToken',
      'updatedAt',
      'createdAt',
    ],
  },
} as const satisfies Record<string, Spec>

export type SqlTableKey = keyof typeof SQL_TABLES
type ColumnsOf<K extends SqlTableKey> = (typeof SQL_TABLES)[K]['columns'][number]
type OptionalOf<K extends SqlTableKey> = (typeof SQL_TABLES)[K] extends { optional: readonly (infer C extends string)[] } ? C : never
type RelationsOf<K extends SqlTableKey> = (typeof SQL_TABLES)[K] extends { relations: infer R } ? keyof R & string : never
type AddedOf<K extends SqlTableKey> = (typeof SQL_TABLES)[K] extends { added: readonly (infer C extends string)[] } ? C : never

/** A table as raw SQL sees it: interpolates as the table, and has exactly the columns listed in SQL_TABLES. */
export type SqlTable<K extends SqlTableKey> = PgTable & { readonly [C in ColumnsOf<K> | RelationsOf<K> | AddedOf<K>]: PgColumn } & {
  readonly [C in OptionalOf<K>]?: PgColumn
}

type Schema = { tables: Record<string, unknown>; tableNameMap: Map<string, string>; relationshipsSuffix?: string }

const toSnake = (name: string) =>
  name
    .replace(/-/g, '_')
    .replace(/([A-Z])/g, '_$1')
    .toLowerCase()

/** The adapter's table for a spec, or a sentence saying which is missing. */
function resolve(schema: Schema, slugs: SlugMap, key: SqlTableKey): { table: Record<string, unknown>; name: string } | { problem: string } {
  const spec: Spec = SQL_TABLES[key]
  const slug = slugs[spec.collection]
  const base = slug.replace(/-/g, '_')
  const part = spec.part
  const name =
    typeof part === 'object' && 'array' in part ? schema.tableNameMap.get(`${base}_${toSnake(part.array)}`) : schema.tableNameMap.get(base)
  const tableName =
    name &&
    (part === 'rels'
      ? `${name}${schema.relationshipsSuffix ?? '_rels'}`
      : part === 'texts'
        ? `${name}_texts`
        : typeof part === 'object' && 'own' in part
          ? `${name}_${part.own}`
          : name)
  const table = tableName ? (schema.tables[tableName] as Record<string, unknown> | undefined) : undefined
  if (!table) {
    const what =
      typeof part === 'object'
        ? 'array' in part
          ? `the array field "${part.array}" of `
          : `LabelOps' own table "${part.own}" beside `
        : part === 'rels'
          ? 'the relationships of '
          : part === 'texts'
            ? 'the hasMany text fields of '
            : ''
    return { problem: `LabelOps cannot start: there is no table for ${what}collection "${slug}", which LabelOps' SQL uses.` }
  }
  return { table, name: tableName! }
}

/** Where each logical column lives in the drizzle table (relationship columns follow the related slug). */
function columnProperties(spec: Spec, slugs: SlugMap): Array<[logical: string, property: string, unchecked: boolean]> {
  return [
    ...spec.columns.map((column): [string, string, boolean] => [column, column, false]),
    ...(spec.added ?? []).map((column): [string, string, boolean] => [column, column, true]),
    ...(spec.optional ?? []).map((column): [string, string, boolean] => [column, column, true]),
    ...Object.entries(spec.relations ?? {}).map(([logical, collection]): [string, string, boolean] => [
      logical,
      `${slugs[collection]}ID`,
      false,
    ]),
  ]
}

/**
 * The sentences naming every table and column LabelOps' SQL uses that the schema lacks (a host override that
 * removed or renamed a field): empty when all are there.
 */
export function missingSqlColumns(schema: Schema, slugs: SlugMap): string[] {
  const problems: string[] = []
  for (const key of Object.keys(SQL_TABLES) as SqlTableKey[]) {
    const part = (SQL_TABLES[key] as Spec).part
    if (typeof part === 'object' && 'own' in part) continue // added by LabelOps after this check, from the collection checked here
    const found = resolve(schema, slugs, key)
    if ('problem' in found) {
      problems.push(found.problem)
      continue
    }
    for (const [, property, unchecked] of columnProperties(SQL_TABLES[key], slugs)) {
      if (!unchecked && !found.table[property]) {
        problems.push(
          `LabelOps cannot start: table "${found.name}" has no column "${property}" (a field of collection "${slugs[SQL_TABLES[key].collection]}"), which LabelOps' SQL uses.`,
        )
      }
    }
  }
  return problems
}

const resolved = new WeakMap<object, Map<SqlTableKey, unknown>>()

/**
 * The typed table `key` of the adapter's schema: interpolate it as the table (`${tasks}`) and its columns as
 * columns (`${tasks.priority}`) in drizzle's `sql`. A column missing from SQL_TABLES is a compile error; one
 * missing from the schema failed start-up (checkSqlTables).
 */
export function sqlTable<K extends SqlTableKey>(req: Pick<PayloadRequest, 'payload'>, key: K): SqlTable<K> {
  const payload = req.payload
  const db = payload.db as unknown as Schema
  let cache = resolved.get(db)
  if (!cache) resolved.set(db, (cache = new Map()))
  let table = cache.get(key)
  if (!table) {
    const { slugs } = getOptions(payload)
    const found = resolve(db, slugs, key)
    if ('problem' in found) throw new Error(found.problem)
    // the drizzle table itself (so it still interpolates as one), with the logical columns as own properties
    const typed = Object.create(found.table) as Record<string, unknown>
    for (const [logical, property] of columnProperties(SQL_TABLES[key], slugs)) typed[logical] = found.table[property]
    cache.set(key, (table = typed))
  }
  return table as SqlTable<K>
}

/** A column's bare name, as an INSERT's column list, an UPDATE's SET or `excluded.` want it (`"lease_expires_at"`). */
export const columnName = (column: PgColumn): SQL => sql.raw(`"${column.name}"`)

/**
 * Checks at start-up, as soon as the adapter has built its schema (before dev push or a claim can run), that
 * every table and column in SQL_TABLES exists: a missing one fails start-up with a sentence naming it.
 */
export function withSqlTableCheck(db: Config['db'], slugs: SlugMap): Config['db'] {
  const check: SchemaHook = ({ schema, adapter }) => {
    const [problem] = missingSqlColumns(
      { tables: schema.tables, tableNameMap: adapter.tableNameMap, relationshipsSuffix: adapter.relationshipsSuffix },
      slugs,
    )
    if (problem) throw new Error(problem)
    return schema
  }
  // first of the schema hooks: ours that build indexes on these columns run after it
  return withSchemaHook(db, check, { first: true })
}
