import type { WorkspaceRole } from './roles.ts'

/** Documents as LabelOps reads them. Slugs are dynamic, so Local API results are cast to these shapes. */
export type Id = number | string
export type Relation = Id | { id: Id }

export type MembershipDoc = { id: Id; workspace: Relation; user: Relation; role: WorkspaceRole }
export type UserGroupDoc = { id: Id; workspace: Relation; name: string; members?: Relation[]; managers?: Relation[] }
