import type { Payload } from 'payload'

import { adapterDrizzle } from '../db/session.ts'
import { FOLD_BATCH, foldPendingRollups } from '../sql/analytics/rollupTrigger.ts'
import { type PollingWorker, startPollingWorker, stopWithPayload } from './pollingWorker.ts'

/**
 * Folds the journal's pending events into the rollups every `everyMs` (at once again while a fold takes a full
 * batch), for as long as `payload` lives. Every LabelOps process may run one: folds skip the events another
 * holds (src/sql/analytics/rollupTrigger.ts). Reads add what is still pending, so a late fold never makes a
 * figure wrong — only reads a little slower.
 */
export function runRollupFolderWith(payload: Payload, everyMs: number): PollingWorker | undefined {
  if (!adapterDrizzle(payload)) return undefined // not a Postgres adapter: no journal
  if (everyMs <= 0) return undefined
  const pass = () => foldPendingRollups(payload)
  return stopWithPayload(payload, startPollingWorker(payload, { what: 'the rollup folder', pollMs: everyMs, batch: FOLD_BATCH, pass }))
}
