import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { getOptions } from '../context.ts'
import { sessionDb } from '../db/session.ts'
import { columnName, sqlTable } from '../db/tables.ts'
import { taskAgreement } from '../quality/agreement.ts'
import { labelSetOf, type OntologyShapes } from '../quality/labelSets.ts'
import { roundAuthorsOf } from '../sql/queue/claimConsensus.ts'
import { systemAccess } from '../system.ts'
import type { Id } from '../types.ts'
import { cachedOntology } from './ontologyCache.ts'

export type ConsensusAgreement = {
  round: number
  /** the mean pairwise agreement of the round's branches (src/quality/agreement.ts) */
  score: number | null
  /** the branches' annotators, in the order they submitted: the matrix's rows and columns */
  annotators: string[]
  matrix: number[][]
  /** the annotator of the best-agreeing branch */
  best: string | null
}

/**
 * When a consensus round's last branch is submitted, in the same transaction: the round's labels compared
 * (src/quality), and the score, the annotator × annotator matrix and the best-agreeing branch stored on the task.
 */
export async function scoreConsensusRound(
  req: PayloadRequest,
  { task, round, ontology }: { task: Id; round: number; ontology: Id | null | undefined },
): Promise<ConsensusAgreement> {
  const { slugs } = getOptions(req.payload)
  const annotators = await roundAuthorsOf(req, task, round)
  const [labels, shapes] = await Promise.all([
    req.payload.find({
      collection: slugs.labels,
      where: { and: [{ task: { equals: task } }, { author: { in: annotators } }] },
      depth: 0,
      pagination: false,
      select: { author: true, objects: true, classifications: true },
      ...systemAccess(req),
    }),
    ontology ? cachedOntology(req, ontology) : Promise.resolve(null),
  ])
  const byAuthor = new Map(labels.docs.map((label) => [String((label as { author: Id }).author), label]))
  const result = taskAgreement(annotators.map((author) => labelSetOf(byAuthor.get(String(author)) as never, shapes as OntologyShapes)))
  const agreement: ConsensusAgreement = {
    round,
    score: result.score,
    annotators: annotators.map(String),
    matrix: result.matrix,
    best: result.best === null ? null : String(annotators[result.best]),
  }
  const tasks = sqlTable(req, 'tasks')
  const db = await sessionDb(req)
  await db.execute(
    sql`update ${tasks} set ${columnName(tasks.consensusAgreement)} = ${JSON.stringify(agreement)}::jsonb where ${tasks.id} = ${task}`,
  )
  return agreement
}
