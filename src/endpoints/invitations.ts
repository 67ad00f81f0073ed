import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { describeInvitationToken, respondToInvitation, signUpWithInvitation } from '../operations/invitations.ts'
import { routeId } from '../utilities/routeId.ts'

const answer = (kind: 'accept' | 'decline'): Endpoint => ({
  path: `/:id/${kind}`,
  method: 'post',
  handler: async (req) => Response.json({ doc: await respondToInvitation({ req, id: routeId(req.routeParams?.id), answer: kind }) }),
})

/** POST /api/<invitations>/:id/accept and /:id/decline — the invitee, signed in with the invited email. */
export const acceptInvitationEndpoint = answer('accept')
export const declineInvitationEndpoint = answer('decline')

/** GET /api/<invitations>/sign-up?token= — what the mail's link opens; POST { token, password } — the account. */
export const signUpEndpoints: Endpoint[] = [
  {
    path: '/sign-up',
    method: 'get',
    handler: async (req) => Response.json(await describeInvitationToken({ req, token: new URL(req.url ?? 'http://x/').searchParams.get('token') })),
  },
  {
    path: '/sign-up',
    method: 'post',
    handler: async (req) => {
      await addDataAndFileToRequest(req)
      return Response.json(await signUpWithInvitation({ req, body: req.data }), { status: 201 })
    },
  },
]
