import type { PayloadRequest } from 'payload'

import { InvalidTransitionError, LeaseError } from '../errors.ts'
import type { HoneypotSettings } from '../domain/projects/honeypots.ts'
import { branchProblem } from '../domain/queue/leaseRule.ts'
import { EVERYONE } from '../domain/queue/slots.ts'
import { branchOf, closeBranch, keepBranchContent } from '../sql/queue/claimConsensus.ts'
import { appendTaskEvents, type TaskRow } from '../sql/tasks/taskRows.ts'
import type { Id } from '../types.ts'
import { freezeLabelOnSubmit } from './labels.ts'
import { ACTION_EVENT } from '../domain/workflow/journal.ts'
import type { TaskActionAnswer } from './performTaskAction.ts'
import { pauseIfInaccurate, scoreSubmission, type ScoringSettings } from './scoredWork.ts'

/**
 * A worker's attempt on a task of a benchmark or training project, or on a honeypot: their own slot
 * (src/domain/queue/slots.ts) is the lease; a submit freezes their label, keeps it on their branch and scores it
 * against the gold label; the task does not move (everyone else still has it to do). A benchmark counts every task,
 * so it cannot be skipped; elsewhere a skip closes the slot unscored (not served to the person again). Only training answers with the score and what differed:
 * a benchmark screens, so its gold stays unseen, and a honeypot answers as any submit does. A honeypot's score may
 * pause its annotator from the project (src/domain/projects/honeypots.ts), on the project and in the audit trail.
 */
export async function scoredAttempt({
  req,
  task,
  project,
  action,
  userId,
  note,
  timeSpentMs,
}: {
  req: PayloadRequest
  task: TaskRow
  project: {
    id: Id
    scoredAs: 'benchmark' | 'training' | 'honeypot'
    ontology?: Id | null
    scoring?: ScoringSettings
    honeypots: HoneypotSettings
  }
  action: 'submit' | 'skip' | 'release'
  userId: Id
  note?: string
  timeSpentMs?: number
}): Promise<{ status: number; body: TaskActionAnswer }> {
  if (action === 'skip' && project.scoredAs === 'benchmark')
    throw new InvalidTransitionError(
      'action: every task of a benchmark counts, so none is skipped: submit your best label (or release it for now)',
    )
  const problem = branchProblem(await branchOf(req, task, userId), EVERYONE)
  if (problem) throw new LeaseError(problem)
  await closeBranch(req, task, userId, action === 'submit' ? 'submitted' : action === 'skip' ? 'passed' : 'given-up')
  const labelCounts = action === 'submit' ? await freezeLabelOnSubmit(req, task, project.ontology, userId) : {}
  let scored: Awaited<ReturnType<typeof scoreSubmission>> = null
  if (action === 'submit') {
    await keepBranchContent(req, task, userId)
    scored = await scoreSubmission(req, { task, user: userId, ontology: project.ontology, scoring: project.scoring })
    if (scored && project.scoredAs === 'honeypot') await pauseIfInaccurate(req, { ...project, workspace: task.workspace }, userId)
  }
  await appendTaskEvents(req, [
    {
      workspace: task.workspace,
      project: task.project,
      task: task.id,
      actor: userId,
      type: ACTION_EVENT[action],
      fromStage: task.stage,
      toStage: task.stage,
      fromStatus: task.status,
      toStatus: task.status,
      holder: userId,
      timeSpentMs: timeSpentMs ?? null,
      note: note ?? null,
      ...labelCounts,
    },
  ])
  return {
    status: 200,
    body: {
      id: task.id,
      project: task.project,
      stage: task.stage,
      status: task.status,
      version: task.version,
      priority: task.priority,
      assignee: task.assignee,
      ...(project.scoredAs === 'training' ? { score: scored } : {}),
    },
  }
}
