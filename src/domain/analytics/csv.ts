/**
 * CSV for the analytics tables (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma,
 * a quote or a line break). A text cell that a spreadsheet would run as a formula (= + - @ at its start) is
 * prefixed with an apostrophe, so a collaborator's name can never execute in someone's spreadsheet. Pure.
 */
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null | undefined }

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text =
    typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '')) : value
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv<T>(columns: ReadonlyArray<CsvColumn<T>>, rows: readonly T[]): string {
  const lines = [columns.map((column) => cell(column.header)), ...rows.map((row) => columns.map((column) => cell(column.value(row))))]
  return lines.map((line) => line.join(',')).join('\r\n') + '\r\n'
}

/** A download's file name: the report's subject (a project's or workspace's name) and the table. */
export function csvFilename(subject: string, table: string): string {
  const slug =
    subject
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'analytics'
  return `${slug}-${table}.csv`
}
