import { slotsOf } from '../queue/slots.ts'
import { stageById, type WorkflowGraph } from './graph.ts'

type Id = number | string

/** A journal row as replay reads it (a task-events document, or the plain event `onTaskEvent` receives). */
export type JournalEntry = {
  type: string
  actor?: Id | null
  /** whose lease or consensus slot the row gave (`claimed`) or ended (any other type) */
  holder?: Id | null
  fromStage?: string | null
  toStage?: string | null
  fromStatus?: string | null
  toStatus?: string | null
}

/** What the journal says a task is: where, in which status, and who holds it (lease, or consensus slots). */
export type ReplayedTask = {
  stage: string | null
  status: string | null
  /** the lease holder (outside consensus stages); a lapsed lease stays held until someone takes it over */
  holder: Id | null
  /** who holds an unsubmitted consensus slot in the current round, in the order they claimed it */
  slots: Id[]
}

const same = (a: Id | null | undefined, b: Id | null | undefined) => a != null && b != null && String(a) === String(b)

/**
 * The state a task's journal describes, replayed from its events in the journal's order (`seq`). Pure. The rules the writers keep:
 * - every row carries the task's stage and status after it (`toStage`, `toStatus`);
 * - `claimed` gives `holder` the lease — or, in a stage held in slots (a consensus stage, a benchmark or training
 *   project's annotate stage: `kind`, a honeypot's: `honeypot`), one of the slots;
 * - any other row naming a `holder` ended that person's lease or slot (expired, released, submitted...);
 * - entering a stage (a move, or a row whose stage changed) starts a new round: its slots are the new round's.
 */
export function replayTask(events: JournalEntry[], graph?: WorkflowGraph, kind?: string | null, honeypot = false): ReplayedTask {
  return walkJournal(events, graph, kind, honeypot).state
}

/**
 * How many `claimed` rows gave a lease that someone else still held: each is a double claim. A lapsed lease is no
 * exception — the claim that takes it over first writes `expired` for the old holder. (Consensus slots are many
 * by design; their count per round is the `consensus-slots` invariant.) Pure.
 */
export function doubleClaimsIn(events: JournalEntry[], graph?: WorkflowGraph, kind?: string | null, honeypot = false): number {
  return walkJournal(events, graph, kind, honeypot).doubleClaims
}

function walkJournal(
  events: JournalEntry[],
  graph?: WorkflowGraph,
  kind?: string | null,
  honeypot = false,
): { state: ReplayedTask; doubleClaims: number } {
  const state: ReplayedTask = { stage: null, status: null, holder: null, slots: [] }
  let doubleClaims = 0
  for (const event of events) {
    if (event.type === 'created') Object.assign(state, { holder: null, slots: [] })
    const entered = event.type === 'moved' || (event.fromStage != null && event.toStage != null && event.fromStage !== event.toStage)
    if (entered) state.slots = []
    if (event.toStage != null) state.stage = event.toStage
    if (event.toStatus != null) state.status = event.toStatus
    const holder = event.holder ?? (event.type === 'claimed' ? event.actor : null)
    if (holder == null) continue
    if (event.type === 'claimed') {
      const consensus = graph && state.stage !== null && slotsOf(stageById(graph, state.stage), kind, { honeypot }) !== null
      if (!consensus) {
        if (state.holder !== null && !same(state.holder, holder)) doubleClaims++
        state.holder = holder
      } else if (!state.slots.some((slot) => same(slot, holder))) state.slots.push(holder)
      continue
    }
    if (same(state.holder, holder)) state.holder = null
    state.slots = state.slots.filter((slot) => !same(slot, holder))
  }
  return { state, doubleClaims }
}
