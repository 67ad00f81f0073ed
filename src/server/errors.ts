/** Payload's error shape, `{ errors: [{ message, data? }] }`, for answers the server builds itself. */
export function errorResponse(status: number, message: string): Response {
  return Response.json({ errors: [{ message }] }, { status })
}

/**
 * Payload's router answers an unknown route with `{ message }` (404, or 501 for a collection whose REST
 * endpoints are off, such as payload-migrations); everything else it says comes as `{ errors: [...] }`.
 * Give clients one shape, and a 404 for a route that does not exist.
 */
export async function reshapeNotFound(response: Response): Promise<Response> {
  if ((response.status !== 404 && response.status !== 501) || !response.headers.get('content-type')?.includes('application/json'))
    return response
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { message?: string; errors?: unknown } | undefined
  if (!body || body.errors || typeof body.message !== 'string') return response
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return Response.json({ errors: [{ message: body.message }] }, { status: 404, headers })
}

/**
 * A handler that threw instead of answering (Payload's GraphQL route lets a body-parse APIError escape):
 * 4xx errors keep their status and message; anything else is a 500 that reveals nothing.
 */
export function thrownErrorResponse(error: unknown): Response {
  const status = (error as { status?: unknown })?.status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return errorResponse(status, (error as Error).message || 'Bad request')
  }
  return errorResponse(500, 'Something went wrong')
}
