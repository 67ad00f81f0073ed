'use client'
// A document's own action (POST /api/<collection>/:id/<action>) as its buttons run it: the server's refusal shown
// as it says it, success announced and the page refreshed to show the new state.
import { toast } from '@payloadcms/ui'

export async function runDocumentAction(
  url: string,
  messages: { done: string; failed: (status: number) => string },
  refresh: () => void,
): Promise<boolean> {
  const res = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
  const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ message?: string }> }
  if (!res.ok) {
    toast.error(body.errors?.[0]?.message ?? messages.failed(res.status))
    return false
  }
  toast.success(messages.done)
  refresh()
  return true
}
