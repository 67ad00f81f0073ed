import type { Access, AccessArgs, AccessResult, Where } from 'payload'

/** Both must allow; two Where results are joined with `and`. */
export const and =
  (...checks: Array<Access | undefined>): Access =>
  async (args: AccessArgs) => {
    const wheres: Where[] = []
    for (const check of checks) {
      if (!check) continue
      const result: AccessResult = await check(args)
      if (result === false) return false
      if (result !== true) wheres.push(result)
    }
    return wheres.length === 0 ? true : wheres.length === 1 ? wheres[0]! : { and: wheres }
  }

/** Joins Where clauses with `or`; none means no access. */
export function anyOf(clauses: Where[]): AccessResult {
  if (clauses.length === 0) return false
  return clauses.length === 1 ? clauses[0]! : { or: clauses }
}
