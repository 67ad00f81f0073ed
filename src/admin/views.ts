// The one place LabelOps' admin-panel components are registered (README "Admin views"). A view is added with
// one entry below; components are named by package specifier strings (`labelops/rsc#Name` for server
// components, `labelops/client#Name` for 'use client' ones), which resolve in any host through package.json
// "exports" — never relative paths. Type-only imports: client components may import the paths from here.
import type {
  AdminViewConfig,
  CollectionConfig,
  Config,
  CustomComponent,
  EditViewConfig,
  PayloadComponent,
  PayloadRequest,
  TypedUser,
} from 'payload'

import type { CollectionKey, SanitizedLabelOpsOptions } from '../options.ts'
import { withJsonEditors } from './jsonFields.ts'

/**
 * Admin routes of LabelOps' root views, relative to the admin route (`/admin` by default), in Payload's
 * path-to-regexp notation. Links are built with `adminHref` below, never by hand.
 */
export const ADMIN_PATHS = {
  /** LabelOps' home: "My work" across the person's projects (the dashboard panel, full page) */
  home: '/labelops',
  /** the Annotator workspace ("Start labelling") of one project */
  annotate: '/labelops/annotate/:projectId',
  /** setting a project up in steps */
  newProject: '/labelops/projects/new',
} as const

export type AdminPathKey = keyof typeof ADMIN_PATHS

/**
 * The URL of a view: `adminHref('/admin', 'annotate', { projectId: 12 })` -> `/admin/labelops/annotate/12`.
 * `adminRoute` is the host's `config.routes.admin` (RSC: `payload.config.routes.admin`; client:
 * `useConfig().config.routes.admin`).
 */
export function adminHref(adminRoute: string, key: AdminPathKey, params: Record<string, string | number> = {}): string {
  const path = ADMIN_PATHS[key].replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`adminHref(${key}): missing :${name}`)
    return encodeURIComponent(String(value))
  })
  return `${adminRoute === '/' ? '' : adminRoute.replace(/\/$/, '')}${path}`
}

/**
 * The named parameters of a view's path, read from the `params.segments` Payload hands a root view
 * (custom views get no route params of their own): `viewParams('annotate', ['labelops', 'annotate', '12'])`
 * -> `{ projectId: '12' }`; null when the segments do not fit the path.
 */
export function viewParams(key: AdminPathKey, segments: readonly string[] | undefined): Record<string, string> | null {
  const parts = ADMIN_PATHS[key].split('/').filter(Boolean)
  if (!segments || segments.length !== parts.length) return null
  const params: Record<string, string> = {}
  for (const [index, part] of parts.entries()) {
    const segment = segments[index]!
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segment)
    else if (part !== segment) return null
  }
  return params
}

/** Root views: `admin.components.views.<key>`. Keys are prefixed `labelops` so they never meet a host's. */
export const ROOT_VIEWS: Record<string, { path: AdminPathKey; Component: PayloadComponent; exact?: boolean }> = {
  labelopsHome: { path: 'home', Component: 'labelops/rsc#MyWorkView', exact: true },
  labelopsAnnotate: { path: 'annotate', Component: 'labelops/rsc#AnnotateView', exact: true },
  labelopsNewProject: { path: 'newProject', Component: 'labelops/rsc#NewProjectView', exact: true },
}

/** Server components above the dashboard's cards (`admin.components.beforeDashboard`). */
export const BEFORE_DASHBOARD: CustomComponent[] = ['labelops/rsc#MyWork']

/** Nav entries above the collection links (`admin.components.beforeNavLinks`); custom views get none by themselves. */
export const BEFORE_NAV_LINKS: CustomComponent[] = ['labelops/client#LabelOpsNavLinks']

/** Nav entries after the collection links (`admin.components.afterNavLinks`). */
export const AFTER_NAV_LINKS: CustomComponent[] = []

/** Document tabs: `admin.components.views.edit.<key>` of one of our collections (by key). */
export const DOCUMENT_TABS: { collection: CollectionKey; key: string; view: EditViewConfig }[] = [
  // a project's queue: stage counts, filters, the tasks, bulk actions (after Edit, before Versions and API)
  {
    collection: 'projects',
    key: 'labelopsQueue',
    view: { Component: 'labelops/rsc#QueueTab', path: '/queue', tab: { label: 'Queue', href: '/queue', order: 150 } },
  },
  // a project's analytics: the team's figures for those who run it, "My performance" for the rest
  {
    collection: 'projects',
    key: 'labelopsAnalytics',
    view: { Component: 'labelops/rsc#AnalyticsTab', path: '/analytics', tab: { label: 'Analytics', href: '/analytics', order: 160 } },
  },
  // a project's scores against gold: each annotator's standing in a benchmark or training project; in a standard
  // project, the benchmark that screens its annotators
  {
    collection: 'projects',
    key: 'labelopsScores',
    view: { Component: 'labelops/rsc#ScoresTab', path: '/scores', tab: { label: 'Scores', href: '/scores', order: 170 } },
  },
  // a workspace's dashboard, for its Admins: throughput, utilisation and quality across every project
  {
    collection: 'workspaces',
    key: 'labelopsDashboard',
    view: {
      Component: 'labelops/rsc#WorkspaceDashboardTab',
      path: '/dashboard',
      tab: { label: 'Dashboard', href: '/dashboard', order: 150 },
    },
  },
]

