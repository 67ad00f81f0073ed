import { JSONParser } from '@streamparser/json'
import { parse as parseCsv } from 'csv-parse'
import { Readable } from 'node:stream'

export type ManifestFormat = 'json' | 'ndjson' | 'csv'
export type ManifestRow = { row: number; value: unknown } | { row: number; error: string }

/** The manifest format from a Content-Type (or a file name, for the CLI). */
export function manifestFormat(contentTypeOrName: string): ManifestFormat | undefined {
  const text = contentTypeOrName.toLowerCase()
  if (/ndjson|jsonl|json-seq|\.jsonl$|\.ndjson$/.test(text)) return 'ndjson'
  if (/csv/.test(text)) return 'csv'
  if (/json/.test(text)) return 'json'
  return undefined
}

/**
 * Streams a manifest as numbered rows (1-based), never holding the whole file: a JSON array is parsed
 * element by element, NDJSON line by line, CSV record by record. A line that does not parse becomes an
 * error row; a broken JSON array stops the stream with an error row.
 */
export async function* manifestRows(body: AsyncIterable<Uint8Array>, format: ManifestFormat): AsyncGenerator<ManifestRow> {
  if (format === 'csv') {
    let row = 0
    const parser = Readable.from(body).pipe(
      parseCsv({ columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false }),
    )
    try {
      for await (const record of parser) yield { row: ++row, value: record }
    } catch (error) {
      yield { row: row + 1, error: `CSV: ${(error as Error).message}` }
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
  try {
    for await (const chunk of body) {
      parser.write(chunk)
      while (queue.length > 0) yield queue.shift()!
    }
    if (!parser.isEnded) parser.end()
  } catch (error) {
    while (queue.length > 0) yield queue.shift()!
    yield { row: row + 1, error: `JSON: ${(error as Error).message}` }
    return
  }
  while (queue.length > 0) yield queue.shift()!
}
