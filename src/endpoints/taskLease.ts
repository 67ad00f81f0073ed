import { addDataAndFileToRequest, type Endpoint, NotFound } from 'payload'

import { requireUser } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { claimNextTask } from '../operations/claimNextTask.ts'
import { heartbeat } from '../operations/heartbeat.ts'
import { saveLabelDraft } from '../operations/labels.ts'
import { routeId } from '../utilities/routeId.ts'


/** POST /api/<tasks>/:id/claim — take this task (opened from the queue listing): 200 as /next, 409 when not available. */
export const claimTaskEndpoint: Endpoint = {
  path: '/:id/claim',
  method: 'post',
  handler: async (req) => {
    requireUser(req, 'work on tasks')
    const id = routeId(req.routeParams?.id)
    const { slugs } = getOptions(req.payload)
    const task = (await req.payload.findByID({ collection: slugs.tasks, id, depth: 0, req, overrideAccess: true, disableErrors: true, select: { project: true } })) as { project?: number | string } | null
    if (!task?.project) throw new NotFound(req.t)
    return Response.json(await claimNextTask({ req, project: task.project, taskId: id }))
  },
}

/** POST /api/<tasks>/:id/heartbeat — the holder extends their lease; 409 when it was taken over. */
export const heartbeatEndpoint: Endpoint = {
  path: '/:id/heartbeat',
  method: 'post',
  handler: async (req) => {
    requireUser(req, 'work on tasks')
    return Response.json(await heartbeat({ req, taskId: routeId(req.routeParams?.id) }))
  },
}

/** PUT /api/<tasks>/:id/label — { objects, classifications }: the caller's draft label, while they hold the lease. */
export const saveLabelEndpoint: Endpoint = {
  path: '/:id/label',
  method: 'put',
  handler: async (req) => {
    requireUser(req, 'work on tasks')
    await addDataAndFileToRequest(req)
    return Response.json(await saveLabelDraft({ req, taskId: routeId(req.routeParams?.id), body: req.data }))
  },
}
