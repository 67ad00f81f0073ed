// The "Analytics" tab of a project (/admin/collections/projects/:id/analytics): the server checks the person
// (signed in; in the project; `project.analytics.read` — the team for those who run it, one's own figures for
// the rest), reads the project's stages, datasets, people and ontology classes for the filters, and renders
// AnalyticsClient, which asks the analytics operation's REST route for the figures.
import { Gutter } from '@payloadcms/ui'
import type { DocumentViewServerProps } from 'payload'

import { assertCan } from '../../src/access/assertCan.ts'
import { getOptions } from '../../src/context.ts'
import { parseDocumentId } from '../../src/domain/ids.ts'
import { canInProject } from '../../src/domain/projects/capabilities.ts'
import { loadProjectContext } from '../../src/operations/projectContext.ts'
import { requireViewUser, ViewRefusal, viewProblem } from '../shared/AdminView.tsx'
import { datasetOptions, peopleOf, type Related } from '../shared/projectPeople.ts'
import { AnalyticsClient } from './AnalyticsClient.tsx'
import '../shared/labelops.css'

export async function AnalyticsTab(props: DocumentViewServerProps) {
  const req = requireViewUser(props)
  const { slugs } = getOptions(req.payload)
  const collection = req.payload.collections[slugs.projects]?.config
  const plural = collection?.labels?.plural
  let content
  try {
    const id = parseDocumentId(props.initPageResult.docID ?? props.doc?.id)
    if (id === undefined) throw new Error('no project')
    const { project, projectActor } = await loadProjectContext(req, id)
    assertCan(projectActor, 'project.analytics.read')
    const doc = (await req.payload.findByID({
      collection: slugs.projects,
      id,
      depth: 2,
      req,
      overrideAccess: false,
      disableErrors: true,
      select: { name: true, datasets: true, collaborators: true, ontology: true },
    })) as {
      name?: string
      datasets?: Related[]
      collaborators?: Array<{ user?: Related; group?: Related }>
      ontology?: { objects?: Array<{ id: string; name: string }>; classifications?: Array<{ id: string; name: string }> } | null
    } | null
    const ontology = doc?.ontology && typeof doc.ontology === 'object' ? doc.ontology : null
    content = (
      <AnalyticsClient
        projectId={String(project.id)}
        projectName={doc?.name ?? `Project ${project.id}`}
        apiRoute={req.payload.config.routes.api}
        slugs={{ projects: slugs.projects }}
        stepNav={{ pluralLabel: typeof plural === 'string' ? plural : 'Projects', useAsTitle: collection?.admin?.useAsTitle ?? 'id' }}
        team={canInProject(projectActor, 'project.analytics.read', 'team')}
        stages={(project.workflow?.stages ?? [])
          .filter((stage) => stage.type !== 'router')
          .map((stage) => ({ value: stage.id, label: stage.name ?? stage.id }))}
        datasets={datasetOptions(doc?.datasets)}
        people={peopleOf(doc?.collaborators)}
        classes={[...(ontology?.objects ?? []), ...(ontology?.classifications ?? [])].map((feature) => ({
          value: feature.id,
          label: feature.name,
        }))}
      />
    )
  } catch (error) {
    content =
      error instanceof Error && error.message === 'no project' ? (
        <ViewRefusal status={404} message="This address names no project." />
      ) : (
        <ViewRefusal {...viewProblem(error)} />
      )
  }
  return <Gutter className="labelops-analytics-tab">{content}</Gutter>
}