/** Above a collection's list (`admin.components.beforeListTable` of one of our collections). */
export const BEFORE_LIST_TABLE: { collection: CollectionKey; Component: CustomComponent }[] = [
  { collection: 'projects', Component: 'labelops/client#NewProjectLink' },
]

/** Buttons beside a document's Save (`admin.components.edit.beforeDocumentControls` of one of our collections). */
export const DOCUMENT_CONTROLS: { collection: CollectionKey; Component: CustomComponent }[] = [
  { collection: 'projects', Component: 'labelops/client#StartLabelling' },
  // a webhook delivery sent again from the start (its log, for whoever runs the project)
  { collection: 'webhookDeliveries', Component: 'labelops/client#ReplayDelivery' },
  // a pending invitation answered by the person it is addressed to
  { collection: 'invitations', Component: 'labelops/client#AnswerInvitation' },
]

/**
 * Adds LabelOps' views to the host's `admin`: the host's own root views, dashboard and nav components stay
 * (ours are appended; a host view of the same key wins).
 */
export function withAdminViews(admin: Config['admin']): Config['admin'] {
  const components = admin?.components ?? {}
  const ours = Object.fromEntries(
    Object.entries(ROOT_VIEWS).map(([key, view]): [string, AdminViewConfig] => [
      key,
      { Component: view.Component, path: ADMIN_PATHS[view.path] as `/${string}`, exact: view.exact },
    ]),
  )
  return {
    ...admin,
    components: {
      ...components,
      views: { ...ours, ...components.views },
      beforeDashboard: [...(components.beforeDashboard ?? []), ...BEFORE_DASHBOARD],
      beforeNavLinks: [...(components.beforeNavLinks ?? []), ...BEFORE_NAV_LINKS],
      afterNavLinks: [...(components.afterNavLinks ?? []), ...AFTER_NAV_LINKS],
    },
  }
}

/**
 * Collections that are LabelOps' bookkeeping, not anyone's work: out of the nav and the dashboard for everyone
 * but super-admins (their API access rules are unchanged).
 */
export const INTERNAL_COLLECTIONS: readonly CollectionKey[] = ['taskEvents', 'taskRollups', 'consensusBranches', 'idempotencyKeys']

/** `admin.hidden` for internal collections: hidden unless the user is a super-admin (`isSuperAdmin` option). */
export function hiddenButForSuperAdmins(options: Pick<SanitizedLabelOpsOptions, 'isSuperAdmin'>) {
  return ({ user }: { user: unknown }): boolean => {
    if (!user) return true
    try {
      // Payload hands `hidden` the user only: the option gets a request that carries just that user
      const typed = user as TypedUser
      return !options.isSuperAdmin({ req: { user: typed } as PayloadRequest, user: typed })
    } catch {
      return true
    }
  }
}

/**
 * A collection of ours as the admin panel shows it: the document tabs registered for `key` added (its own
 * tabs stay), its JSON fields edited without Monaco (./jsonFields.ts), and internal collections hidden from all
 * but super-admins.
 */
export function withCollectionViews(key: CollectionKey, incoming: CollectionConfig, options: SanitizedLabelOpsOptions): CollectionConfig {
  const tabs = DOCUMENT_TABS.filter((tab) => tab.collection === key)
  const controls = DOCUMENT_CONTROLS.filter((control) => control.collection === key).map((control) => control.Component)
  const beforeList = BEFORE_LIST_TABLE.filter((entry) => entry.collection === key).map((entry) => entry.Component)
  const collection = withJsonEditors(incoming)
  const admin = { ...collection.admin, ...(INTERNAL_COLLECTIONS.includes(key) ? { hidden: hiddenButForSuperAdmins(options) } : {}) }
  if (controls.length > 0) {
    const edit = admin.components?.edit ?? {}
    admin.components = {
      ...admin.components,
      edit: { ...edit, beforeDocumentControls: [...(edit.beforeDocumentControls ?? []), ...controls] },
    }
  }
  if (beforeList.length > 0)
    admin.components = { ...admin.components, beforeListTable: [...(admin.components?.beforeListTable ?? []), ...beforeList] }
  if (tabs.length === 0) return { ...collection, admin }
  const components = admin.components ?? {}
  const views = components.views ?? {}
  const edit = { ...Object.fromEntries(tabs.map((tab) => [tab.key, tab.view])), ...views.edit }
  return { ...collection, admin: { ...admin, components: { ...components, views: { ...views, edit } } } }
}
