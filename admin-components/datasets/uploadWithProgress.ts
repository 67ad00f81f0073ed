// A file POSTed with its upload progress reported (fetch reports none): XMLHttpRequest with the session cookie.
// Answers the status (0 when the server cannot be reached) and the JSON body, if any.
export function uploadWithProgress(
  url: string,
  file: File,
  contentType: string,
  onProgress: (sent: number, total: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest()
    request.open('POST', url)
    request.withCredentials = true
    request.setRequestHeader('Content-Type', contentType)
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size)
    request.onload = () => {
      resolve({ status: request.status, body: parseJson(request.responseText) })
    }
    request.onerror = () => resolve({ status: 0, body: null })
    request.send(file)
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
