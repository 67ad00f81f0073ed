// Server-only: "My work" for the dashboard panel and the full page, from the myWork operation (the same one
// REST and GraphQL call), turned into plain props with the wording and links the client renders.
import type { PayloadRequest } from 'payload'

import { adminHref } from '../../src/admin/views.ts'
import { getOptions } from '../../src/context.ts'
import { normaliseEmail } from '../../src/domain/invitations/rules.ts'
import { PROJECT_STATUS_LABELS, type ProjectStatus } from '../../src/domain/projects/status.ts'
import type { ProjectWork, StageTotal } from '../../src/domain/queue/myWork.ts'
import { myWork } from '../../src/operations/myWork.ts'
import { PROJECT_ROLE_LABELS, WORKSPACE_ROLE_LABELS, type WorkspaceRole } from '../../src/roles.ts'

export type WorkAction = { key: string; label: string; href: string; primary: boolean }

export type MyWorkCard = {
  id: string
  name: string
  href: string
  status: ProjectStatus
  statusLabel: string
  workspace: string
  roles: string[]
  closed: string | null
  actions: WorkAction[]
  /** nothing waits for the person: the sentence that says so */
  quiet: string | null
  waiting: number
  stages: StageTotal[] | null
  /** the project's Queue tab, for those who run it (the ones who see stage totals); null for everyone else */
  queueHref: string | null
}

/** A workspace invitation waiting for the person's answer: where and as what, and the page to answer it on. */
export type WaitingInvitation = { id: string; workspace: string; role: string; href: string }

export type MyWorkProps = { cards: MyWorkCard[]; waiting: number; pageHref: string; invitations?: WaitingInvitation[] }

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** What the person can do next in one project, most urgent first, each with where they do it. */
export function workActions(work: ProjectWork, links: { workspace: string; issues: string }): WorkAction[] {
  const { next } = work
  if (work.closed) return next.issues > 0 ? [issuesAction(next.issues, links.issues)] : []
  const actions: WorkAction[] = []
  if (next.inProgress > 0)
    actions.push({
      key: 'resume',
      label: `Resume ${plural(next.inProgress, 'task', 'tasks')} in progress`,
      href: links.workspace,
      primary: true,
    })
  const fresh = next.annotate - next.rework
  if (next.rework > 0)
    actions.push({
      key: 'rework',
      label: `${plural(next.rework, 'task', 'tasks')} sent back for rework`,
      href: links.workspace,
      primary: actions.length === 0,
    })
  if (fresh > 0)
    actions.push({
      key: 'annotate',
      label: `${plural(fresh, 'task', 'tasks')} waiting for you`,
      href: links.workspace,
      primary: actions.length === 0,
    })
  if (next.review > 0)
    actions.push({
      key: 'review',
      label: `${plural(next.review, 'review', 'reviews')} waiting`,
      href: links.workspace,
      primary: actions.length === 0,
    })
  if (next.issues > 0) actions.push(issuesAction(next.issues, links.issues))
  return actions
}

const issuesAction = (count: number, href: string): WorkAction => ({
  key: 'issues',
  label: `${plural(count, 'issue', 'issues')} assigned to you`,
  href,
  primary: false,
})

function quietLine(work: ProjectWork): string | null {
  if (work.closed) return null
  if (!work.canClaim) return 'You run this project; nothing here is yours to work.'
  return work.project.status === 'not-started' ? 'Tasks open when the project starts.' : 'Nothing waiting for you right now.'
}

/** Why the person cannot work the project now, said for this panel (a project not started yet opens for the first time). */
function closedLine(work: ProjectWork): string | null {
  if (!work.closed) return null
  if (work.project.status === 'not-started') return 'Not started yet: its tasks open when a manager sets it In progress.'
  return `${work.closed.charAt(0).toUpperCase()}${work.closed.slice(1)}.`
}

/** Loads "My work" for the signed-in person of `req` and shapes it for MyWorkClient. */
export async function loadMyWork(req: PayloadRequest): Promise<MyWorkProps> {
  const { projects } = await myWork({ req, input: {} })
  const adminRoute = req.payload.config.routes.admin
  const { slugs } = getOptions(req.payload)
  const base = adminRoute === '/' ? '' : adminRoute.replace(/\/$/, '')
  const user = encodeURIComponent(String(req.user?.id ?? ''))
  const cards = projects.map((work): MyWorkCard => {
    const id = String(work.project.id)
    const project = encodeURIComponent(id)
    const issues =
      `${base}/collections/${slugs.issues}?where[and][0][assignee][equals]=${user}` +
      `&where[and][1][status][equals]=open&where[and][2][project][equals]=${project}`
    const actions = workActions(work, { workspace: adminHref(adminRoute, 'annotate', { projectId: id }), issues })
    const roles = work.roles.map((role) => PROJECT_ROLE_LABELS[role])
    if (work.workspaceAdmin) roles.push('Workspace Admin')
    const { next } = work
    return {
      id,
      name: work.project.name || `Project ${id}`,
      href: `${base}/collections/${slugs.projects}/${project}`,
      status: work.project.status,
      statusLabel: PROJECT_STATUS_LABELS[work.project.status] ?? work.project.status,
      workspace: work.project.workspace.name,
      roles,
      closed: closedLine(work),
      actions,
      quiet: actions.length === 0 ? quietLine(work) : null,
      waiting: work.closed ? 0 : next.annotate + next.review + next.inProgress,
      stages: work.stages,
      queueHref: work.stages ? `${base}/collections/${slugs.projects}/${project}/queue` : null,
    }
  })
  return {
    cards,
    waiting: cards.reduce((sum, card) => sum + card.waiting, 0),
    pageHref: adminHref(adminRoute, 'home'),
    invitations: await waitingInvitations(req, `${base}/collections/${slugs.invitations}`),
  }
}

/** The invitations addressed to the person that still wait for an answer, read with their own rights. */
async function waitingInvitations(req: PayloadRequest, collectionHref: string): Promise<WaitingInvitation[]> {
  const email = (req.user as { email?: unknown } | null)?.email
  if (typeof email !== 'string') return []
  const found = await req.payload.find({
    collection: getOptions(req.payload).slugs.invitations,
    where: { and: [{ email: { equals: normaliseEmail(email) } }, { status: { equals: 'pending' } }] },
    req,
    overrideAccess: false,
    depth: 0,
    limit: 20,
    sort: '-createdAt',
  })
  return (found.docs as Array<{ id: unknown; status?: string; role?: WorkspaceRole; workspaceName?: string | null }>)
    .filter((invitation) => invitation.status === 'pending') // an expired one reads as expired
    .map((invitation) => ({
      id: String(invitation.id),
      workspace: invitation.workspaceName || 'a workspace',
      role: invitation.role ? WORKSPACE_ROLE_LABELS[invitation.role] : 'a member',
      href: `${collectionHref}/${encodeURIComponent(String(invitation.id))}`,
    }))
}
