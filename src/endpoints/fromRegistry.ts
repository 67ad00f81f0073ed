import { addDataAndFileToRequest, type Endpoint, type PayloadRequest } from 'payload'

import { IncompleteBodyError } from '../errors.ts'
import { isClientDisconnect } from '../hardening/processGuard.ts'
import type { SlugMap } from '../options.ts'
import { type HttpInput, OPERATIONS, type OperationEntry, type RestRoute } from '../operations/registry.ts'

async function httpInput(req: PayloadRequest, route: RestRoute): Promise<HttpInput> {
  if (route.body === 'json') await addDataAndFileToRequest(req)
  return {
    params: (req.routeParams ?? {}) as HttpInput['params'],
    query: Object.fromEntries(new URL(req.url ?? 'http://x/').searchParams),
    body: route.body === 'json' ? req.data : route.body === 'stream' ? req.body : undefined,
    header: (name) => req.headers.get(name) ?? undefined,
  }
}

const attachment = (filename: string) => `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`

/**
 * A download written as it is produced: the first piece is awaited before answering, so a failure to start
 * is an ordinary error answer; a client that goes away ends the producer (and what it holds open).
 */
export async function streamedResponse(
  answer: { status: number; stream: AsyncIterable<string | Uint8Array>; contentType: string; filename: string },
  /** told of a failure after the answer has begun (the client sees a cut-off body; the log says why) */
  onLateError: (error: unknown) => void = () => undefined,
) {
  const iterator = answer.stream[Symbol.asyncIterator]()
  const first = await iterator.next()
  const encoder = new TextEncoder()
  let pending: IteratorResult<string | Uint8Array> | null = first
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await iterator.next())
        pending = null
        if (next.done) controller.close()
        else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value)
      } catch (error) {
        onLateError(error)
        controller.error(error)
      }
    },
    async cancel() {
      await iterator.return?.()
    },
  })
  return new Response(body, {
    status: answer.status,
    headers: { 'Content-Type': answer.contentType, 'Content-Disposition': attachment(answer.filename), 'Cache-Control': 'no-store' },
  })
}

/** One REST route of an operation: assemble the input, run the operation, answer its JSON. */
const endpointOf = (operation: OperationEntry, route: RestRoute): Endpoint => ({
  path: route.path,
  method: route.method,
  handler: async (req) => {
    let result: unknown
    try {
      result = await operation.run({ req, input: route.input(await httpInput(req, route)) })
    } catch (error) {
      // the client hung up mid-body: the operation's transaction rolled back; say so instead of a 500
      if (route.body === 'stream' && isClientDisconnect(error)) throw new IncompleteBodyError()
      throw error
    }
    const answer = route.answer ? route.answer(result) : { status: 200, body: result }
    if ('stream' in answer)
      return streamedResponse(answer, (error) =>
        req.payload.logger.error({ err: error, msg: `${route.method.toUpperCase()} ${route.path}: the download stopped part way` }),
      )
    if ('text' in answer) {
      const headers: Record<string, string> = { 'Content-Type': answer.contentType }
      if (answer.filename) headers['Content-Disposition'] = attachment(answer.filename)
      return new Response(answer.text, { status: answer.status, headers })
    }
    return answer.body === undefined ? new Response(null, { status: answer.status }) : Response.json(answer.body, { status: answer.status })
  },
})

/** The REST routes the operation registry gives one collection (its factory appends them). */
export const restEndpointsFor = (collection: keyof SlugMap): Endpoint[] =>
  OPERATIONS.flatMap((operation) =>
    operation.rest.filter((route) => route.collection === collection).map((route) => endpointOf(operation, route)),
  )
