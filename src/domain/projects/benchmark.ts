/**
 * Whether a person passed a benchmark project: every gold task there is to do scored (the open ones, and any
 * later completed that they did), with a mean score of at least the pass mark. Gold added to the benchmark later
 * is more to do: a person who passed does the new tasks before they pass again — the benchmark monitors, not only
 * screens. Pure.
 */
export type Standing = { scored: number; required: number; mean: number | null }

export type BenchmarkVerdict = { passed: true } | { passed: false; reason: string }

export function benchmarkVerdict(standing: Standing, passScore: number): BenchmarkVerdict {
  if (standing.required === 0) return { passed: false, reason: 'it has no tasks with a gold label to score yet' }
  if (standing.scored < standing.required)
    return { passed: false, reason: `you have scored ${standing.scored} of its ${standing.required} tasks` }
  if (standing.mean === null || standing.mean < passScore)
    return {
      passed: false,
      reason: `your mean score ${(standing.mean ?? 0).toFixed(2)} is below the ${passScore.toFixed(2)} it takes to pass`,
    }
  return { passed: true }
}
