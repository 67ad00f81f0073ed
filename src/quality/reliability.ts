/**
 * Inter-rater reliability for nominal ratings: percent agreement, Cohen's kappa (two raters), Fleiss' kappa
 * (a fixed number of raters per item) and Krippendorff's alpha (any number of raters, missing ratings allowed).
 * A rating is any string; `null` / `undefined` is a missing rating. Each answers null where the statistic is
 * undefined (no pairable ratings; no variation at all for the chance-corrected ones — with a single category
 * used by everyone there is nothing to correct for, and we do not pretend a number). Pure.
 */

export type Rating = string | null | undefined
const present = (rating: Rating): rating is string => rating !== null && rating !== undefined

/**
 * Observed agreement: for each item with two or more ratings, the share of its rater pairs that agree; the mean
 * over those items.
 */
export function percentAgreement(items: ReadonlyArray<readonly Rating[]>): number | null {
  let sum = 0
  let counted = 0
  for (const item of items) {
    const ratings = item.filter(present)
    if (ratings.length < 2) continue
    let agreeing = 0
    for (const count of tally(ratings).values()) agreeing += (count * (count - 1)) / 2
    sum += agreeing / ((ratings.length * (ratings.length - 1)) / 2)
    counted++
  }
  return counted === 0 ? null : sum / counted
}

/**
 * Cohen's kappa between two raters over the items both rated: (pₒ − pₑ) / (1 − pₑ), pₑ from each rater's own
 * category shares. 1 when both always chose the same single category (pₑ = pₒ = 1).
 */
export function cohensKappa(first: readonly Rating[], second: readonly Rating[]): number | null {
  const pairs: Array<[string, string]> = []
  for (let i = 0; i < Math.min(first.length, second.length); i++) {
    const a = first[i]
    const b = second[i]
    if (present(a) && present(b)) pairs.push([a, b])
  }
  if (pairs.length === 0) return null
  const n = pairs.length
  const observed = pairs.filter(([a, b]) => a === b).length / n
  const left = tally(pairs.map(([a]) => a))
  const right = tally(pairs.map(([, b]) => b))
  let expected = 0
  for (const [category, count] of left) expected += (count / n) * ((right.get(category) ?? 0) / n)
  if (expected === 1) return 1
  return (observed - expected) / (1 - expected)
}

/**
 * Fleiss' kappa: every item rated by the same number of raters (two or more; items with missing ratings make
 * it undefined — use Krippendorff's alpha). (P̄ − P̄ₑ) / (1 − P̄ₑ).
 */
export function fleissKappa(items: ReadonlyArray<readonly Rating[]>): number | null {
  if (items.length === 0 || items.some((item) => item.some((rating) => !present(rating)))) return null
  const raters = items[0]!.length
  if (raters < 2 || items.some((item) => item.length !== raters)) return null
  const totals = new Map<string, number>()
  let agreement = 0
  for (const item of items) {
    const counts = tally(item as string[])
    let pairs = 0
    for (const [category, count] of counts) {
      pairs += count * (count - 1)
      totals.set(category, (totals.get(category) ?? 0) + count)
    }
    agreement += pairs / (raters * (raters - 1))
  }
  const meanAgreement = agreement / items.length
  let chance = 0
  for (const count of totals.values()) chance += (count / (items.length * raters)) ** 2
  if (chance === 1) return null
  return (meanAgreement - chance) / (1 - chance)
}

/**
 * Krippendorff's alpha, nominal metric: items are the units, each with the ratings it got (missing ones left
 * out; a unit with fewer than two is not pairable). Built from the coincidence matrix: α = 1 − Dₒ / Dₑ with
 * Dₒ = Σ_{c≠k} o_ck / n and Dₑ = Σ_{c≠k} n_c·n_k / (n·(n − 1)).
 */
export function krippendorffAlpha(items: ReadonlyArray<readonly Rating[]>): number | null {
  const coincidences = new Map<string, Map<string, number>>()
  const add = (c: string, k: string, value: number) => {
    const row = coincidences.get(c) ?? new Map<string, number>()
    row.set(k, (row.get(k) ?? 0) + value)
    coincidences.set(c, row)
  }
  for (const item of items) {
    const ratings = item.filter(present)
    const m = ratings.length
    if (m < 2) continue
    const counts = tally(ratings)
    for (const [c, nc] of counts)
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk
        if (pairs > 0) add(c, k, pairs / (m - 1))
      }
  }
  const margins = new Map<string, number>()
  let n = 0
  for (const [c, row] of coincidences) {
    const total = [...row.values()].reduce((sum, value) => sum + value, 0)
    margins.set(c, total)
    n += total
  }
  if (n <= 1) return null
  let disagreeing = 0
  for (const [c, row] of coincidences) for (const [k, value] of row) if (c !== k) disagreeing += value
  let expected = 0
  for (const [c, nc] of margins) for (const [k, nk] of margins) if (c !== k) expected += nc * nk
  if (expected === 0) return null
  return 1 - ((n - 1) * disagreeing) / expected
}

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}
