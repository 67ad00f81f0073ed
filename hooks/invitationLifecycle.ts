import type { CollectionAfterChangeHook, CollectionAfterReadHook, CollectionBeforeChangeHook } from 'payload'

import { idOf, loadActor, roleIn } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { findOpenInvitation, isMemberByEmail } from '../src/sql/invitations/invitationRows.ts'
import { ConflictError, ForbiddenChangeError } from '../src/errors.ts'
import { composeInvitationMail } from '../src/domain/invitations/mail.ts'
import { effectiveStatus, newInvitationToken, normaliseEmail, type InvitationStatus } from '../src/domain/invitations/rules.ts'
import type { WorkspaceRole } from '../src/roles.ts'
import { membershipChangeProblem } from '../src/domain/people/memberships.ts'
import { isSystem, systemAccess } from '../src/system.ts'

const TOKEN_KEY = 'labelOpsInvitationToken'
const DAY_MS = 86_400_000

/**
 * A new invitation: the inviter's role may hand out the invited role (the membership rules), the email is
 * neither a member already nor invited already, and the invitation gets its expiry, its inviter, the
 * workspace's name (the invitee cannot read the workspace yet) and the hash of its sign-up token.
 */
export const prepareInvitation: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { slugs, invitationDays } = getOptions(req.payload)
  const workspace = idOf(data.workspace)!
  const role = (data.role ?? 'member') as WorkspaceRole
  const email = normaliseEmail(String(data.email ?? ''))
  if (!isSystem(req)) {
    const actor = await loadActor(req)
    const problem = membershipChangeProblem({
      actorRole: actor?.superAdmin ? 'super-admin' : actor && roleIn(actor, workspace),
      actorIsTarget: false,
      to: role,
    })
    if (problem) throw new ForbiddenChangeError('role', problem)
  }
  if (await isMemberByEmail(req, workspace, email))
    throw new ConflictError('email: this person is already a member of the workspace', { field: 'email' })
  if (await findOpenInvitation(req, workspace, email))
    throw new ConflictError('email: an invitation to this address is already open; revoke it to send a new one', { field: 'email' })
  const ws = await req.payload.findByID({ collection: slugs.workspaces, id: workspace, depth: 0, ...systemAccess(req) })
  const { token, hash } = newInvitationToken()
  req.context[TOKEN_KEY] = token
  return {
    ...data,
    email,
    role,
    status: 'pending' satisfies InvitationStatus,
    workspaceName: (ws as { name?: string }).name,
    invitedBy: req.user?.id ?? null,
    invitedByEmail: typeof req.user?.email === 'string' ? req.user.email : null,
    expiresAt: new Date(Date.now() + invitationDays * DAY_MS).toISOString(),
    tokenHash: hash,
  }
}

/** Sends the invitation mail through the host's email adapter (Payload's console adapter logs it). */
export const mailInvitation: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  const token = req.context[TOKEN_KEY]
  if (operation !== 'create' || typeof token !== 'string') return doc
  delete req.context[TOKEN_KEY]
  const { slugs } = getOptions(req.payload)
  const base = `${req.payload.config.serverURL ?? ''}${req.payload.config.routes.api}/${slugs.invitations}`
  const mail = composeInvitationMail({
    to: doc.email,
    workspaceName: doc.workspaceName ?? 'a workspace',
    role: doc.role,
    expiresAt: new Date(doc.expiresAt),
    signUpUrl: `${base}/sign-up?token=${encodeURIComponent(token)}`,
  })
  try {
    await req.payload.sendEmail(mail)
  } catch (error) {
    // the invitation stands (the invitee also finds it after signing in); a mail outage is the host's to fix
    req.payload.logger.error({ err: error, msg: `invitation mail to ${doc.email} could not be sent` })
  }
  return doc
}

/** A pending invitation past its expiry reads as expired. */
export const showExpiry: CollectionAfterReadHook = ({ doc }) =>
  doc && doc.status && doc.expiresAt ? { ...doc, status: effectiveStatus(doc, new Date()) } : doc
