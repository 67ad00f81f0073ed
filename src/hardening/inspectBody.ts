import { REQUEST_LIMITS } from './limits.ts'
import type { Problem } from './inspectWhere.ts'

/**
 * Problems of a request body that no field validation would catch before the database does: nesting deeper
 * than any document needs, and NUL characters, which Postgres text cannot hold. Iterative, so a 10,000-deep
 * body cannot overflow the stack here.
 */
export function inspectBody(body: unknown): Problem[] {
  const problems: Problem[] = []
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: 'data', depth: 0 }]
  while (stack.length > 0 && problems.length < 20) {
    const { value, path, depth } = stack.pop()!
    if (typeof value === 'string') {
      if (value.includes('\u0000')) problems.push({ path, message: 'must not contain a NUL character' })
      continue
    }
    if (!value || typeof value !== 'object') continue
    if (depth >= REQUEST_LIMITS.maxBodyNesting) {
      problems.push({ path, message: `nests deeper than ${REQUEST_LIMITS.maxBodyNesting} levels` })
      continue
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key.includes('\u0000')) problems.push({ path, message: 'keys must not contain a NUL character' })
      stack.push({ value: child, path: Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth: depth + 1 })
    }
  }
  return problems
}
