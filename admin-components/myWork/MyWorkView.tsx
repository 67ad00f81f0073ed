// /admin/labelops — "My work" as a page of its own (linked from the nav): the root-view pattern of README
// "Admin views": sign-in check, load through the operation, render the client sibling in the admin's template.
import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, requireViewUser, ViewRefusal, viewProblem } from '../shared/AdminView.tsx'
import { loadMyWork } from './loadMyWork.ts'
import { MyWorkClient } from './MyWorkClient.tsx'

export async function MyWorkView(props: AdminViewServerProps) {
  const req = requireViewUser(props)
  let content
  try {
    content = <MyWorkClient {...await loadMyWork(req)} heading={false} />
  } catch (error) {
    content = <ViewRefusal {...viewProblem(error)} />
  }
  return (
    <AdminViewShell props={props} title="My work" description="Your projects, your roles in them, and what is waiting for you.">
      {content}
    </AdminViewShell>
  )
}
