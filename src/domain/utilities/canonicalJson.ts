/**
 * JSON with object keys sorted and undefined properties left out, so equal data gives equal text whatever
 * order it was built or stored in (jsonb reorders keys). Pure.
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value ?? null, (_key, inner: unknown) =>
      inner && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : inner,
    ) ?? 'null'
  )
}
