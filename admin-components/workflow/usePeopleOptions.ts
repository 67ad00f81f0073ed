'use client'
// The people and groups a stage can be assigned to: the workspace's members and user groups, by name.
import { useConfig } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { type Named, namedDocs, peopleOfMembers, readWorkspaceDocs } from '../shared/workspaceDocs.ts'

export type PersonOrGroup = { value: string; label: string; ref: number | string }
export type PeopleOptions = { users: PersonOrGroup[]; groups: PersonOrGroup[] }

type Slugs = { workspaceMembers: string; userGroups: string }

const asOption = ({ id, name }: Named): PersonOrGroup => ({ value: String(id), label: name, ref: id })

export function usePeopleOptions(workspace: unknown, slugs: Slugs): PeopleOptions {
  const { config } = useConfig()
  const [options, setOptions] = useState<PeopleOptions>({ users: [], groups: [] })
  const workspaceId = workspace && typeof workspace === 'object' ? (workspace as { id: number | string }).id : workspace
  useEffect(() => {
    if (workspaceId === undefined || workspaceId === null || workspaceId === '') return
    const api = `${config.serverURL}${config.routes.api}`
    const id = workspaceId as number | string
    let live = true
    // what cannot be read is not offered
    void Promise.all([
      // a workforce's Taskers add up: stages are assigned from up to 1,000 people and groups
      readWorkspaceDocs(api, slugs.workspaceMembers, id, { depth: 1, limit: 1000 }).catch(() => []),
      readWorkspaceDocs(api, slugs.userGroups, id, { sort: 'name', limit: 1000 }).catch(() => []),
    ]).then(([members, groups]) => {
      if (live) setOptions({ users: peopleOfMembers(members).map(asOption), groups: namedDocs(groups).map(asOption) })
    })
    return () => {
      live = false
    }
  }, [config.serverURL, config.routes.api, workspaceId, slugs.workspaceMembers, slugs.userGroups])
  return options
}
