/**
 * What the soak's simulated workers were told (their acknowledged actions) against what the database holds at
 * the end. Pure: the soak reads the stored side in SQL (bench/soak/stored.ts) and hands it here.
 */
type Id = number | string

/** An action a worker sent: acknowledged (2xx), or cut (the connection died with the server: no answer). */
export type SentAction =
  | { kind: 'claim'; user: Id; task: Id }
  | { kind: 'submit' | 'review'; user: Id; task: Id; key: string }
  | { kind: 'bulk'; user: Id; operation: 'move' | 'set-priority'; changed: number }

/** The stored side: idempotency rows and journal rows, by who and which task. */
export type StoredWork = {
  /** `${user}|${key}` of every Idempotency-Key row */
  keys: Set<string>
  /** `${task}|${user}` of every `claimed` journal row */
  claims: Set<string>
  /** Idempotency-Key rows per `${task}|${user}` (each is one submit or review that committed) */
  keyedByTaskUser: Map<string, number>
  /** journal rows a keyed action writes (`submitted`, `approved`, `rejected`) per `${task}|${user}` */
  keyedEventsByTaskUser: Map<string, number>
  /** journal rows per `${user}|${type}` (`moved`, `priority-changed`) */
  bulkEvents: Map<string, number>
}

export const BULK_EVENT: Record<'move' | 'set-priority', string> = { move: 'moved', 'set-priority': 'priority-changed' }

/**
 * Acknowledged actions the database does not hold: a claim without its `claimed` row, a submit or review
 * without its Idempotency-Key row, more bulk changes answered than journalled for their manager.
 */
export function lostAcknowledged(acknowledged: SentAction[], stored: StoredWork): number {
  let lost = 0
  const bulkAnswered = new Map<string, number>()
  for (const action of acknowledged) {
    if (action.kind === 'claim') lost += stored.claims.has(`${action.task}|${action.user}`) ? 0 : 1
    else if (action.kind === 'bulk') {
      const key = `${action.user}|${BULK_EVENT[action.operation]}`
      bulkAnswered.set(key, (bulkAnswered.get(key) ?? 0) + action.changed)
    } else lost += stored.keys.has(`${action.user}|${action.key}`) ? 0 : 1
  }
  for (const [key, answered] of bulkAnswered) lost += Math.max(0, answered - (stored.bulkEvents.get(key) ?? 0))
  return lost
}

/**
 * Keyed actions written in part: a submit or review commits its Idempotency-Key row and its journal row in one
 * transaction, so per task and person the two counts are equal; each difference is half a write. This covers
 * the unacknowledged ones too: an action cut by a kill is wholly there (both rows) or wholly absent (neither).
 */
export function halfWritten(stored: StoredWork): number {
  let half = 0
  const pairs = new Set([...stored.keyedByTaskUser.keys(), ...stored.keyedEventsByTaskUser.keys()])
  for (const pair of pairs) half += Math.abs((stored.keyedByTaskUser.get(pair) ?? 0) - (stored.keyedEventsByTaskUser.get(pair) ?? 0))
  return half
}
