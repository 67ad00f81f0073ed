import { createHash, randomBytes } from 'node:crypto'

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'expired'] as const
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]

export type InvitationState = { status: InvitationStatus; email: string; expiresAt: string | Date }

/** An email as invitations compare it: trimmed, lower-case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase()

/** A pending invitation past its expiry is expired, whether or not anything wrote that down yet. */
export function effectiveStatus(invitation: Pick<InvitationState, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  if (invitation.status === 'pending' && new Date(invitation.expiresAt).getTime() <= now.getTime()) return 'expired'
  return invitation.status
}

/** Why this person may not accept or decline this invitation now, or undefined when they may. Pure. */
export function respondProblem(
  invitation: InvitationState,
  responderEmail: string | undefined,
  now: Date,
): { kind: 'not-addressee' | 'answered' | 'expired'; message: string } | undefined {
  if (!responderEmail || normaliseEmail(responderEmail) !== normaliseEmail(invitation.email)) {
    return { kind: 'not-addressee', message: 'this invitation is addressed to another email address' }
  }
  const status = effectiveStatus(invitation, now)
  if (status === 'expired') return { kind: 'expired', message: 'this invitation has expired: ask for a new one' }
  if (status !== 'pending') return { kind: 'answered', message: `this invitation was already ${status}` }
  return undefined
}

/** A sign-up token for the invitation mail, and the hash that is all the database keeps of it. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashInvitationToken(token) }
}

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex')
