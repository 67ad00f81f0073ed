import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { sql } from '@payloadcms/db-postgres'
import express, { type Express, type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from 'express'
import { getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'

import { bodyLimitFor, cappedBody, declaredTooLarge } from './bodyLimit.ts'
import { errorResponse, reshapeNotFound, thrownErrorResponse } from './errors.ts'
import { sendWebResponse, toWebRequest } from './webAdapter.ts'

export type CreateServerOptions = {
  config: Promise<SanitizedConfig> | SanitizedConfig
  /** Read X-Forwarded-Proto when behind a proxy. @default false */
  trustProxy?: boolean
}

export type LabelOpsServer = { app: Express; payload: Payload }

type WebHandler = (request: Request) => Promise<Response>

/**
 * The headless server: Payload's REST at /api, GraphQL at POST /api/graphql, and GET /healthz. The same
 * app serves hosts without Next and the API tests. It holds no state: run as many as you like.
 */
export async function createServer({ config, trustProxy = false }: CreateServerOptions): Promise<LabelOpsServer> {
  const payload = await getPayload({ config })
  const apiRoute = payload.config.routes.api
  const graphQLRoute = `${apiRoute}${payload.config.routes.graphQL}`
  const graphql: WebHandler = GRAPHQL_POST(config)
  const rest: WebHandler = async (request) => reshapeNotFound(await handleEndpoints({ config, request }))

  const serve = (handler: WebHandler) => async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const limit = bodyLimitFor(req.path, req.headers['content-type'])
    if (declaredTooLarge(req, limit)) {
      res.setHeader('connection', 'close')
      return void sendWebResponse(res, errorResponse(413, `body: at most ${limit} bytes per request (README, "Request limits")`))
    }
    try {
      await sendWebResponse(res, await handler(toWebRequest(req, { trustProxy, body: cappedBody(req, limit) })))
    } catch (error) {
      next(error)
    }
  }

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxy)

  app.get('/healthz', async (_req, res) => {
    try {
      await payload.db.drizzle.execute(sql`select 1`)
      res.json({ status: 'ok' })
    } catch (error) {
      payload.logger.error({ err: error, msg: 'healthz: database check failed' })
      res.status(503).json({ status: 'unavailable', errors: [{ message: 'The database is not reachable' }] })
    }
  })
  app.post(graphQLRoute, serve(graphql))
  app.use((req, res, next) => {
    if (req.path === apiRoute || req.path.startsWith(`${apiRoute}/`)) return serve(rest)(req, res, next)
    next()
  })
  app.use((req, res) => {
    void sendWebResponse(res, errorResponse(404, `Route not found "${req.path}"`))
  })
  app.use((error: unknown, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    const response = thrownErrorResponse(error)
    if (response.status >= 500) payload.logger.error({ err: error, msg: 'unhandled server error' })
    if (res.headersSent) return res.destroy()
    void sendWebResponse(res, response)
  })
  return { app, payload }
}
