import type { CollectionBeforeValidateHook } from 'payload'

import { idOf, loadActor, projectActorOf, roleIn } from '../src/access/actor.ts'
import { projectScopeOf } from '../src/domain/projects/capabilities.ts'
import { getOptions } from '../src/context.ts'
import { FieldRuleError, ForbiddenChangeError } from '../src/errors.ts'
import {
  anchorProblems,
  type Comment,
  editProblem,
  mergeComments,
  participantsOf,
  raiseProblem,
  unknownTags,
} from '../src/domain/issues/rules.ts'
import { assertProjectWritable } from '../src/operations/projectGate.ts'
import { isSystem, systemAccess } from '../src/system.ts'
import type { Id } from '../src/types.ts'

type TaskDoc = {
  id: Id
  workspace: Id
  project: Id
  dataItem: Id
  assignee?: Id | null
  leaseHolder?: Id | null
  lastActorByStage?: Record<string, Id> | null
}

/** Who worked a task: whoever submitted or decided a stage, holds its lease, or has it reserved. */
const workersOf = (task: TaskDoc): Id[] =>
  [...Object.values(task.lastActorByStage ?? {}), task.leaseHolder, task.assignee].filter((id): id is Id => id != null)

/**
 * An issue is raised on a task by someone who works it (or runs the project); it takes the task's workspace,
 * project and data item. Tags come from the workspace's list, the anchor must say where, the comment thread
 * keeps everyone's words their own, a status change lands in the history, and the participants follow.
 */
export const issueRules: CollectionBeforeValidateHook = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  const { slugs } = getOptions(req.payload)
  const actor = isSystem(req) ? undefined : await loadActor(req)
  const taskId = operation === 'create' ? idOf(data.task) : idOf(originalDoc?.task)
  const task =
    taskId === undefined
      ? null
      : ((await req.payload.findByID({
          collection: slugs.tasks,
          id: taskId,
          depth: 0,
          ...systemAccess(req),
          disableErrors: true,
        })) as unknown as TaskDoc | null)
  if (!task) {
    if (operation === 'create' && taskId === undefined) return data // "task is required" comes from validation
    throw new FieldRuleError('task', `task ${String(taskId)} does not exist`)
  }
  // LabelOps' own writes (no person acting) hold every grant
  const scopeOf = (capability: 'project.issues.raise' | 'project.issues.edit') =>
    actor ? projectScopeOf(projectActorOf(actor, { id: task.project, workspace: task.workspace }), capability) : 'team'
  const userId = req.user?.id

  if (operation === 'create') {
    if (actor && !actor.superAdmin && !roleIn(actor, task.workspace))
      throw new FieldRuleError('task', `task ${String(task.id)} does not exist`)
    const refused = raiseProblem({ scope: scopeOf('project.issues.raise'), workers: workersOf(task), user: userId })
    if (refused) throw new ForbiddenChangeError('task', refused)
    // an issue raised or edited by a person is a change inside the project: the project gate applies
    if (actor) await assertProjectWritable(req, task.project)
  } else if (actor) {
    await assertProjectWritable(req, task.project)
    const changed = (['title', 'body', 'anchor'] as const).filter(
      (field) => field in data && JSON.stringify(data[field]) !== JSON.stringify(originalDoc?.[field]),
    )
    const refused = editProblem({ scope: scopeOf('project.issues.edit'), raisedBy: idOf(originalDoc?.raisedBy), user: userId, changed })
    if (refused) throw new ForbiddenChangeError(refused.path, refused.message)
  }

  const anchor = { ...(originalDoc?.anchor ?? {}), ...(data.anchor ?? {}) }
  const problems = anchorProblems(anchor)
  const workspace = (await req.payload.findByID({ collection: slugs.workspaces, id: task.workspace, depth: 0, ...systemAccess(req) })) as {
    issueTags?: string[] | null
  }
  if (data.tags !== undefined) problems.push(...unknownTags(data.tags, workspace.issueTags ?? []))
  if (problems.length > 0) throw FieldRuleError.of(problems)

  const now = new Date().toISOString()
  const before = (originalDoc?.comments ?? []) as Comment[]
  let comments = before
  if (data.comments !== undefined) {
    if (userId === undefined) throw new ForbiddenChangeError('comments', 'comments need a signed-in author')
    const merged = mergeComments(before, data.comments as Comment[], userId, now)
    if ('problem' in merged) {
      if (merged.problem.message.startsWith('nobody')) throw new ForbiddenChangeError(merged.problem.path, merged.problem.message)
      throw new FieldRuleError(merged.problem.path, merged.problem.message)
    }
    comments = merged.comments
  }

  const previousStatus = operation === 'create' ? undefined : originalDoc?.status
  const status = data.status ?? previousStatus ?? 'open'
  const history = [...((originalDoc?.history ?? []) as Array<Record<string, unknown>>)]
  if (status !== previousStatus) history.push({ status, by: userId ?? null, at: now, note: data.resolutionNote ?? null })

  const raisedBy = operation === 'create' ? (userId ?? null) : originalDoc?.raisedBy
  return {
    ...data,
    ...(operation === 'create' ? { workspace: task.workspace, project: task.project, dataItem: task.dataItem, raisedBy } : {}),
    comments,
    history,
    participants: participantsOf({
      previous: ((originalDoc?.participants ?? []) as unknown[]).map((id) => idOf(id)!),
      raisedBy: idOf(raisedBy),
      assignee: idOf(data.assignee !== undefined ? data.assignee : originalDoc?.assignee),
      taskWorkers: workersOf(task),
      comments,
    }),
  }
}
