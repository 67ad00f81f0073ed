'use client'
// "Accept" and "Decline" beside a pending invitation addressed to the person looking at it
// (admin.components.edit.beforeDocumentControls of invitations): POST /api/<invitations>/:id/accept or /decline.
// The server decides (the address, the expiry, the status) and says why not.
import { Button, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { runDocumentAction } from '../shared/documentAction.ts'
import { useIsAddressee } from './InvitationAudienceField.tsx'

export function AnswerInvitation() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  const status = useFormFields(([fields]) => fields.status?.value)
  const [sending, setSending] = useState(false)
  const mine = useIsAddressee()
  if (id === undefined || id === null || !collectionSlug || !mine || status !== 'pending') return null

  const answer = async (what: 'accept' | 'decline') => {
    setSending(true)
    try {
      await runDocumentAction(
        `${config.serverURL}${config.routes.api}/${collectionSlug}/${encodeURIComponent(String(id))}/${what}`,
        {
          done: what === 'accept' ? 'Welcome: you are a member of the workspace now.' : 'Invitation declined.',
          failed: (status) => `The invitation was not answered (${status}).`,
        },
        router.refresh,
      )
    } finally {
      setSending(false)
    }
  }
  return (
    <>
      <Button
        buttonStyle="secondary"
        size="medium"
        margin={false}
        disabled={sending}
        onClick={() => void answer('decline')}
        extraButtonProps={{ 'data-action': 'decline-invitation' }}
      >
        Decline
      </Button>
      <Button
        buttonStyle="primary"
        size="medium"
        margin={false}
        disabled={sending}
        onClick={() => void answer('accept')}
        extraButtonProps={{ 'data-action': 'accept-invitation' }}
      >
        Accept and join
      </Button>
    </>
  )
}
