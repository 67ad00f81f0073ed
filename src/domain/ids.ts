import { z } from 'zod'

const INT4_MAX = 2_147_483_647
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A document id as the database can hold it: a whole number within Postgres' integer range (the adapter's
 * default serial ids) or a uuid (`idType: 'uuid'`); undefined for anything else. Pure.
 */
export function parseDocumentId(raw: unknown): number | string | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw > 0 && raw <= INT4_MAX ? raw : undefined
  if (typeof raw !== 'string') return undefined
  if (/^\d{1,10}$/.test(raw)) return Number(raw) > 0 && Number(raw) <= INT4_MAX ? Number(raw) : undefined
  return UUID.test(raw) ? raw : undefined
}

/** zod: a document id (see parseDocumentId), as a number for serial ids. */
export const documentIdSchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const id = parseDocumentId(raw)
  if (id === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a document id' })
    return z.NEVER
  }
  return id
})
