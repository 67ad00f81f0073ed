import pg from 'pg'

/** One query on a connection of its own: a test's direct look at (or damage to) the stored data. */
export async function pgQuery(uri: string, text: string, values: unknown[] = []): Promise<Array<Record<string, any>>> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return (await client.query(text, values)).rows
  } finally {
    await client.end()
  }
}
