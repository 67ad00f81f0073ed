// A body POSTed with its upload progress reported (fetch reports none): XMLHttpRequest with the session cookie.
// Answers the status (0 when the server cannot be reached) and the JSON body, if any.
type Answer = { status: number; body: unknown }

function postWithProgress(
  url: string,
  body: Blob | FormData,
  contentType: string | null,
  size: number,
  onProgress: (sent: number, total: number) => void,
): Promise<Answer> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest()
    request.open('POST', url)
    request.withCredentials = true
    // a multipart form gets its content type (and boundary) from the browser
    if (contentType) request.setRequestHeader('Content-Type', contentType)
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : size)
    request.onload = () => resolve({ status: request.status, body: parseJson(request.responseText) })
    request.onerror = () => resolve({ status: 0, body: null })
    request.send(body)
  })
}

/** A file sent as the request body, of the given content type. */
export const uploadWithProgress = (url: string, file: File, contentType: string, onProgress: (sent: number, total: number) => void) =>
  postWithProgress(url, file, contentType, file.size, onProgress)

/** A multipart form (an upload collection's file and its fields). */
export const uploadFormWithProgress = (url: string, form: FormData, size: number, onProgress: (sent: number, total: number) => void) =>
  postWithProgress(url, form, null, size, onProgress)

/** The server's reason for refusing (its first error's message), if it gave one. */
export const serverRefusal = (answer: Answer): string | undefined =>
  (answer.body as { errors?: Array<{ message?: string }> } | null)?.errors?.[0]?.message

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
