import type { CollectionBeforeChangeHook } from 'payload'

import { idOf, loadActor, projectRolesIn, roleIn, sameId } from '../src/access/actor.ts'
import { getOptions } from '../src/context.ts'
import { ConflictError, FieldRuleError, ForbiddenChangeError, ProjectNotActiveError } from '../src/errors.ts'
import { canInProject } from '../src/domain/projects/capabilities.ts'
import { archivedEditProblem, type ProjectActor, type ProjectStatus, statusChangeProblem } from '../src/domain/projects/status.ts'
import { type CollaboratorRow, collaboratorProblems } from '../src/domain/people/collaborators.ts'
import { isSystem, systemAccess } from '../src/system.ts'
import { isScoredKind } from '../src/domain/projects/kinds.ts'
import type { MembershipDoc } from '../src/types.ts'

const rowsOf = (value: unknown): CollaboratorRow[] =>
  Array.isArray(value) ? value.map((row) => ({ user: idOf(row?.user) ?? null, group: idOf(row?.group) ?? null, role: row?.role })) : []

/** Whoever creates a project becomes its first project Admin. */
export const addCreatorAsProjectAdmin: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation !== 'create' || !req.user) return data
  const rows = rowsOf(data.collaborators)
  if (rows.some((row) => sameId(row.user, req.user!.id) && row.role === 'admin')) return data
  return { ...data, collaborators: [...(data.collaborators ?? []), { user: req.user.id, role: 'admin' }] }
}

/** Status moves, the archived lock, collaborators, and datasets/ontology from the project's own workspace. */
export const enforceProjectRules: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (isSystem(req)) return data
  const actor = (await loadActor(req))!
  const workspace = idOf(data.workspace ?? originalDoc?.workspace)
  const projectActor: ProjectActor = {
    superAdmin: actor.superAdmin,
    workspaceRole: roleIn(actor, workspace),
    projectRoles: operation === 'create' ? ['admin'] : projectRolesIn(actor, originalDoc?.id),
  }

  if (operation === 'update') {
    const locked = archivedEditProblem(projectActor, originalDoc?.status)
    if (locked) throw new ProjectNotActiveError(locked)
  }

  // benchmark, training or standard decides how tasks are served and scored: fixed once anyone was served a task
  // (the journal reads claims by it), and a benchmark stays one while a project requires it
  if (operation === 'update' && data.kind !== undefined && data.kind !== originalDoc?.kind)
    await checkKindChange(req, originalDoc as { id: number | string; kind?: string })

  const from = (operation === 'update' ? originalDoc?.status : 'not-started') as ProjectStatus
  if (data.status === null) throw new FieldRuleError('status', 'is required')
  const to = (data.status ?? from) as ProjectStatus
  const statusProblem = statusChangeProblem(projectActor, from, to)
  if (statusProblem) {
    throw canInProject(projectActor, 'project.status.update')
      ? new ConflictError(`status: ${statusProblem}`, { field: 'status' })
      : new ForbiddenChangeError('status', statusProblem)
  }

  await checkCollaborators({
    req,
    workspace: workspace!,
    rows: rowsOf(data.collaborators ?? originalDoc?.collaborators),
    previous: rowsOf(originalDoc?.collaborators),
    projectActor,
    operation,
  })
  await checkSameWorkspace({ req, workspace: workspace!, datasets: (data.datasets ?? []).map(idOf), ontology: idOf(data.ontology) })
  const benchmark = idOf(data.requiresBenchmark)
  if (benchmark !== undefined && benchmark !== null)
    await checkRequiredBenchmark({ req, workspace: workspace!, benchmark, self: originalDoc?.id, kind: data.kind ?? originalDoc?.kind })
  return data
}

