import type { PayloadRequest } from 'payload'

import { ForbiddenChangeError } from '../errors.ts'
import { benchmarkVerdict } from '../domain/projects/benchmark.ts'
import { isScoredKind } from '../domain/projects/kinds.ts'
import { canInProject, type ProjectActor } from '../domain/projects/capabilities.ts'
import { goldScore, type GoldScore } from '../quality/goldScore.ts'
import { labelSetOf } from '../quality/labelSets.ts'
import {
  benchmarkOf,
  goldLabelOf,
  hasGold,
  openGoldTasks,
  pauseAnnotator,
  recentScores,
  scoredStandings,
  storeBranchScore,
} from '../sql/quality/scoredRows.ts'
import { type HoneypotSettings, pauseVerdict } from '../domain/projects/honeypots.ts'
import { recordAudit } from './auditTrail.ts'
import { getOptions } from '../context.ts'
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

/**
 * After a honeypot is scored: the annotator's accuracy over their last honeypots; below the project's mark they are
 * paused from it (a row of the project's paused annotators, with the reason, and an entry in the audit trail) until
 * someone who runs the project removes the row.
 */
export async function pauseIfInaccurate(
  req: PayloadRequest,
  project: { id: Id; workspace: Id; honeypots: HoneypotSettings },
  user: Id,
): Promise<void> {
  const verdict = pauseVerdict(await recentScores(req, project.id, user, project.honeypots.window), project.honeypots)
  if (!verdict.pause || !(await pauseAnnotator(req, project.id, user, verdict.reason))) return
  await recordAudit(req, {
    workspace: project.workspace,
    resource: getOptions(req.payload).slugs.projects,
    documentId: project.id,
    action: 'update',
    summary: `User ${user} paused from project ${project.id} automatically: ${verdict.reason}`,
    diff: { before: { pausedAnnotators: [] }, after: { pausedAnnotators: [{ user, reason: verdict.reason }] } },
  })
}

/**
 * Whether a task is a honeypot: a gold task, in an annotate stage, of a standard project that serves honeypots,
 * that nobody holds as an ordinary lease — held in slots then (src/domain/queue/slots.ts). Asks the database only
 * when the project serves them.
 */
export async function isHoneypotTask(
  req: PayloadRequest,
  project: { kind?: string | null; honeypots: HoneypotSettings },
  stage: { type: string } | undefined,
  task: { id: Id; leaseHolder: Id | null },
): Promise<boolean> {
  if (!project.honeypots.enabled || isScoredKind(project.kind) || stage?.type !== 'annotate') return false
  // taken as an ordinary task (before honeypots were on, or before its gold came): worked as one to the end
  if (task.leaseHolder !== null) return false
  return hasGold(req, task.id)
}
