// Server components of LabelOps' admin views (they load data and check permission, then render a client
// sibling), referenced by path string: `labelops/rsc#ComponentName` (README "Admin views"). Register them in
// src/admin/views.ts.
export { MyWork } from './myWork/MyWork.tsx'
export { MyWorkView } from './myWork/MyWorkView.tsx'
export { AnnotateView } from './annotate/AnnotateView.tsx'
export { QueueTab } from './queue/QueueTab.tsx'
export { AnalyticsTab } from './analytics/AnalyticsTab.tsx'
export { WorkspaceDashboardTab } from './analytics/WorkspaceDashboardTab.tsx'
export { ScoresTab } from './quality/ScoresTab.tsx'
export { NewProjectView } from './projects/NewProjectView.tsx'
export { WorkspaceRoleFieldServer } from './people/WorkspaceRoleFieldServer.tsx'