async function checkCollaborators({
  req,
  workspace,
  rows,
  previous,
  projectActor,
  operation,
}: {
  req: Parameters<CollectionBeforeChangeHook>[0]['req']
  workspace: number | string
  rows: CollaboratorRow[]
  previous: CollaboratorRow[]
  projectActor: ProjectActor
  operation: string
}) {
  const { slugs } = getOptions(req.payload)
  const users = [
    ...new Set(
      rows
        .map((row) => row.user)
        .filter((id) => id != null)
        .map(String),
    ),
  ]
  const groups = [
    ...new Set(
      rows
        .map((row) => row.group)
        .filter((id) => id != null)
        .map(String),
    ),
  ]
  const members =
    users.length === 0
      ? []
      : ((
          await req.payload.find({
            collection: slugs.workspaceMembers,
            where: { and: [{ workspace: { equals: workspace } }, { user: { in: users } }] },
            depth: 0,
            pagination: false,
            ...systemAccess(req),
          })
        ).docs as unknown as MembershipDoc[])
  const groupDocs =
    groups.length === 0
      ? []
      : (
          await req.payload.find({
            collection: slugs.userGroups,
            where: { and: [{ workspace: { equals: workspace } }, { id: { in: groups } }] },
            depth: 0,
            pagination: false,
            ...systemAccess(req),
          })
        ).docs
  const [problem] = collaboratorProblems({
    rows,
    previous: operation === 'create' ? rows : previous,
    isWorkspaceMember: (user) => members.some((m) => sameId(idOf(m.user), user)),
    isWorkspaceGroup: (group) => groupDocs.some((g) => sameId(g.id, group)),
    actorMayManageAdmins: canInProject(projectActor, 'project.collaborators.admins'),
  })
  if (problem)
    throw problem.status === 403
      ? new ForbiddenChangeError(problem.path, problem.message)
      : new FieldRuleError(problem.path, problem.message)
}

async function checkSameWorkspace({
  req,
  workspace,
  datasets,
  ontology,
}: {
  req: Parameters<CollectionBeforeChangeHook>[0]['req']
  workspace: number | string
  datasets: Array<number | string | undefined>
  ontology: number | string | undefined
}) {
  const { slugs } = getOptions(req.payload)
  const wanted = datasets.filter((id) => id !== undefined) as Array<number | string>
  if (wanted.length > 0) {
    const found = (
      await req.payload.find({
        collection: slugs.datasets,
        where: { and: [{ workspace: { equals: workspace } }, { id: { in: wanted } }] },
        depth: 0,
        pagination: false,
        ...systemAccess(req),
      })
    ).docs
    const index = wanted.findIndex((id) => !found.some((doc) => sameId(doc.id, id)))
    if (index >= 0) throw new FieldRuleError(`datasets[${index}]`, `dataset ${wanted[index]} is not a dataset of this workspace`)
  }
  if (ontology !== undefined) {
    const { totalDocs } = await req.payload.count({
      collection: slugs.ontologies,
      where: { and: [{ workspace: { equals: workspace } }, { id: { equals: ontology } }] },
      ...systemAccess(req),
    })
    if (totalDocs === 0) throw new FieldRuleError('ontology', `ontology ${ontology} is not an ontology of this workspace`)
  }
}

/** The benchmark a project requires: a benchmark project of the same workspace, for a project that is not scored itself. */
async function checkRequiredBenchmark({
  req,
  workspace,
  benchmark,
  self,
  kind,
}: {
  req: Parameters<CollectionBeforeChangeHook>[0]['req']
  workspace: number | string
  benchmark: number | string
  self: number | string | undefined
  kind: string | undefined
}) {
  if (isScoredKind(kind)) throw new FieldRuleError('requiresBenchmark', 'only a standard project may require a benchmark')
  if (self !== undefined && sameId(self, benchmark)) throw new FieldRuleError('requiresBenchmark', 'a project cannot require itself')
  const { slugs } = getOptions(req.payload)
  const { totalDocs } = await req.payload.count({
    collection: slugs.projects,
    where: { and: [{ workspace: { equals: workspace } }, { id: { equals: benchmark } }, { kind: { equals: 'benchmark' } }] },
    ...systemAccess(req),
  })
  if (totalDocs === 0) throw new FieldRuleError('requiresBenchmark', `project ${benchmark} is not a benchmark project of this workspace`)
}

async function checkKindChange(req: Parameters<CollectionBeforeChangeHook>[0]['req'], project: { id: number | string; kind?: string }) {
  const { slugs } = getOptions(req.payload)
  const { totalDocs: served } = await req.payload.count({
    collection: slugs.taskEvents,
    where: { and: [{ project: { equals: project.id } }, { type: { equals: 'claimed' } }] },
    ...systemAccess(req),
  })
  if (served > 0)
    throw new ConflictError(`kind: a project's kind is fixed once tasks were served (it is ${project.kind ?? 'standard'})`, {
      field: 'kind',
    })
  if (project.kind !== 'benchmark') return
  const { totalDocs: screened } = await req.payload.count({
    collection: slugs.projects,
    where: { requiresBenchmark: { equals: project.id } },
    ...systemAccess(req),
  })
  if (screened > 0)
    throw new ConflictError(`kind: ${screened} project(s) require this benchmark: choose another there first`, { field: 'kind' })
}
