import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireActor } from '../access/actor.ts'
import { assertCan } from '../access/assertCan.ts'
import { getOptions } from '../context.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { sessionDb } from '../db/session.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { ConflictError } from '../errors.ts'
import { requeueDelivery } from '../sql/webhooks/deliveryQueue.ts'
import { parseInput } from './input.ts'
import { loadProjectContext } from './projectContext.ts'

const replaySchema = z.object({ id: documentIdSchema }).strict()

/**
 * Sends a webhook delivery again from the start (POST /api/webhook-deliveries/:id/replay, GraphQL
 * replayWebhookDelivery): whoever runs its project may, whatever became of it; same webhook-id, so a receiver
 * that had it drops the repeat. A delivery one may not see is a 404; one whose webhook is off, a 409.
 */
export async function replayWebhookDelivery({ req, input }: { req: PayloadRequest; input: unknown }) {
  const { id } = parseInput(replaySchema, input)
  await requireActor(req)
  const { slugs } = getOptions(req.payload)
  const delivery = (await req.payload.findByID({
    collection: slugs.webhookDeliveries,
    id,
    depth: 0,
    req,
    overrideAccess: false,
    disableErrors: true,
  })) as { id: string | number; project: string | number } | null
  if (!delivery) throw new NotFound(req.t)
  const { projectActor } = await loadProjectContext(req, delivery.project)
  assertCan(projectActor, 'project.manage')
  // the answer is read inside the transaction: what the replay left, not what a fast worker made of it since
  const result = await inTransaction(req, async () => {
    const requeued = await requeueDelivery(req, delivery.id, await sessionDb(req))
    if (requeued !== 'requeued') return requeued
    return req.payload.findByID({ collection: slugs.webhookDeliveries, id: delivery.id, depth: 0, req, overrideAccess: false })
  })
  if (result === 'missing') throw new NotFound(req.t)
  if (result === 'disabled') throw new ConflictError('subscription: the webhook is turned off; enable it before replaying its deliveries')
  return result
}
