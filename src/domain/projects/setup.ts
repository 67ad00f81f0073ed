// Setting a project up in steps (admin-components/projects/NewProject*): the steps, a draft's problems by step, and
// the project it becomes. Pure; the server still decides (its answer is shown where it applies).
import type { ProjectRole } from '../../roles.ts'
import { isEndStage, stageById, startStageId, type WorkflowGraph } from '../workflow/graph.ts'
import { isScoredKind, PROJECT_KINDS, type ProjectKind } from './kinds.ts'
import { LEASE_MINUTES, REWORK_ASSIGNMENTS, type ReworkAssignment, SKIP_POLICIES, type SkipPolicy } from './settings.ts'

type Id = number | string

export const SETUP_STEPS = [
  { key: 'basics', title: 'Name and kind' },
  { key: 'data', title: 'Datasets' },
  { key: 'ontology', title: 'Ontology' },
  { key: 'workflow', title: 'Workflow' },
  { key: 'people', title: 'Collaborators' },
  { key: 'settings', title: 'Settings' },
  { key: 'review', title: 'Review and create' },
] as const
export type SetupStep = (typeof SETUP_STEPS)[number]['key']

export type CollaboratorDraft = { kind: 'user' | 'group'; id: Id | null; role: ProjectRole }

export type ProjectDraft = {
  workspace: Id | null
  name: string
  kind: ProjectKind
  datasets: Id[]
  ontology: Id | null
  workflowTemplate: Id | null
  collaborators: CollaboratorDraft[]
  settings: { leaseMinutes: number; skipPolicy: SkipPolicy; reworkAssignment: ReworkAssignment; allowSelfReview: boolean }
}

export function emptyDraft(workspace: Id | null = null): ProjectDraft {
  return {
    workspace,
    name: '',
    kind: 'standard',
    datasets: [],
    ontology: null,
    workflowTemplate: null,
    collaborators: [],
    settings: {
      leaseMinutes: LEASE_MINUTES.default,
      skipPolicy: SKIP_POLICIES[0],
      reworkAssignment: REWORK_ASSIGNMENTS[0],
      allowSelfReview: false,
    },
  }
}

export type DraftProblems = Partial<Record<SetupStep, string[]>>

/** What keeps the draft from being created, by step (blocking), and what it will lack (notes, not blocking). */
export function draftProblems(draft: ProjectDraft): { blocking: DraftProblems; notes: DraftProblems } {
  const blocking: DraftProblems = {}
  const notes: DraftProblems = {}
  const add = (into: DraftProblems, step: SetupStep, message: string) => void (into[step] = [...(into[step] ?? []), message])
  if (draft.workspace === null) add(blocking, 'basics', 'Choose the workspace the project belongs to.')
  const name = draft.name.trim()
  if (!name) add(blocking, 'basics', 'Give the project a name.')
  else if (name.length > 200) add(blocking, 'basics', `The name is ${name.length} characters; at most 200.`)
  if (!(PROJECT_KINDS as readonly string[]).includes(draft.kind)) add(blocking, 'basics', 'Choose what kind of project it is.')
  const seats = new Set<string>()
  draft.collaborators.forEach((row, index) => {
    if (row.id === null) add(blocking, 'people', `Row ${index + 1}: choose a ${row.kind === 'user' ? 'person' : 'group'}.`)
    const seat = `${row.kind}:${row.id}:${row.role}`
    if (row.id !== null && seats.has(seat)) add(blocking, 'people', `Row ${index + 1} repeats an earlier row.`)
    seats.add(seat)
  })
  const lease = draft.settings.leaseMinutes
  if (!Number.isInteger(lease) || lease < LEASE_MINUTES.min || lease > LEASE_MINUTES.max)
    add(blocking, 'settings', `The lease is whole minutes from ${LEASE_MINUTES.min} to ${LEASE_MINUTES.max}.`)

  if (draft.datasets.length === 0) add(notes, 'data', 'No datasets yet: the project has no tasks until one is attached.')
  if (draft.ontology === null) add(notes, 'ontology', 'No ontology yet: annotators cannot label until one is chosen.')
  if (draft.workflowTemplate === null) add(notes, 'workflow', 'No workflow yet: tasks are created once a workflow is chosen.')
  if (!draft.collaborators.some((row) => row.role === 'annotator'))
    add(notes, 'people', 'Nobody is an Annotator yet: nobody can be served this project’s tasks.')
  if (isScoredKind(draft.kind) && draft.datasets.length > 0)
    add(notes, 'data', 'A scored project serves only tasks with a gold label: import them on the project after creating it.')
  return { blocking, notes }
}

/** Whether the draft may be created: no blocking problem on any step. */
export const canCreate = (draft: ProjectDraft) => Object.keys(draftProblems(draft).blocking).length === 0

/** The project the draft becomes: the body of POST /api/projects (status Not started; the creator is its Admin). */
export function projectBody(draft: ProjectDraft): Record<string, unknown> {
  return {
    workspace: draft.workspace,
    name: draft.name.trim(),
    kind: draft.kind,
    datasets: draft.datasets,
    ...(draft.ontology !== null ? { ontology: draft.ontology } : {}),
    ...(draft.workflowTemplate !== null ? { workflowTemplate: draft.workflowTemplate } : {}),
    collaborators: draft.collaborators
      .filter((row) => row.id !== null)
      .map((row) => (row.kind === 'user' ? { user: row.id, role: row.role } : { group: row.id, role: row.role })),
    settings: { ...draft.settings },
  }
}

/** A workflow as one line: its stage names in the order a task meets them (breadth-first from the start), ends last. */
export function stageLine(graph: WorkflowGraph | null | undefined): string {
  if (!graph || !Array.isArray(graph.stages) || graph.stages.length === 0) return ''
  const order: string[] = []
  const queue = [startStageId(graph)!]
  while (queue.length > 0) {
    const id = queue.shift()!
    if (order.includes(id)) continue
    order.push(id)
    for (const edge of graph.edges ?? []) if (edge.from === id && !order.includes(edge.to)) queue.push(edge.to)
  }
  const stages = order.map((id) => stageById(graph, id)).filter((stage) => stage !== undefined)
  const ends = (stage: (typeof stages)[number]) => (isEndStage(stage) ? 1 : 0)
  return [...stages]
    .sort((a, b) => ends(a) - ends(b))
    .map((stage) => stage.name)
    .join(' → ')
}
