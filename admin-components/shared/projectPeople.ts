// The people and datasets of a project as the admin's filters list them: its direct collaborators and the
// members of its groups, named as readably as the person may read them; its datasets by name. Pure.
export type Related =
  { id: number | string; name?: string | null; email?: string | null; members?: unknown[] | null } | number | string | null
/** An option of a filter: a person's or a dataset's id and name */
export type PersonOption = { value: string; label: string }

const idOf = (value: Related | undefined) => (value && typeof value === 'object' ? value.id : value)

/** A project's datasets (populated or ids) as filter options. */
export function datasetOptions(datasets: Related[] | null | undefined): PersonOption[] {
  return (datasets ?? [])
    .filter((dataset) => idOf(dataset) !== undefined && idOf(dataset) !== null)
    .map((dataset) => ({
      value: String(idOf(dataset)),
      label: (typeof dataset === 'object' && dataset?.name) || `Dataset ${idOf(dataset)}`,
    }))
}

/** The people of a project (direct collaborators and the members of its groups), as readable as the person may read them. */
export function peopleOf(collaborators: Array<{ user?: Related; group?: Related }> | null | undefined): PersonOption[] {
  const people = new Map<string, string>()
  const add = (person: Related | undefined) => {
    const id = idOf(person)
    if (id === undefined || id === null) return
    const known = typeof person === 'object' && person ? person.name || person.email : undefined
    if (!people.has(String(id)) || known) people.set(String(id), known || `User ${id}`)
  }
  for (const row of collaborators ?? []) {
    add(row.user)
    if (row.group && typeof row.group === 'object') for (const member of row.group.members ?? []) add(member as Related)
  }
  return [...people].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label))
}
