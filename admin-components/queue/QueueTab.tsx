// The "Queue" tab of a project (/admin/collections/projects/:id/queue): the server checks the person (signed
// in; `project.queue.read` in this project — managers read every task, workers the slice the listing gives
// them), loads the first page through the listQueue operation (the same one REST and GraphQL call), the
// project's stages, datasets and people, and renders QueueClient, which filters, pages and runs bulk actions
// through the REST routes.
import { Gutter } from '@payloadcms/ui'
import type { DocumentViewServerProps } from 'payload'

import { getOptions } from '../../src/context.ts'
import { canInProject } from '../../src/domain/projects/capabilities.ts'
import { listQueue } from '../../src/operations/listQueue.ts'
import { loadProjectContext } from '../../src/operations/projectContext.ts'
import { parseDocumentId } from '../../src/domain/ids.ts'
import { requireViewUser, ViewRefusal, viewProblem, type ViewRequest } from '../shared/AdminView.tsx'
import { datasetOptions, peopleOf, type Related } from '../shared/projectPeople.ts'
import { filtersFromSearch, listingQuery, withFilter, type QueueFilters } from './queueState.ts'
import { QueueClient, type QueueListingView, type QueueStage } from './QueueClient.tsx'
import '../shared/labelops.css'

/** A listing as plain props (timestamps as ISO strings). */
async function loadListing(req: ViewRequest, project: number | string, filters: QueueFilters): Promise<QueueListingView> {
  const listing = await listQueue({ req, input: { project, query: Object.fromEntries(listingQuery(filters)) } })
  return {
    ...listing,
    docs: listing.docs.map((row) => ({
      ...row,
      leaseExpiresAt: row.leaseExpiresAt === null ? null : new Date(row.leaseExpiresAt).toISOString(),
    })),
  }
}

export async function QueueTab(props: DocumentViewServerProps) {
  const req = requireViewUser(props)
  const { slugs } = getOptions(req.payload)
  const { routes } = req.payload.config
  const collection = req.payload.collections[slugs.projects]?.config
  const plural = collection?.labels?.plural
  let content
  try {
    const id = parseDocumentId(props.initPageResult.docID ?? props.doc?.id)
    if (id === undefined) throw new Error('no project')
    // 404 outside the project; the listing below says 403 without project.queue.read, 423 when closed to the person
    const { project, projectActor } = await loadProjectContext(req, id)
    const stages: QueueStage[] = (project.workflow?.stages ?? []).map((stage) => ({ id: stage.id, name: stage.name, type: stage.type }))
    const filters = filtersFromSearch(
      props.searchParams as Record<string, string | string[] | undefined> | undefined,
      stages.map((stage) => stage.id),
    )
    // the page, the stage cards and the project's names and people at once (no transaction: separate connections)
    const [listing, stageTotals, doc] = await Promise.all([
      loadListing(req, id, filters),
      // the stage cards count every stage, whatever stage is picked
      filters.stage
        ? listQueue({
            req,
            input: { project: id, query: { ...Object.fromEntries(listingQuery(withFilter(filters, 'stage', undefined))), limit: '1' } },
          }).then((answer) => answer.totals)
        : null,
      req.payload.findByID({
        collection: slugs.projects,
        id,
        depth: 2,
        req,
        overrideAccess: false,
        disableErrors: true,
        select: { name: true, datasets: true, collaborators: true },
      }) as Promise<{ name?: string; datasets?: Related[]; collaborators?: Array<{ user?: Related; group?: Related }> } | null>,
    ])
    const datasets = datasetOptions(doc?.datasets)
    content = (
      <QueueClient
        projectId={String(project.id)}
        projectName={doc?.name ?? `Project ${project.id}`}
        apiRoute={routes.api}
        adminRoute={routes.admin}
        slugs={{ projects: slugs.projects, tasks: slugs.tasks, issues: slugs.issues }}
        stepNav={{ pluralLabel: typeof plural === 'string' ? plural : 'Projects', useAsTitle: collection?.admin?.useAsTitle ?? 'id' }}
        stages={stages}
        datasets={datasets}
        people={peopleOf(doc?.collaborators)}
        team={canInProject(projectActor, 'project.queue.read', 'team')}
        canBulk={canInProject(projectActor, 'project.bulk', 'team')}
        canTransfer={canInProject(projectActor, 'project.labels.export') && canInProject(projectActor, 'project.labels.import')}
        initialFilters={filters}
        initialListing={listing}
        initialStageTotals={(stageTotals ?? listing.totals).byStage}
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
  return <Gutter className="labelops-queue-tab">{content}</Gutter>
}
