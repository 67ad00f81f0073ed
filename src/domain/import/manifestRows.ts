import { JSONParser } from '@streamparser/json'
import { parse as parseCsv } from 'csv-parse'
import { Readable } from 'node:stream'

import type { ManifestFormat } from './manifestFormat.ts'

export type { ManifestFormat } from './manifestFormat.ts'

export type ManifestRow = { row: number; value: unknown } | { row: number; error: string }

/**
 * Streams a manifest as numbered rows (1-based), never holding the whole file: a JSON array is parsed
 * element by element, NDJSON line by line, CSV record by record. A line that does not parse becomes an
 * error row; a broken JSON array stops the stream with an error row.
 */
export async function* manifestRows(body: AsyncIterable<Uint8Array>, format: ManifestFormat): AsyncGenerator<ManifestRow> {
  if (format === 'csv') {
    let row = 0
    // a body that fails (the client hung up) must fail the import, never read as a CSV error row: its error is
    // kept apart, and handed to the parser so the loop below ends instead of waiting for more
    const source = Readable.from(body)
    const parser = parseCsv({ columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false })
    let bodyError: unknown
    source.on('error', (error) => {
      bodyError = error
      parser.destroy(error)
    })
    source.pipe(parser)
    try {
      for await (const record of parser) yield { row: ++row, value: record }
    } catch (error) {
      if (bodyError) throw bodyError
      yield { row: row + 1, error: `CSV: ${(error as Error).message}` }
    } finally {
      source.destroy()
    }
    return
  }
  if (format === 'ndjson') {
    let row = 0
    let pending = ''
    const decoder = new TextDecoder()
    const lineRow = (line: string): ManifestRow => {
      row++
      try {
        return { row, value: JSON.parse(line) }
      } catch {
        return { row, error: 'is not valid JSON' }
      }
    }
    for await (const chunk of body) {
      pending += decoder.decode(chunk, { stream: true })
      let newline: number
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).trim()
        pending = pending.slice(newline + 1)
        if (line) yield lineRow(line)
      }
    }
    if (pending.trim()) yield lineRow(pending.trim())
    return
  }
  // a JSON array: each top-level element is a row
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false })
  const queue: ManifestRow[] = []
  let row = 0
  parser.onValue = ({ value }) => void queue.push({ row: ++row, value })
  function* rowsThenStop(error: unknown): Generator<ManifestRow> {
    while (queue.length > 0) yield queue.shift()!
    yield { row: row + 1, error: `JSON: ${(error as Error).message}` }
  }
  for await (const chunk of body) {
    // only the parser's errors become an error row: the body's own (a cut) leaves the loop and fails the import
    try {
      parser.write(chunk)
    } catch (error) {
      yield* rowsThenStop(error)
      return
    }
    while (queue.length > 0) yield queue.shift()!
  }
  try {
    if (!parser.isEnded) parser.end()
  } catch (error) {
    yield* rowsThenStop(error)
    return
  }
  while (queue.length > 0) yield queue.shift()!
}
