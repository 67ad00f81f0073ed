/**
 * The invariants a task keeps, checked against the data as stored (`npm run check:invariants`,
 * src/operations/checkInvariants.ts): a task rests on a stage of its project's workflow, never on a router; it is
 * completed exactly when it is at an end stage, where nobody holds it; and replaying its journal gives its stage,
 * status, lease holder and open consensus slots, and never gave a lease someone else still held. Pure.
 */
import { isEndStage, stageById, type WorkflowGraph } from './graph.ts'
import { doubleClaimsIn, type JournalEntry, replayTask } from './replay.ts'

type Id = number | string

export const INVARIANT_RULES = [
  'stage-exists',
  'not-on-router',
  'completed-at-end',
  'no-lease-at-end',
  'journal-replays',
  'single-holder',
  'label-has-task',
  'consensus-slots',
  'rollups-match',
] as const
export type InvariantRule = (typeof INVARIANT_RULES)[number]
export type Violation = { rule: InvariantRule; subject: string; detail: string }

/** A task as stored: its stage and status, its lease holder and the annotators of its open consensus slots. */
export type StoredTask = { id: Id; stage: string; status: string; holder: Id | null; slots: Id[]; honeypot?: boolean }

const sorted = (ids: Id[]) => ids.map(String).sort()

export function taskViolations(
  task: StoredTask,
  graph: WorkflowGraph | null | undefined,
  journal: JournalEntry[],
  kind?: string | null,
): Violation[] {
  const subject = `task ${task.id}`
  const violations: Violation[] = []
  const stage = graph ? stageById(graph, task.stage) : undefined
  if (!stage) violations.push({ rule: 'stage-exists', subject, detail: `stage "${task.stage}" is not in the project's workflow` })
  else {
    if (stage.type === 'router') violations.push({ rule: 'not-on-router', subject, detail: `rests on router "${stage.id}"` })
    const atEnd = isEndStage(stage)
    if (atEnd !== (task.status === 'completed'))
      violations.push({
        rule: 'completed-at-end',
        subject,
        detail: atEnd ? `at end stage "${stage.id}" but ${task.status}` : `completed, but at ${stage.type} stage "${stage.id}"`,
      })
    if (atEnd && task.holder !== null)
      violations.push({ rule: 'no-lease-at-end', subject, detail: `held by ${task.holder} at end stage "${stage.id}"` })
  }
  const replayed = replayTask(journal, graph ?? undefined, kind, task.honeypot)
  const expected = {
    stage: replayed.stage,
    status: replayed.status,
    holder: replayed.holder === null ? null : String(replayed.holder),
    slots: sorted(replayed.slots),
  }
  const actual = {
    stage: task.stage,
    status: task.status,
    holder: task.holder === null ? null : String(task.holder),
    slots: sorted(task.slots),
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual))
    violations.push({
      rule: 'journal-replays',
      subject,
      detail: `the journal says ${JSON.stringify(expected)}, the task is ${JSON.stringify(actual)}`,
    })
  const doubleClaims = doubleClaimsIn(journal, graph ?? undefined, kind, task.honeypot)
  if (doubleClaims > 0)
    violations.push({ rule: 'single-holder', subject, detail: `${doubleClaims} claims gave a lease someone else still held` })
  return violations
}
