/**
 * Errors that a request caused rather than the server: the database refusing a value (a malformed number, a
 * NUL character, a negative offset), a malformed URL escape, unparsable JSON, a body nested past the stack.
 * Payload reports them as 500s; they are the caller's 400s (or 409 for a uniqueness clash). Anything not
 * recognised here stays a 500.
 */
export type ClientErrorStatus = { status: 400 | 409 | 413; message: string }

// Postgres SQLSTATE codes caused by the values a request carried
const BY_SQLSTATE: Record<string, ClientErrorStatus> = {
  '23505': { status: 409, message: 'a record with this value already exists' },
  '23503': { status: 400, message: 'a relationship names a record that does not exist' },
  '23502': { status: 400, message: 'a required value is missing' },
  '23514': { status: 400, message: 'a value breaks a rule of its field' },
  '54000': { status: 400, message: 'the request is too large or too deeply nested' },
  '54001': { status: 400, message: 'the request is too deeply nested' },
}

function sqlState(error: unknown): string | undefined {
  for (let current = error, hops = 0; current && typeof current === 'object' && hops < 5; hops++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    current = (current as { cause?: unknown; originalError?: unknown }).cause ?? (current as { originalError?: unknown }).originalError
  }
  return undefined
}

export function classifyClientError(error: unknown): ClientErrorStatus | undefined {
  const code = sqlState(error)
  // class 22: data exception (invalid text representation, out of range, NUL in text, negative offset...)
  if (code?.startsWith('22')) return { status: 400, message: 'a value in the request cannot be stored or compared in its field' }
  if (code && BY_SQLSTATE[code]) return BY_SQLSTATE[code]
  const root = (error as { originalError?: unknown })?.originalError ?? error
  if (root instanceof URIError) return { status: 400, message: 'the URL holds a malformed %-escape' }
  if (root instanceof SyntaxError) return { status: 400, message: 'the request body or a JSON parameter is not valid JSON' }
  if (root instanceof RangeError && /call stack/i.test(root.message)) return { status: 400, message: 'the request is too deeply nested' }
  // Payload's multipart parser reports a malformed or misdirected form as a bare 500 APIError
  const message = (root as { message?: unknown })?.message
  if (
    typeof message === 'string' &&
    /not eligible for file upload|multipart|boundary|Unexpected end of form|Malformed part header/i.test(message)
  ) {
    return { status: 400, message: 'the multipart body is malformed or this route takes no upload; send application/json' }
  }
  const type = (root as { type?: unknown })?.type
  if (type === 'entity.too.large') return { status: 413, message: 'the request body is too large' }
  return undefined
}
