'use client'
// "Send again" beside a webhook delivery's document controls (admin.components.edit.beforeDocumentControls of
// webhook-deliveries): POST /api/webhook-deliveries/:id/replay, then the document shows its new state. The server
// decides who may (whoever runs the project) and says why not.
import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { runDocumentAction } from '../shared/documentAction.ts'

export function ReplayDelivery() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  const [sending, setSending] = useState(false)
  if (id === undefined || id === null || !collectionSlug) return null
  const replay = async () => {
    setSending(true)
    try {
      await runDocumentAction(
        `${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/replay`,
        {
          done: 'Queued: the worker sends it again now, with the same webhook-id.',
          failed: (status) => `The delivery was not sent again (${status}).`,
        },
        router.refresh,
      )
    } finally {
      setSending(false)
    }
  }
  return (
    <Button
      buttonStyle="secondary"
      size="medium"
      margin={false}
      disabled={sending}
      onClick={() => void replay()}
      extraButtonProps={{ 'data-action': 'replay-delivery' }}
    >
      {sending ? 'Sending…' : 'Send again'}
    </Button>
  )
}
