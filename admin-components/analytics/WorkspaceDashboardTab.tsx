// The "Dashboard" tab of a workspace (/admin/collections/workspaces/:id/dashboard): for the workspace's Admins
// (the same check as the report's API), renders WorkspaceDashboardClient, which asks the workspace report's REST
// route for the figures.
import { Gutter } from '@payloadcms/ui'
import type { DocumentViewServerProps } from 'payload'

import { getOptions } from '../../src/context.ts'
import { parseDocumentId } from '../../src/domain/ids.ts'
import { assertWorkspaceReportReader } from '../../src/operations/workspaceAnalytics.ts'
import { requireViewUser, ViewRefusal, viewProblem } from '../shared/AdminView.tsx'
import { WorkspaceDashboardClient } from './WorkspaceDashboardClient.tsx'
import '../shared/labelops.css'

export async function WorkspaceDashboardTab(props: DocumentViewServerProps) {
  const req = requireViewUser(props)
  const { slugs } = getOptions(req.payload)
  const collection = req.payload.collections[slugs.workspaces]?.config
  const plural = collection?.labels?.plural
  let content
  try {
    const id = parseDocumentId(props.initPageResult.docID ?? props.doc?.id)
    if (id === undefined) throw new Error('no workspace')
    await assertWorkspaceReportReader(req, id)
    content = (
      <WorkspaceDashboardClient
        workspaceId={String(id)}
        apiRoute={req.payload.config.routes.api}
        adminRoute={req.payload.config.routes.admin}
        slugs={{ workspaces: slugs.workspaces, projects: slugs.projects }}
        stepNav={{ pluralLabel: typeof plural === 'string' ? plural : 'Workspaces', useAsTitle: collection?.admin?.useAsTitle ?? 'id' }}
      />
    )
  } catch (error) {
    content =
      error instanceof Error && error.message === 'no workspace' ? (
        <ViewRefusal status={404} message="This address names no workspace." />
      ) : (
        <ViewRefusal {...viewProblem(error)} />
      )
  }
  return <Gutter className="labelops-analytics-tab">{content}</Gutter>
}
