import { startEmbeddedPostgres, type StartEmbeddedPostgresOptions } from './embedded.ts'

export type ResolvedDatabase = { uri: string; embedded: boolean; stop: () => Promise<void> }

/**
 * DATABASE_URI when set; otherwise the embedded Postgres, started (or reused) on demand, on the database
 * EMBEDDED_DATABASE (default `labelops`; the adapter creates it when missing).
 */
export async function resolveDatabase({
  database = process.env.EMBEDDED_DATABASE || 'labelops',
  ...embeddedOptions
}: { database?: string } & StartEmbeddedPostgresOptions = {}): Promise<ResolvedDatabase> {
  const fromEnv = process.env.DATABASE_URI
  if (fromEnv) return { uri: fromEnv, embedded: false, stop: async () => {} }
  const server = await startEmbeddedPostgres(embeddedOptions)
  return { uri: server.uri(database), embedded: true, stop: server.stop }
}
