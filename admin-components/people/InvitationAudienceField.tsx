'use client'
// An invitation's fields split by who reads it. The person it is addressed to may not read the workspace or the
// inviter before joining: on their saved invitation they see `workspaceName` and `invitedByEmail` (audience
// "invitee") and the relationships (audience "others") are not rendered — so their page requests nothing they
// would be refused and shows no "Untitled - ID". Everyone else, and every create form, sees the relationships.
import { RelationshipField, TextField, useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import type { RelationshipFieldClientProps, TextFieldClientProps } from 'payload'

type Audience = { audience: 'invitee' | 'others' }

/** Whether the invitation on the form is addressed to the signed-in person. */
export function useIsAddressee(): boolean {
  const { user } = useAuth()
  const email = useFormFields(([fields]) => fields.email?.value)
  return typeof email === 'string' && typeof user?.email === 'string' && email.trim().toLowerCase() === user.email.trim().toLowerCase()
}

function useIsInvitee() {
  const { id } = useDocumentInfo()
  const addressed = useIsAddressee()
  // a saved invitation only: on the create form, inviting one's own address still needs the workspace chosen
  return addressed && id != null
}

export function InvitationRelationshipField({ audience, ...props }: RelationshipFieldClientProps & Audience) {
  return useIsInvitee() === (audience === 'invitee') ? <RelationshipField {...props} /> : null
}

export function InvitationTextField({ audience, ...props }: TextFieldClientProps & Audience) {
  return useIsInvitee() === (audience === 'invitee') ? <TextField {...props} /> : null
}
