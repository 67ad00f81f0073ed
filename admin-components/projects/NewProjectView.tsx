// /admin/labelops/projects/new — setting a project up in steps. Only workspaces where the person may create
// projects (the capability table's `projects.create`) are offered; someone with none is told so.
import type { AdminViewServerProps } from 'payload'

import { loadActor } from '../../src/access/actor.ts'
import { can } from '../../src/access/grants.ts'
import { getOptions } from '../../src/context.ts'
import { AdminViewShell, requireViewUser, ViewRefusal } from '../shared/AdminView.tsx'
import { NewProjectClient } from './NewProjectClient.tsx'

export async function NewProjectView(props: AdminViewServerProps) {
  const req = requireViewUser(props)
  const { slugs } = getOptions(req.payload)
  const actor = await loadActor(req)
  const readable = await req.payload.find({ collection: slugs.workspaces, req, overrideAccess: false, depth: 0, limit: 500, sort: 'name' })
  const workspaces = readable.docs
    .filter((doc) => can(actor, 'projects.create', doc.id))
    .map((doc) => ({ id: doc.id, name: String((doc as { name?: unknown }).name ?? `Workspace ${doc.id}`) }))
  const adminRoute = req.payload.config.routes.admin === '/' ? '' : req.payload.config.routes.admin
  return (
    <AdminViewShell
      props={props}
      title="New project"
      description="Set a project up in a few steps: its data, what is labelled, how work flows and who does it."
      breadcrumbs={[{ label: 'Projects', url: `${adminRoute}/collections/${slugs.projects}` }, { label: 'New project' }]}
    >
      {workspaces.length === 0 ? (
        <ViewRefusal status={403} message="You cannot create projects in any workspace. A workspace Admin can make you a Member." />
      ) : (
        <NewProjectClient
          workspaces={workspaces}
          slugs={{
            projects: slugs.projects,
            datasets: slugs.datasets,
            ontologies: slugs.ontologies,
            workflowTemplates: slugs.workflowTemplates,
            userGroups: slugs.userGroups,
            workspaceMembers: slugs.workspaceMembers,
          }}
        />
      )}
    </AdminViewShell>
  )
}
