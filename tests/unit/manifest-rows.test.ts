import { describe, expect, it } from 'vitest'

import { type ManifestFormat, type ManifestRow, manifestRows } from '../../src/domain/import/manifestRows.ts'

const MANIFESTS: Record<ManifestFormat, string> = {
  json: '[{"externalId":"a"},{"externalId":"b"},{"externalId":"c"}]',
  ndjson: '{"externalId":"a"}\n{"externalId":"b"}\n{"externalId":"c"}\n',
  csv: 'externalId\na\nb\nc\n',
}
const FORMATS = Object.keys(MANIFESTS) as ManifestFormat[]

/** A body that yields `text` in 4-byte chunks, and fails with `failure` after `failAfter` chunks. */
async function* chunked(text: string, failAfter = Infinity, failure = new Error('aborted')): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  for (let at = 0, sent = 0; at < bytes.length; at += 4, sent++) {
    if (sent === failAfter) throw failure
    await new Promise((resolve) => setImmediate(resolve))
    yield bytes.subarray(at, at + 4)
  }
}

async function collect(rows: AsyncIterable<ManifestRow>): Promise<ManifestRow[]> {
  const out: ManifestRow[] = []
  for await (const row of rows) out.push(row)
  return out
}

describe('manifest rows', () => {
  it.each(FORMATS)('%s: streams every row, numbered from 1', async (format) => {
    const rows = await collect(manifestRows(chunked(MANIFESTS[format]), format))
    expect(rows).toEqual([
      { row: 1, value: { externalId: 'a' } },
      { row: 2, value: { externalId: 'b' } },
      { row: 3, value: { externalId: 'c' } },
    ])
  })

  // a cut body must fail the whole import (which rolls back), not end it early with an error row that commits
  // what came before, and never leave the reader waiting
  it.each(FORMATS)('%s: a body that fails mid-way fails the rows with its own error', async (format) => {
    await expect(collect(manifestRows(chunked(MANIFESTS[format], 3), format))).rejects.toThrow('aborted')
  })

  it.each([
    ['json', '[{"externalId":"a"},{"externalId":', /^JSON: /],
    ['json', '[{"externalId":"a"} x', /^JSON: /],
  ] as const)('%s: a broken manifest ends with an error row after the good ones', async (format, text, message) => {
    const rows = await collect(manifestRows(chunked(text), format))
    expect(rows[0]).toMatchObject({ row: 1, value: { externalId: 'a' } })
    expect(rows.at(-1)).toMatchObject({ error: expect.stringMatching(message) })
  })

  it('csv: a broken record ends the rows with an error naming its line', async () => {
    const rows = await collect(manifestRows(chunked('externalId,type\na,image\nb\n'), 'csv'))
    expect(rows.at(-1)).toMatchObject({ error: expect.stringMatching(/^CSV: .*line 3/) })
  })
})
