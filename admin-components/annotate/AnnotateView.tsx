// /admin/labelops/annotate/:projectId — the Annotator workspace ("Start labelling"). The server checks the
// person (signed in; may be served tasks in this project: the claim operation's own check, `project.claim`
// among it) and renders the client, which claims, saves, submits and skips through the REST routes of the
// same operations.
import type { AdminViewServerProps } from 'payload'

import { adminHref, viewParams } from '../../src/admin/views.ts'
import { getOptions } from '../../src/context.ts'
import { claimSchema, queueContext } from '../../src/operations/claimNextTask.ts'
import { parseInput } from '../../src/operations/input.ts'
import { AdminViewShell, requireViewUser, ViewRefusal, viewProblem } from '../shared/AdminView.tsx'
import { AnnotateClient } from './AnnotateClient.tsx'

export async function AnnotateView(props: AdminViewServerProps) {
  const req = requireViewUser(props)
  const segments = props.params?.segments
  const projectId = viewParams('annotate', Array.isArray(segments) ? segments : undefined)?.projectId
  const { slugs, mediaCollection } = getOptions(req.payload)
  const { routes } = req.payload.config
  let title = 'Start labelling'
  let content
  try {
    if (!projectId) throw new Error('no project in the address')
    const id = parseInput(claimSchema, { project: projectId }).project!
    // the name, as far as the person may read the project (the refusals below say why they cannot work it)
    const doc = (await req.payload.findByID({
      collection: slugs.projects,
      id,
      depth: 0,
      req,
      overrideAccess: false,
      disableErrors: true,
      select: { name: true },
    })) as { name?: string } | null
    if (doc?.name) title = doc.name
    // 404 outside the project, 423 unless In progress, 403 without project.claim or a stage to work
    const { project } = await queueContext(req, id)
    content = (
      <AnnotateClient
        projectId={String(project.id)}
        projectName={doc?.name ?? `project ${project.id}`}
        apiRoute={routes.api}
        slugs={{ projects: slugs.projects, tasks: slugs.tasks, issues: slugs.issues, media: mediaCollection || null }}
        homeHref={adminHref(routes.admin, 'home')}
        stages={Object.fromEntries((project.workflow?.stages ?? []).map((stage) => [stage.id, { type: stage.type, name: stage.name }]))}
      />
    )
  } catch (error) {
    content =
      error instanceof Error && error.message === 'no project in the address' ? (
        <ViewRefusal status={404} message="This address names no project." />
      ) : (
        <>
          <ViewRefusal {...viewProblem(error)} />
          <p className="labelops-refusal__next" style={{ marginTop: 'calc(var(--base) * 0.75)' }}>
            <a href={adminHref(routes.admin, 'home')}>Back to my work</a>
          </p>
        </>
      )
  }
  return (
    <AdminViewShell props={props} title={title}>
      {content}
    </AdminViewShell>
  )
}
