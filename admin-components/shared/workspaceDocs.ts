// A workspace's documents for the admin's pickers (the workflow builder, project setup): one way to read them
// (filtered to the workspace, with the session's cookie, a refusal thrown) and one way to name its people.
export type Id = number | string
export type Named = { id: Id; name: string }
type Doc = Record<string, unknown>

/** The workspace's documents of one collection, as the signed-in person may read them. */
export async function readWorkspaceDocs(
  api: string,
  slug: string,
  workspace: Id,
  { depth = 0, sort, limit = 500 }: { depth?: number; sort?: string; limit?: number } = {},
): Promise<Doc[]> {
  const query = `where[workspace][equals]=${encodeURIComponent(String(workspace))}&limit=${limit}&depth=${depth}${sort ? `&sort=${sort}` : ''}`
  const response = await fetch(`${api}/${slug}?${query}`, { credentials: 'include' })
  if (!response.ok) throw new Error(`reading ${slug} answered ${response.status}`)
  return ((await response.json()) as { docs: Doc[] }).docs
}

/** Documents by their name. */
export const namedDocs = (docs: Doc[]): Named[] => docs.map((doc) => ({ id: doc.id as Id, name: String(doc.name ?? `#${doc.id}`) }))

/** The people of workspace memberships read at depth 1: by name (or email), each once, in alphabetical order. */
export function peopleOfMembers(members: Doc[]): Named[] {
  const people = new Map<string, Named>()
  for (const member of members) {
    const user = member.user as { id: Id; name?: string | null; email?: string | null } | Id | null | undefined
    if (user === undefined || user === null) continue
    const id = typeof user === 'object' ? user.id : user
    const name = (typeof user === 'object' && (user.name || user.email)) || `User ${id}`
    people.set(String(id), { id, name })
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name))
}
