import type { CollectionConfig } from 'payload'

import { createAuditEventsCollection } from '../collections/auditEvents.ts'
import { createWebhookDeliveriesCollection } from '../collections/webhookDeliveries.ts'
import { createReferenceLabelsCollection } from '../collections/referenceLabels.ts'
import { createWebhookSubscriptionsCollection } from '../collections/webhookSubscriptions.ts'
import { createConsensusBranchesCollection } from '../collections/consensusBranches.ts'
import { createDataItemsCollection } from '../collections/dataItems.ts'
import { createDatasetsCollection } from '../collections/datasets.ts'
import { createOntologiesCollection } from '../collections/ontologies.ts'
import { createProjectsCollection } from '../collections/projects.ts'
import { createIssuesCollection } from '../collections/issues.ts'
import { createLabelsCollection } from '../collections/labels.ts'
import { createIdempotencyKeysCollection } from '../collections/idempotencyKeys.ts'
import { createTaskEventsCollection } from '../collections/taskEvents.ts'
import { createTaskRollupsCollection } from '../collections/taskRollups.ts'
import { createTasksCollection } from '../collections/tasks.ts'
import { createUserGroupsCollection } from '../collections/userGroups.ts'
import { createWorkflowTemplatesCollection } from '../collections/workflowTemplates.ts'
import { createWorkspaceInvitationsCollection } from '../collections/workspaceInvitations.ts'
import { createWorkspaceMembersCollection } from '../collections/workspaceMembers.ts'
import { createWorkspacesCollection } from '../collections/workspaces.ts'
import type { CollectionKey, SanitizedLabelOpsOptions } from './options.ts'
import { withoutBehaviour } from './utilities/withoutBehaviour.ts'
import { withCollectionViews } from './admin/views.ts'
import { withAuditTrail } from './operations/auditTrail.ts'

type Factory = (args: { options: SanitizedLabelOpsOptions }) => CollectionConfig

/** The collections registered so far, by key; later issues add theirs here. */
const FACTORIES: Partial<Record<CollectionKey, Factory>> = {
  workspaces: createWorkspacesCollection,
  workspaceMembers: createWorkspaceMembersCollection,
  invitations: createWorkspaceInvitationsCollection,
  userGroups: createUserGroupsCollection,
  ontologies: createOntologiesCollection,
  datasets: createDatasetsCollection,
  dataItems: createDataItemsCollection,
  projects: createProjectsCollection,
  workflowTemplates: createWorkflowTemplatesCollection,
  tasks: createTasksCollection,
  labels: createLabelsCollection,
  taskEvents: createTaskEventsCollection,
  taskRollups: createTaskRollupsCollection,
  issues: createIssuesCollection,
  consensusBranches: createConsensusBranchesCollection,
  idempotencyKeys: createIdempotencyKeysCollection,
  auditEvents: createAuditEventsCollection,
  webhookSubscriptions: createWebhookSubscriptionsCollection,
  webhookDeliveries: createWebhookDeliveriesCollection,
  referenceLabels: createReferenceLabelsCollection,
}

/** Builds every LabelOps collection and applies the host's `overrides.<key>` to each. */
export function buildCollections(options: SanitizedLabelOpsOptions): CollectionConfig[] {
  return Object.entries(FACTORIES).map(([key, factory]) => {
    const built = factory({ options })
    const defaultCollection = options.enabled
      ? withAuditTrail(key as CollectionKey, withCollectionViews(key as CollectionKey, built, options))
      : withoutBehaviour(built)
    const override = options.overrides[key as CollectionKey]
    return override ? override({ defaultCollection }) : defaultCollection
  })
}
