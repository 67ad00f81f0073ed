import { NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { forgetActor, requireUser } from '../access/actor.ts'
import { getOptions } from '../context.ts'
import { lockInvitation, type InvitationRow } from '../sql/invitations/invitationRows.ts'
import { inTransaction } from '../db/inTransaction.ts'
import { ConflictError, ExpiredError } from '../errors.ts'
import { effectiveStatus, hashInvitationToken, respondProblem } from '../domain/invitations/rules.ts'
import { asSystem, systemAccess } from '../system.ts'
import type { Id } from '../types.ts'
import { documentIdSchema } from '../domain/ids.ts'
import { parseInput } from './input.ts'

async function markAnswered(req: PayloadRequest, invitation: InvitationRow, status: 'accepted' | 'declined', user: Id | null) {
  const { slugs } = getOptions(req.payload)
  await asSystem(req, async () => {
    if (status === 'accepted') {
      await req.payload.create({
        collection: slugs.workspaceMembers,
        data: { workspace: invitation.workspace, user, role: invitation.role } as never,
        ...systemAccess(req),
      })
    }
    await req.payload.update({
      collection: slugs.invitations,
      id: invitation.id,
      data: { status, respondedAt: new Date().toISOString() } as never,
      ...systemAccess(req),
    })
  })
}

/** An invitation addressed to someone else does not exist for this caller; the rest say why not now. */
function refuse(req: PayloadRequest, problem: NonNullable<ReturnType<typeof respondProblem>>): never {
  if (problem.kind === 'not-addressee') throw new NotFound(req.t)
  if (problem.kind === 'expired') throw new ExpiredError(problem.message)
  throw new ConflictError(problem.message)
}

/** An answer to an invitation: which one, and yes or no. */
export const respondSchema = z.object({ id: documentIdSchema, answer: z.enum(['accept', 'decline']) }).strict()

/**
 * The invitee (signed in with the invited email) accepts — becoming a member with the invited role — or
 * declines, in one transaction under a lock on the invitation. Anyone else gets 404: an invitation to
 * someone else is not theirs to see.
 */
export async function respondToInvitation({ req, input }: { req: PayloadRequest; input: unknown }) {
  const { slugs } = getOptions(req.payload)
  requireUser(req, 'answer an invitation')
  const { id, answer } = parseInput(respondSchema, input)
  const email = (req.user as { email?: string }).email
  await inTransaction(req, async () => {
    const invitation = await lockInvitation(req, { id })
    if (!invitation) throw new NotFound(req.t)
    const problem = respondProblem(invitation, email, new Date())
    if (problem) refuse(req, problem)
    await markAnswered(req, invitation, answer === 'accept' ? 'accepted' : 'declined', req.user!.id)
  })
  forgetActor(req)
  return req.payload.findByID({ collection: slugs.invitations, id, depth: 0, req, overrideAccess: false })
}

export const signUpSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: z.string().min(8, 'must be at least 8 characters').max(200),
  })
  .strict()

const TOKEN_RULE = 'must be the token from the invitation mail'
/** What the mail's link carries. */
export const invitationTokenSchema = z.object({ token: z.string({ error: () => TOKEN_RULE }).max(200, TOKEN_RULE) }).strict()

/** Public: the invitation a sign-up token opens (workspace name, role, email, expiry), or 404. */
export async function describeInvitationToken({ req, input }: { req: PayloadRequest; input: unknown }) {
  const { token } = parseInput(invitationTokenSchema, input)
  const { slugs } = getOptions(req.payload)
  const found = await req.payload.find({
    collection: slugs.invitations,
    where: { tokenHash: { equals: hashInvitationToken(token) } },
    limit: 1,
    depth: 0,
    ...systemAccess(req),
  })
  const doc = found.docs[0] as unknown as (InvitationRow & { workspaceName?: string }) | undefined
  if (!doc) throw new NotFound(req.t)
  return {
    email: doc.email,
    workspaceName: doc.workspaceName,
    role: doc.role,
    status: effectiveStatus(doc, new Date()),
    expiresAt: doc.expiresAt,
  }
}

/**
 * Public: a new account for the invited email, with the password the invitee chose, and its membership —
 * together, in one transaction. An email that already has an account signs in and accepts instead (409).
 */
export async function signUpWithInvitation({ req, input }: { req: PayloadRequest; input: unknown }) {
  // the input is the request body as a whole (REST body, GraphQL arguments)
  const { token, password } = parseInput(signUpSchema, input, 'body')
  const { slugs } = getOptions(req.payload)
  const user = await inTransaction(req, async () => {
    const invitation = await lockInvitation(req, { tokenHash: hashInvitationToken(token) })
    if (!invitation) throw new NotFound(req.t)
    const problem = respondProblem(invitation, invitation.email, new Date())
    if (problem) refuse(req, problem)
    const existing = await req.payload.count({
      collection: slugs.users,
      where: { email: { equals: invitation.email } },
      ...systemAccess(req),
    })
    if (existing.totalDocs > 0) throw new ConflictError('email: an account with this email exists: sign in and accept the invitation')
    const created = await asSystem(req, () =>
      req.payload.create({ collection: slugs.users, data: { email: invitation.email, password } as never, ...systemAccess(req) }),
    )
    await markAnswered(req, invitation, 'accepted', created.id)
    return created
  })
  return {
    user: { id: user.id, email: (user as { email?: string }).email },
    message: 'Account created: sign in with your email and password.',
  }
}
