import { NotFound, type Endpoint, type Payload } from 'payload'

const notFound: Endpoint['handler'] = (req) => {
  throw new NotFound(req.t)
}

type Route = Pick<Endpoint, 'method' | 'path'>

/** Payload's routes for versions, which it serves (and fails on) for every collection. */
const VERSION_ROUTES: Route[] = [
  { method: 'get', path: '/versions' },
  { method: 'get', path: '/versions/:id' },
  { method: 'post', path: '/versions/:id' },
]
/** The email-verification route, served (and failing) on auth collections that do not verify emails. */
const VERIFY_ROUTES: Route[] = [{ method: 'post', path: '/verify/:token' }]

/**
 * Routes of features a collection does not use answer 404 instead of reaching a query for a column or table
 * that does not exist (a 500): versions without `versions`, email verification without `auth.verify`.
 * Called from onInit, so Payload's own collections are in.
 */
export function closeUnusedRoutes(payload: Payload): void {
  for (const { config } of Object.values(payload.collections)) {
    if (!Array.isArray(config.endpoints) || config.endpoints.some((endpoint) => endpoint.handler === notFound)) continue
    const unused = [...(config.versions ? [] : VERSION_ROUTES), ...(config.auth && !config.auth.verify ? VERIFY_ROUTES : [])]
    config.endpoints.unshift(...unused.map((route) => ({ ...route, handler: notFound })))
  }
}
