// A manifest's format from its Content-Type or file name, and the Content-Type each format is sent with (the
// REST import, the CLI and the admin's upload agree on both). Pure, and free of Node modules: the browser uses it.
export type ManifestFormat = 'json' | 'ndjson' | 'csv'

/** The manifest format from a Content-Type (or a file name, for the CLI and the admin's upload). */
export function manifestFormat(contentTypeOrName: string): ManifestFormat | undefined {
  const text = contentTypeOrName.toLowerCase()
  if (/ndjson|jsonl|json-seq|\.jsonl$|\.ndjson$/.test(text)) return 'ndjson'
  if (/csv/.test(text)) return 'csv'
  if (/json/.test(text)) return 'json'
  return undefined
}

export const MANIFEST_CONTENT_TYPES: Record<ManifestFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
}
