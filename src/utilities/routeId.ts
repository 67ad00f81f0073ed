/** A document id from a route segment: numeric ids (the adapter's default serial) as numbers, others as-is. */
export const routeId = (raw: unknown) => {
  const text = String(raw)
  return /^\d+$/.test(text) ? Number(text) : text
}
