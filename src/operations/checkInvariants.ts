import type { PayloadRequest } from 'payload'

import { slotsOf } from '../domain/queue/slots.ts'
import { stageById } from '../domain/workflow/graph.ts'
import { taskViolations, type Violation } from '../domain/workflow/invariants.ts'
import { consensusRounds, journalsOf, orphanLabels, projectGraphs, rollupDrift, storedTasks } from '../sql/invariants/invariantRows.ts'

export type InvariantReport = { violations: Violation[]; checked: { projects: number; tasks: number } }

/**
 * Checks the stored data against the invariants LabelOps keeps (README "Invariants"): every task against its
 * workflow and its journal (src/domain/workflow/invariants.ts), consensus rounds against their stage's size,
 * labels against their tasks, and the analytics rollups against the raw journal. Reads only; run it on a quiet
 * database or accept that work in flight may show as a passing difference.
 */
export async function checkInvariants(req: PayloadRequest): Promise<InvariantReport> {
  const violations: Violation[] = []
  const projects = await projectGraphs(req)
  let tasks = 0
  for (const { id, graph, kind, honeypots } of projects) {
    const [stored, journals, rounds] = [await storedTasks(req, id), await journalsOf(req, id), await consensusRounds(req, id)]
    tasks += stored.length
    for (const task of stored)
      violations.push(...taskViolations({ ...task, honeypot: honeypots && task.gold }, graph, journals.get(String(task.id)) ?? [], kind))
    for (const round of rounds) {
      const stage = graph ? stageById(graph, round.stage) : undefined
      const size = slotsOf(stage, kind)
      if (round.people !== round.slots || (size !== null && round.slots > size))
        violations.push({
          rule: 'consensus-slots',
          subject: `task ${round.task}`,
          detail: `round ${round.round} of "${round.stage}" has ${round.slots} slots for ${round.people} people (the stage asks for ${size ?? '?'})`,
        })
    }
  }
  for (const label of await orphanLabels(req))
    violations.push({ rule: 'label-has-task', subject: `label ${label.id}`, detail: `its task ${label.task ?? '(none)'} does not exist` })
  for (const drift of await rollupDrift(req))
    violations.push({
      rule: 'rollups-match',
      subject: `rollup ${drift.key}`,
      detail: `the journal sums to ${drift.raw ?? 'nothing'}, the rollups to ${drift.rollup ?? 'nothing'} (events/time/label counts/held/timed)`,
    })
  return { violations, checked: { projects: projects.length, tasks } }
}
