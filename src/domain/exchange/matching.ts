/**
 * Which of the project's tasks each imported record is for: the task it names, if it is the project's;
 * otherwise the one task whose data item has that external id, otherwise that name. A record that matches
 * none, or several, or a task an earlier record took, is a problem named by its place in the file. Pure.
 */
import type { ImportRecord, RowProblem } from './importRecords.ts'

export type TaskCandidate = { task: string; externalId: string | null; name: string; frames: number | null; textLength: number | null }
export type MatchedRecord = ImportRecord & { candidate: TaskCandidate }

export function matchRecords(records: readonly ImportRecord[], candidates: readonly TaskCandidate[]) {
  const byTask = new Map(candidates.map((candidate) => [candidate.task, candidate]))
  const byExternal = groupBy(candidates, (candidate) => candidate.externalId)
  const byName = groupBy(candidates, (candidate) => candidate.name)
  const taken = new Map<string, string>()
  const matched: MatchedRecord[] = []
  const problems: RowProblem[] = []
  for (const record of records) {
    const { task, externalId, name } = record.match
    const options =
      (task && byTask.has(task) ? [byTask.get(task)!] : undefined) ??
      (externalId ? byExternal.get(externalId) : undefined) ??
      (name ? byName.get(name) : undefined) ??
      []
    if (options.length === 0) {
      problems.push({ path: record.at, message: `matches no task of this project (${describe(record.match)})` })
      continue
    }
    if (options.length > 1) {
      problems.push({
        path: record.at,
        message: `matches ${options.length} tasks (${describe(record.match)} names several of this project's items): give the data item's externalId or the task`,
      })
      continue
    }
    const candidate = options[0]!
    const earlier = taken.get(candidate.task)
    if (earlier) {
      problems.push({ path: record.at, message: `is for the same task as ${earlier}: one label per task` })
      continue
    }
    taken.set(candidate.task, record.at)
    matched.push({ ...record, candidate })
  }
  return { matched, problems }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const value = key(item)
    if (value == null) continue
    const group = groups.get(value)
    if (group) group.push(item)
    else groups.set(value, [item])
  }
  return groups
}

const describe = (match: ImportRecord['match']) =>
  [match.task && `task ${match.task}`, match.externalId && `externalId "${match.externalId}"`, match.name && `name "${match.name}"`]
    .filter(Boolean)
    .join(', ')
