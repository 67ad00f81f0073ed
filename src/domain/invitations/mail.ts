import { WORKSPACE_ROLE_LABELS, type WorkspaceRole } from '../../roles.ts'

export type InvitationMail = { to: string; subject: string; text: string }

/** The invitation mail: who invites whom, to what, until when, and how to answer. Pure. */
export function composeInvitationMail(args: {
  to: string
  workspaceName: string
  role: WorkspaceRole
  expiresAt: Date
  signUpUrl: string
}): InvitationMail {
  const role = WORKSPACE_ROLE_LABELS[args.role]
  return {
    to: args.to,
    subject: `You are invited to join ${args.workspaceName} on LabelOps`,
    text: [
      `You are invited to join the workspace "${args.workspaceName}" as ${role}.`,
      '',
      `Already have an account with this email? Sign in and accept the invitation (POST /api/workspace-invitations/:id/accept).`,
      `New here? Create your account with this link: ${args.signUpUrl}`,
      '',
      `The invitation expires on ${args.expiresAt.toISOString()}. If you did not expect it, ignore this mail.`,
    ].join('\n'),
  }
}
