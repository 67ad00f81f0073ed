'use client'
// What a new project can be made of in one workspace: its datasets, ontologies, workflow templates, user groups
// and members, by name, as the person may read them.
import { useConfig } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { WorkflowGraph } from '../../src/domain/workflow/graph.ts'

type Id = number | string
export type Named = { id: Id; name: string }
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
    const where = `where[workspace][equals]=${encodeURIComponent(String(workspace))}&limit=500&sort=name`
    const read = async (slug: string, extra = '&depth=0') => {
      const response = await fetch(`${api}/${slug}?${where}${extra}`, { credentials: 'include' })
      if (!response.ok) throw new Error(`reading ${slug} answered ${response.status}`)
      return ((await response.json()) as { docs: Array<Record<string, unknown>> }).docs
    }
    const named = (docs: Array<Record<string, unknown>>) =>
      docs.map((doc) => ({ id: doc.id as Id, name: String(doc.name ?? `#${doc.id}`) }))
    void Promise.all([
      read(slugs.datasets),
      read(slugs.ontologies),
      read(slugs.workflowTemplates),
      read(slugs.userGroups),
      // people are offered by name only to those who may read the members; the rest add groups
      read(slugs.workspaceMembers, '&depth=1').catch(() => []),
    ]).then(
      ([datasets, ontologies, templates, groups, members]) => {
        if (!live) return
        setCatalogue({
          loading: false,
          error: null,
          datasets: named(datasets),
          ontologies: named(ontologies),
          templates: templates.map((doc) => ({
            id: doc.id as Id,
            name: String(doc.name),
            description: doc.description as string | null,
            builtIn: doc.builtIn as boolean | null,
            graph: doc.graph as WorkflowGraph,
          })),
          groups: named(groups),
          people: members
            .map((member) => member.user as { id: Id; name?: string | null; email?: string } | Id | null)
            .filter((user): user is { id: Id; name?: string | null; email?: string } => !!user && typeof user === 'object')
            .map((user) => ({ id: user.id, name: user.name || user.email || `User ${user.id}` }))
            .sort((a, b) => a.name.localeCompare(b.name)),
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
