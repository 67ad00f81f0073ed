import pg from 'pg'

/** The same server as `uri`, on another database (the maintenance db `postgres` by default). */
export function withDatabase(uri: string, database = 'postgres'): string {
  const url = new URL(uri)
  url.pathname = `/${database}`
  return url.toString()
}

export async function withAdminClient<T>(serverUri: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUri) })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
