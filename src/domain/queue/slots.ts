import { isScoredKind } from '../projects/kinds.ts'
import type { Stage } from '../workflow/graph.ts'

/** "No limit": the annotate stage of a scored project is served to everyone, each once, in parallel. */
export const EVERYONE = 2_147_483_647

/**
 * How a stage is held: by one lease (null), or in slots — each person their own branch, at most N at once. A
 * consensus stage has its size; the annotate stages of a benchmark or training project (src/domain/projects/kinds.ts)
 * are served to every annotator, and so is a honeypot (a standard project's gold task, src/domain/projects/honeypots.ts)
 * in an annotate stage. The one answer the claim, the lease checks, the heartbeat, label saves and the
 * journal replay ask. Pure.
 */
export function slotsOf(
  stage: Stage | undefined,
  kind: string | null | undefined,
  { honeypot = false }: { honeypot?: boolean } = {},
): number | null {
  if (stage?.type === 'consensus') return stage.config.annotators
  if (stage?.type === 'annotate' && (isScoredKind(kind) || honeypot)) return EVERYONE
  return null
}
