// The rules of a JSON field edited as text (admin-components/shared/JsonText.tsx). Pure, unit-tested.

/** What is wrong with `text` as a field's JSON, as a person reads it (the position as a line and column), or null. */
export function jsonTextProblem(text: string): string | null {
  if (text.trim() === '') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const at = /position (\d+)/.exec(message)
    if (!at) return `Not valid JSON: ${message}`
    const before = text.slice(0, Number(at[1]))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return `Not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '')}`
  }
  // a bare string cannot be told from text that is not JSON once stored (Payload parses string values), so none is
  return typeof parsed === 'string' ? 'Not a JSON value to store here: enter an object, an array, a number or true / false' : null
}

/**
 * The text a stored value shows as: JSON, indented; a string is text that never parsed (JsonText keeps what was
 * typed as the value so the save is refused), shown as it was typed.
 */
export function jsonTextOf(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}
