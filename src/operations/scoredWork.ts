import type { PayloadRequest } from 'payload'

import { ForbiddenChangeError } from '../errors.ts'
import { benchmarkVerdict } from '../domain/projects/benchmark.ts'
import { canInProject, type ProjectActor } from '../domain/projects/capabilities.ts'
import { goldScore, type GoldScore } from '../quality/goldScore.ts'
import { labelSetOf } from '../quality/labelSets.ts'
import { benchmarkOf, goldLabelOf, openGoldTasks, scoredStandings, storeBranchScore } from '../sql/quality/scoredRows.ts'
import type { Id } from '../types.ts'
import { labelOf } from './labels.ts'
import { ontologyOf } from './ontologyCache.ts'

/**
 * A project that requires a benchmark serves its tasks only to people who passed it (those who run the project
 * excepted): 403 naming the benchmark and what is missing.
 */
export async function assertBenchmarkPassed(
  req: PayloadRequest,
  benchmark: Id | null,
  user: Id,
  projectActor: ProjectActor,
): Promise<void> {
  if (benchmark === null || canInProject(projectActor, 'project.claim', 'team')) return
  const project = await benchmarkOf(req, benchmark)
  if (!project) return
  const [mine] = await scoredStandings(req, benchmark, user)
  const standing = mine ?? { scored: 0, required: await openGoldTasks(req, benchmark), mean: null }
  const verdict = benchmarkVerdict(standing, project.passScore)
  if (!verdict.passed)
    throw new ForbiddenChangeError(
      'benchmark',
      `pass the benchmark project "${project.name}" (project ${project.id}) before you are served tasks here: ${verdict.reason}`,
    )
}

export type ScoringSettings = {
  iouThreshold?: number | null
  classWeights?: Array<{ featureId?: string | null; weight?: number | null }> | null
}

/**
 * Scores the caller's branch just submitted in a benchmark or training project against the task's gold label,
 * stores the score on the branch, and answers it (with what matched and what did not) — in the caller's
 * transaction.
 */
export async function scoreSubmission(
  req: PayloadRequest,
  {
    task,
    user,
    ontology,
    scoring,
  }: { task: { id: Id; round: number }; user: Id; ontology: Id | null | undefined; scoring: ScoringSettings | null | undefined },
): Promise<{ score: number; attempts: number; detail: GoldScore } | null> {
  const gold = await goldLabelOf(req, task.id)
  if (!gold) return null
  const shapes = await ontologyOf(req, ontology ?? null)
  const label = await labelOf(req, task.id, user)
  const weights = Object.fromEntries(
    (scoring?.classWeights ?? []).flatMap((row) => (row.featureId && row.weight != null ? [[row.featureId, row.weight]] : [])),
  )
  const detail = goldScore(labelSetOf(label, shapes), labelSetOf(gold, shapes), {
    threshold: scoring?.iouThreshold ?? 0.5,
    classWeights: weights,
  })
  const { attempts } = await storeBranchScore(req, task, user, detail.score, detail)
  return { score: detail.score, attempts, detail }
}
