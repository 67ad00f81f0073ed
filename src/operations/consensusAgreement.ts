import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { sessionDb } from '../db/session.ts'
import { together } from '../db/together.ts'
import { columnName, sqlTable } from '../db/tables.ts'
import { meanAgreement, taskAgreement } from '../quality/agreement.ts'
import { labelSetOf, type OntologyShapes } from '../quality/labelSets.ts'
import type { Branch } from '../quality/resolution.ts'
import { roundBranchesOf, type SubmittedBranch } from '../sql/queue/claimConsensus.ts'
import { ANNOTATOR_KEY } from '../domain/workflow/transition.ts'
import type { Id } from '../types.ts'
import { cachedOntology } from './ontologyCache.ts'

export type ConsensusResolution = {
  /** auto: the server took the best-agreeing branch (the round agreed enough, or no review stage follows) */
  mode: 'auto' | 'branch' | 'picks' | 'majority'
  /** the reviewer who resolved it; null when the server did */
  by: string | null
  at: string
  /** whose label document holds the resolved label: the task's annotation from here on (`$annotator`) */
  carrier: string
}

export type ConsensusAgreement = {
  round: number
  /** the mean pairwise agreement of the round's branches (src/quality/agreement.ts) */
  score: number | null
  /** the branches' annotators, in the order they submitted: the matrix's rows and columns */
  annotators: string[]
  matrix: number[][]
  /** the annotator of the best-agreeing branch */
  best: string | null
  /** how the round became one label; null until a reviewer resolves it */
  resolution: ConsensusResolution | null
}

/** Whether a task's last consensus round still waits for a person to resolve it (approval waits with it). */
export const awaitsResolution = (agreement: unknown): boolean =>
  agreement !== null && agreement !== undefined && !(agreement as Partial<ConsensusAgreement>).resolution

/** The round's branches as the resolution reads them, best-agreeing first (ties: in submission order). */
export function rankedBranches(agreement: ConsensusAgreement, branches: SubmittedBranch[]): Branch[] {
  const byAnnotator = new Map(branches.map((branch) => [String(branch.annotator), branch]))
  return agreement.annotators
    .map((annotator, index) => ({ annotator, index, score: meanAgreement(agreement.matrix, index) ?? 1 }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .flatMap(({ annotator }) => {
      const branch = byAnnotator.get(annotator)
      return branch
        ? [
            {
              annotator,
              objects: branch.objects as Branch['objects'],
              classifications: branch.classifications as Branch['classifications'],
            },
          ]
        : []
    })
}

/**
 * When a consensus round's last branch is submitted, in the same transaction: the round's branches compared
 * (src/quality), and the score, the annotator × annotator matrix and the best-agreeing branch stored on the task.
 * The server resolves the round itself — the best-agreeing branch becomes the task's annotation — when it
 * agrees at least the stage's `autoAcceptAt`, or when no review stage follows to resolve it.
 */
export async function scoreConsensusRound(
  req: PayloadRequest,
  {
    task,
    round,
    ontology,
    autoAcceptAt,
    reviewed,
  }: { task: Id; round: number; ontology: Id | null | undefined; autoAcceptAt: number | undefined; reviewed: boolean },
): Promise<ConsensusAgreement> {
  // inside the submit's transaction: one statement after the other on its connection
  const [branches, shapes] = await together(req, [
    () => roundBranchesOf(req, task, round),
    () => (ontology ? cachedOntology(req, ontology) : Promise.resolve(null)),
  ] as const)
  const result = taskAgreement(branches.map((branch) => labelSetOf(branch, shapes as OntologyShapes)))
  const best = result.best === null ? (branches[0] ?? null) : branches[result.best]!
  const automatic = best !== null && (!reviewed || (autoAcceptAt !== undefined && result.score !== null && result.score >= autoAcceptAt))
  const agreement: ConsensusAgreement = {
    round,
    score: result.score,
    annotators: branches.map((branch) => String(branch.annotator)),
    matrix: result.matrix,
    best: result.best === null ? null : String(branches[result.best]!.annotator),
    resolution: automatic ? { mode: 'auto', by: null, at: new Date().toISOString(), carrier: String(best.annotator) } : null,
  }
  await storeAgreement(req, task, agreement, automatic ? best.annotator : undefined)
  return agreement
}

/**
 * Stores a round's agreement on the task and — once resolved — makes the carrier the task's annotator (whose
 * label the review reads and a rejection returns to). `bumpVersion` for a change of its own (a person's
 * resolution), not for one riding on the action that wrote the task already.
 */
export async function storeAgreement(
  req: PayloadRequest,
  task: Id,
  agreement: ConsensusAgreement,
  carrier: Id | undefined,
  { bumpVersion = false, expectedVersion }: { bumpVersion?: boolean; expectedVersion?: number } = {},
): Promise<number | undefined> {
  const tasks = sqlTable(req, 'tasks')
  const db = await sessionDb(req)
  const sets = [sql`${columnName(tasks.consensusAgreement)} = ${JSON.stringify(agreement)}::jsonb`]
  if (carrier !== undefined)
    sets.push(
      sql`${columnName(tasks.lastActorByStage)} = coalesce(${tasks.lastActorByStage}, '{}'::jsonb) || jsonb_build_object(${ANNOTATOR_KEY}::text, ${JSON.stringify(carrier)}::jsonb)`,
    )
  if (bumpVersion) sets.push(sql`${columnName(tasks.version)} = ${tasks.version} + 1`, sql`${columnName(tasks.updatedAt)} = now()`)
  const guard = expectedVersion === undefined ? sql`` : sql` and ${tasks.version} = ${expectedVersion}`
  const { rows } = await db.execute<{ version: string }>(
    sql`update ${tasks} set ${sql.join(sets, sql`, `)} where ${tasks.id} = ${task}${guard} returning ${tasks.version} as "version"`,
  )
  return rows[0] ? Number(rows[0].version) : undefined
}
