/** Payload's error shape, `{ errors: [{ message, data? }] }`, for answers the server builds itself. */
export function errorResponse(status: number, message: string): Response {
  return Response.json({ errors: [{ message }] }, { status })
}

/**
 * Payload's router answers an unknown route with `{ message }`; everything else it says comes as
 * `{ errors: [...] }`. Give clients one shape.
 */
export async function reshapeNotFound(response: Response): Promise<Response> {
  if (response.status !== 404 || !response.headers.get('content-type')?.includes('application/json')) return response
  const body = (await response.clone().json().catch(() => undefined)) as { message?: string; errors?: unknown } | undefined
  if (!body || body.errors || typeof body.message !== 'string') return response
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return Response.json({ errors: [{ message: body.message }] }, { status: 404, headers })
}
