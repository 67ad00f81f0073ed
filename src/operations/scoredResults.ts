import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireUser } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { benchmarkVerdict } from '../domain/projects/benchmark.ts'
import { canInProject } from '../domain/projects/capabilities.ts'
import { isScoredKind } from '../domain/projects/kinds.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { ConflictError, ForbiddenChangeError } from '../errors.ts'
import { benchmarkOf, openGoldTasks, scoredStandings, scoresByDay } from '../sql/quality/scoredRows.ts'
import { together } from '../db/together.ts'
import { parseInput } from './input.ts'
import { loadProjectContext } from './projectContext.ts'

export const scoredResultsSchema = z
  .object({ project: documentIdSchema, days: z.coerce.number().int().min(1).max(366).default(90) })
  .strict()

/**
 * GET /api/projects/:id/scores: each annotator's standing in a benchmark or training project — tasks scored of
 * those there are, mean score against gold, passed (benchmarks) — or, in a project serving honeypots, their
 * honeypots scored and whether they are paused; and their mean score per day. Read with the
 * project's analytics right: Annotators get their own row, those who run the project everyone's.
 */
export async function scoredResults({ req, input }: { req: PayloadRequest; input: unknown }) {
  requireUser(req, 'see scores')
  const { project: projectId, days } = parseInput(scoredResultsSchema, input)
  const { actor, project, projectActor } = await loadProjectContext(req, projectId)
  assertCan(projectActor, 'project.analytics.read')
  const honeypots = !isScoredKind(project.kind) && project.honeypots.enabled
  if (!isScoredKind(project.kind) && !honeypots)
    throw new ConflictError(
      `project: scores are kept in benchmark and training projects, and for honeypots; this one is ${project.kind} without honeypots`,
    )
  const team = canInProject(projectActor, 'project.analytics.read', 'team')
  // honeypots are scored silently: their results are for those who run the project
  if (honeypots && !team) throw new ForbiddenChangeError('project', 'honeypot results are for the Team Managers and Admins of the project')
  const who = team ? undefined : actor.userId
  const [standings, series, open, settings] = await together(req, [
    () => scoredStandings(req, project.id, who),
    () => scoresByDay(req, project.id, days, who),
    () => openGoldTasks(req, project.id),
    () => benchmarkOf(req, project.id),
  ] as const)
  const passScore = settings?.passScore ?? 0.8
  const pausedFor = (annotator: unknown) => project.paused.find((entry) => String(entry.user) === String(annotator))
  return {
    project: { id: project.id, kind: project.kind, passScore, ...(honeypots ? { honeypots: project.honeypots } : {}) },
    goldTasks: open,
    annotators: standings.map((row) => ({
      ...row,
      ...(project.kind === 'benchmark' ? { passed: benchmarkVerdict(row, passScore).passed } : {}),
      // honeypots: whether the annotator is paused, and why
      ...(honeypots ? { paused: pausedFor(row.annotator)?.reason ?? (pausedFor(row.annotator) ? '' : null) } : {}),
    })),
    byDay: series,
  }
}
