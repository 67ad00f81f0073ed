'use client'
// An invitation's workspace field: Payload's own relationship field, except for the person the invitation is
// addressed to, who may not read the workspace before joining (they see its name in workspaceName) — so their page
// requests nothing they would be refused.
import { RelationshipField, useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import type { RelationshipFieldClientComponent } from 'payload'

export const InvitationWorkspaceField: RelationshipFieldClientComponent = (props) => {
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const email = useFormFields(([fields]) => fields.email?.value)
  const addressed =
    typeof email === 'string' && typeof user?.email === 'string' && email.trim().toLowerCase() === user.email.trim().toLowerCase()
  // a saved invitation only: on the create form, inviting one's own address still needs the workspace chosen
  return addressed && id != null ? null : <RelationshipField {...props} />
}
