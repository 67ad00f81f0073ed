// The "My work" panel above the dashboard's cards (admin.components.beforeDashboard). The dashboard hands
// server props without a request: one is made for the signed-in user, and the operation decides the rest.
import { createLocalReq, type ServerProps } from 'payload'

import { loadMyWork } from './loadMyWork.ts'
import { MyWorkClient } from './MyWorkClient.tsx'
import { ViewRefusal, viewProblem } from '../shared/AdminView.tsx'
import '../shared/labelops.css'

export async function MyWork({ payload, user }: ServerProps) {
  if (!user) return null
  const req = await createLocalReq({ user: user as Parameters<typeof createLocalReq>[0]['user'] }, payload)
  try {
    return <MyWorkClient {...await loadMyWork(req)} />
  } catch (error) {
    return <ViewRefusal {...viewProblem(error)} />
  }
}
