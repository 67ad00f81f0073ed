'use client'
// The people and groups a stage can be assigned to: the workspace's members and user groups, by name.
import { useConfig } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

export type PersonOrGroup = { value: string; label: string; ref: number | string }
export type PeopleOptions = { users: PersonOrGroup[]; groups: PersonOrGroup[] }

type Slugs = { workspaceMembers: string; userGroups: string }
type Named = { id: number | string; name?: string | null; email?: string | null }

const byLabel = (a: PersonOrGroup, b: PersonOrGroup) => a.label.localeCompare(b.label)

export function usePeopleOptions(workspace: unknown, slugs: Slugs): PeopleOptions {
  const { config } = useConfig()
  const [options, setOptions] = useState<PeopleOptions>({ users: [], groups: [] })
  const workspaceId = workspace && typeof workspace === 'object' ? (workspace as Named).id : workspace
  useEffect(() => {
    if (workspaceId === undefined || workspaceId === null || workspaceId === '') return
    const api = `${config.serverURL}${config.routes.api}`
    const where = `where[workspace][equals]=${encodeURIComponent(String(workspaceId))}&limit=1000`
    let live = true
    const read = async (url: string) => {
      const response = await fetch(url, { credentials: 'include' })
      return response.ok ? ((await response.json()) as { docs: Array<Record<string, unknown>> }).docs : []
    }
    void Promise.all([read(`${api}/${slugs.workspaceMembers}?${where}&depth=1`), read(`${api}/${slugs.userGroups}?${where}&depth=0`)]).then(
      ([members, groups]) => {
        if (!live) return
        const users = new Map<string, PersonOrGroup>()
        for (const member of members) {
          const user = member.user as Named | number | string | undefined
          if (user === undefined || user === null) continue
          const id = typeof user === 'object' ? user.id : user
          const label = (typeof user === 'object' && (user.name || user.email)) || `User ${id}`
          users.set(String(id), { value: String(id), label, ref: id })
        }
        setOptions({
          users: [...users.values()].sort(byLabel),
          groups: groups
            .map((group) => ({
              value: String(group.id),
              label: String(group.name ?? `Group ${group.id}`),
              ref: group.id as number | string,
            }))
            .sort(byLabel),
        })
      },
    )
    return () => {
      live = false
    }
  }, [config.serverURL, config.routes.api, workspaceId, slugs.workspaceMembers, slugs.userGroups])
  return options
}
