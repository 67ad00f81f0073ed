import { APIError, NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { forgetActor, requireUser } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { lockInvitation, type InvitationRow } from '../db/invitations.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { ConflictError, FieldRuleError } from '../errors.ts'
import { effectiveStatus, hashInvitationToken, respondProblem } from '../invitations/rules.ts'
import { formatPath } from '../ontology/schema.ts'
import { asSystem } from '../system.ts'
import type { Id } from '../types.ts'

type Answer = 'accept' | 'decline'

async function markAnswered(req: PayloadRequest, invitation: InvitationRow, status: 'accepted' | 'declined', user: Id | null) {
  const { slugs } = getOptions(req.payload)
  await asSystem(req, async () => {
    if (status === 'accepted') {
      await req.payload.create({ collection: slugs.workspaceMembers, data: { workspace: invitation.workspace, user, role: invitation.role } as never, req, overrideAccess: true })
    }
    await req.payload.update({ collection: slugs.invitations, id: invitation.id, data: { status, respondedAt: new Date().toISOString() } as never, req, overrideAccess: true })
  })
}

function refuse(problem: { status: number; message: string }): never {
  if (problem.status === 403) throw new APIError(problem.message, 403, null, true)
  if (problem.status === 410) throw new APIError(problem.message, 410, null, true)
  throw new ConflictError(problem.message)
}

/**
 * The invitee (signed in with the invited email) accepts — becoming a member with the invited role — or
 * declines, in one transaction under a lock on the invitation. Anyone else gets 404: an invitation to
 * someone else is not theirs to see.
 */
export async function respondToInvitation({ req, id, answer }: { req: PayloadRequest; id: Id; answer: Answer }) {
  const { slugs } = getOptions(req.payload)
  requireUser(req, 'answer an invitation')
  const email = (req.user as { email?: string }).email
  await inTransaction(req, async () => {
    const invitation = await lockInvitation(req, { id })
    if (!invitation) throw new NotFound(req.t)
    const problem = respondProblem(invitation, email, new Date())
    if (problem?.status === 403) throw new NotFound(req.t)
    if (problem) refuse(problem)
    await markAnswered(req, invitation, answer === 'accept' ? 'accepted' : 'declined', req.user!.id)
  })
  forgetActor(req)
  return req.payload.findByID({ collection: slugs.invitations, id, depth: 0, req, overrideAccess: false })
}

const signUpSchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
}).strict()

/** Public: the invitation a sign-up token opens (workspace name, role, email, expiry), or 404. */
export async function describeInvitationToken({ req, token }: { req: PayloadRequest; token: unknown }) {
  if (typeof token !== 'string' || token.length > 200) throw new FieldRuleError('token', 'must be the token from the invitation mail')
  const { slugs } = getOptions(req.payload)
  const found = await req.payload.find({ collection: slugs.invitations, where: { tokenHash: { equals: hashInvitationToken(token) } }, limit: 1, depth: 0, req, overrideAccess: true })
  const doc = found.docs[0] as unknown as (InvitationRow & { workspaceName?: string }) | undefined
  if (!doc) throw new NotFound(req.t)
  return { email: doc.email, workspaceName: doc.workspaceName, role: doc.role, status: effectiveStatus(doc, new Date()), expiresAt: doc.expiresAt }
}

/**
 * Public: a new account for the invited email, with the password the invitee chose, and its membership —
 * together, in one transaction. An email that already has an account signs in and accepts instead (409).
 */
export async function signUpWithInvitation({ req, body }: { req: PayloadRequest; body: unknown }) {
  const parsed = signUpSchema.safeParse(body ?? {})
  if (!parsed.success) throw FieldRuleError.of(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || 'body', message: issue.message })))
  const { slugs } = getOptions(req.payload)
  const user = await inTransaction(req, async () => {
    const invitation = await lockInvitation(req, { tokenHash: hashInvitationToken(parsed.data.token) })
    if (!invitation) throw new NotFound(req.t)
    const problem = respondProblem(invitation, invitation.email, new Date())
    if (problem) refuse(problem)
    const existing = await req.payload.count({ collection: slugs.users, where: { email: { equals: invitation.email } }, req, overrideAccess: true })
    if (existing.totalDocs > 0) throw new ConflictError('email: an account with this email exists: sign in and accept the invitation')
    const created = await asSystem(req, () =>
      req.payload.create({ collection: slugs.users, data: { email: invitation.email, password: parsed.data.password } as never, req, overrideAccess: true }),
    )
    await markAnswered(req, invitation, 'accepted', created.id)
    return created
  })
  return { user: { id: user.id, email: (user as { email?: string }).email }, message: 'Account created: sign in with your email and password.' }
}
