'use client'
// What a new project can be made of in one workspace: its datasets, ontologies, workflow templates, user groups
// and members, by name, as the person may read them.
import { useConfig } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { type Id, type Named, namedDocs, peopleOfMembers, readWorkspaceDocs } from '../shared/workspaceDocs.ts'

export type { Named }
export type TemplateOption = Named & { description?: string | null; builtIn?: boolean | null; graph?: WorkflowGraph }
export type Catalogue = {
  loading: boolean
  /** why the workspace's parts could not be read (the steps say so instead of "none") */
  error: string | null
  datasets: Named[]
  ontologies: Named[]
  templates: TemplateOption[]
  groups: Named[]
  people: Named[]
}

export type CatalogueSlugs = {
  datasets: string
  ontologies: string
  workflowTemplates: string
  userGroups: string
  workspaceMembers: string
}

const EMPTY: Catalogue = { loading: false, error: null, datasets: [], ontologies: [], templates: [], groups: [], people: [] }

export function useWorkspaceCatalogue(workspace: Id | null, slugs: CatalogueSlugs): Catalogue {
  const { config } = useConfig()
  const [catalogue, setCatalogue] = useState<Catalogue>(EMPTY)
  useEffect(() => {
    if (workspace === null) return setCatalogue(EMPTY)
    let live = true
    setCatalogue({ ...EMPTY, loading: true })
    const api = `${config.serverURL}${config.routes.api}`
    const read = (slug: string) => readWorkspaceDocs(api, slug, workspace, { sort: 'name' })
    void Promise.all([
      read(slugs.datasets),
      read(slugs.ontologies),
      read(slugs.workflowTemplates),
      read(slugs.userGroups),
      // people are offered by name only to those who may read the members; the rest add groups
      readWorkspaceDocs(api, slugs.workspaceMembers, workspace, { depth: 1 }).catch(() => []),
    ]).then(
      ([datasets, ontologies, templates, groups, members]) => {
        if (!live) return
        setCatalogue({
          loading: false,
          error: null,
          datasets: namedDocs(datasets),
          ontologies: namedDocs(ontologies),
          templates: templates.map((doc) => ({
            id: doc.id as Id,
            name: String(doc.name),
            description: doc.description as string | null,
            builtIn: doc.builtIn as boolean | null,
            graph: doc.graph as WorkflowGraph,
          })),
          groups: namedDocs(groups),
          people: peopleOfMembers(members),
        })
      },
      (error: unknown) => {
        if (live)
          setCatalogue({
            ...EMPTY,
            error: error instanceof Error && !/fetch/i.test(error.message) ? error.message : 'The server cannot be reached.',
          })
      },
    )
    return () => {
      live = false
    }
  }, [config.serverURL, config.routes.api, workspace, slugs])
  return catalogue
}
