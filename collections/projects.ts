import type { CollectionConfig } from 'payload'

import { addCreatorAsProjectAdmin, enforceProjectRules } from '../hooks/enforceProjectRules.ts'
import { guardProjectDelete } from '../hooks/guardDeletes.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { syncProjectTasks, syncProjectWorkflow } from '../hooks/projectWorkflow.ts'
import { stampCreatedBy } from '../hooks/stampCreatedBy.ts'
import { projectsAccess } from '../src/access/resources.ts'
import { workspaceOwnedAccess } from '../src/access/scopedAccess.ts'
import { restEndpointsFor } from '../src/endpoints/fromRegistry.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '../src/domain/projects/status.ts'
import { isScoredKind, PROJECT_KIND_LABELS, PROJECT_KINDS } from '../src/domain/projects/kinds.ts'
import { readByWhoRunsTheProject } from '../src/access/projectFields.ts'
import {
  LEASE_MINUTES,
  REWORK_ASSIGNMENT_LABELS,
  REWORK_ASSIGNMENTS,
  SKIP_POLICIES,
  SKIP_POLICY_LABELS,
} from '../src/domain/projects/settings.ts'
import { PROJECT_ROLE_LABELS, PROJECT_ROLES } from '../src/roles.ts'
import { createdByField } from './fields/createdBy.ts'
import { workflowBuilder } from './fields/workflowBuilder.ts'
import { workspaceField } from './fields/workspace.ts'

const READABLE = 'labelops/client#ReadableRelationshipField'
/** An annotation program: datasets + an ontology + a workflow + collaborators, with a status. */
export function createProjectsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.projects,
    labels: { singular: 'Project', plural: 'Projects' },
    graphQL: { singularName: 'Project', pluralName: 'Projects' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'name',
      defaultColumns: ['name', 'status', 'kind', 'tags', 'updatedAt'],
      listSearchableFields: ['name', 'tags'],
      description: 'Datasets, an ontology, a workflow and collaborators. Tag projects to filter large programs.',
    },
    access: workspaceOwnedAccess('projects', projectsAccess),
    hooks: {
      beforeChange: [preventChangeOf(['workspace']), stampCreatedBy, addCreatorAsProjectAdmin, enforceProjectRules, syncProjectWorkflow],
      afterChange: [syncProjectTasks],
      beforeDelete: [guardProjectDelete],
    },
    endpoints: restEndpointsFor('projects'),
    fields: [
      workspaceField(slugs),
      { name: 'name', type: 'text', required: true, maxLength: 200 },
      { name: 'description', type: 'richText' },
      {
        // not `required`: GraphQL would then demand it on every input; the default fills it and the hook
        // keeps it a valid status
        name: 'status',
        type: 'select',
        defaultValue: 'not-started',
        index: true,
        options: PROJECT_STATUSES.map((value) => ({ value, label: PROJECT_STATUS_LABELS[value] })),
        // only the moves allowed from the saved status are offered (admin-components/projects/ProjectStatusField.tsx)
        admin: { position: 'sidebar', components: { Field: 'labelops/client#ProjectStatusField' } },
      },
      {
        name: 'kind',
        type: 'select',
        defaultValue: 'standard',
        options: PROJECT_KINDS.map((value) => ({ value, label: PROJECT_KIND_LABELS[value] })),
        admin: { position: 'sidebar', description: 'Benchmark and training projects score every submission against gold labels.' },
      },
      {
        name: 'tags',
        type: 'text',
        hasMany: true,
        index: true,
        admin: { position: 'sidebar', description: 'Filter projects by tag in lists and the API.' },
      },
      // drawn only for those who may read them (a Tasker opening the project is not refused in the console)
      { name: 'datasets', type: 'relationship', relationTo: slugs.datasets, hasMany: true, admin: { components: { Field: READABLE } } },
      { name: 'ontology', type: 'relationship', relationTo: slugs.ontologies, admin: { components: { Field: READABLE } } },
      {
        name: 'workflowTemplate',
        type: 'relationship',
        relationTo: slugs.workflowTemplates,
        admin: { description: 'Choosing a template copies its graph into this project.', components: { Field: READABLE } },
      },
      {
        name: 'workflow',
        type: 'json',
        admin: {
          description: "The validated copy of the template's graph this project runs. Stages and edges freeze once tasks exist.",
          components: { Field: workflowBuilder(options, 'project') },
        },
      },
      {
        name: 'settings',
        type: 'group',
        fields: [
          {
            name: 'allowSelfReview',
            type: 'checkbox',
            defaultValue: false,
            admin: { description: 'Let people review their own annotation of a task.' },
          },
          {
            name: 'leaseMinutes',
            type: 'number',
            defaultValue: LEASE_MINUTES.default,
            min: LEASE_MINUTES.min,
            max: LEASE_MINUTES.max,
            admin: { description: 'How long a claimed task stays with its worker.' },
          },
          {
            name: 'skipPolicy',
            type: 'select',
            defaultValue: SKIP_POLICIES[0],
            options: SKIP_POLICIES.map((value) => ({ value, label: SKIP_POLICY_LABELS[value] })),
            admin: { description: 'Where a skipped task goes.' },
          },
          {
            name: 'reworkAssignment',
            type: 'select',
            defaultValue: REWORK_ASSIGNMENTS[0],
            options: REWORK_ASSIGNMENTS.map((value) => ({ value, label: REWORK_ASSIGNMENT_LABELS[value] })),
            admin: { description: 'Who a rejected task goes back to.' },
          },
        ],
      },
      {
        name: 'requiresBenchmark',
        type: 'relationship',
        relationTo: slugs.projects,
        filterOptions: ({ data }) => ({
          kind: { equals: 'benchmark' },
          ...(data?.workspace ? { workspace: { equals: data.workspace } } : {}),
        }),
        admin: {
          condition: (data) => !isScoredKind(data?.kind),
          description: "Serve this project's tasks only to annotators who passed this benchmark project.",
        },
      },
      {
        name: 'honeypots',
        type: 'group',
        admin: {
          condition: (data) => !isScoredKind(data?.kind),
          description:
            'Tasks with a gold label become honeypots: served to every annotator among their other tasks, scored silently, and an annotator whose recent honeypots score too low is paused from the project.',
        },
        fields: [
          { name: 'enabled', type: 'checkbox', defaultValue: false, admin: { description: 'Serve the gold tasks as honeypots.' } },
          {
            name: 'firstTasks',
            type: 'number',
            defaultValue: 2,
            min: 0,
            max: 100,
            admin: { description: "A new annotator's first tasks are honeypots, this many." },
          },
          {
            name: 'rate',
            type: 'number',
            defaultValue: 0.1,
            min: 0,
            max: 1,
            admin: { description: 'Then this share of the tasks served to each annotator (0.1: one in ten).' },
          },
          {
            name: 'window',
            type: 'number',
            defaultValue: 5,
            min: 1,
            max: 100,
            admin: { description: "Accuracy is the mean score of an annotator's last this many honeypots." },
          },
          {
            name: 'pauseBelow',
            type: 'number',
            defaultValue: 0.6,
            min: 0,
            max: 1,
            admin: { description: 'Pause an annotator whose accuracy falls below this.' },
          },
        ],
      },
      {
        name: 'pausedAnnotators',
        type: 'array',
        admin: {
          condition: (data) => !isScoredKind(data?.kind),
          description: 'Annotators paused by their honeypot accuracy, and why. Tick “Lifted” to let one work here again.',
        },
        // those who run the project see who is paused and why; the annotators do not see each other's accuracy
        access: { read: readByWhoRunsTheProject },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'user', type: 'relationship', relationTo: slugs.users },
              { name: 'reason', type: 'text', admin: { readOnly: true } },
              { name: 'pausedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
              // a lifted pause stays as the record; accuracy is judged again only on honeypots done after it
              { name: 'lifted', type: 'checkbox', defaultValue: false },
            ],
          },
        ],
      },
      {
        name: 'scoring',
        type: 'group',
        admin: {
          condition: (data) => isScoredKind(data?.kind) || Boolean(data?.honeypots?.enabled),
          description: 'How a submission is scored against the gold label (a score from 0 to 1).',
        },
        fields: [
          {
            name: 'passScore',
            type: 'number',
            defaultValue: 0.8,
            min: 0,
            max: 1,
            admin: { description: 'A benchmark is passed with every task submitted and a mean score of at least this.' },
          },
          {
            name: 'iouThreshold',
            type: 'number',
            defaultValue: 0.5,
            min: 0.05,
            max: 1,
            admin: { description: 'The least overlap (IoU) at which a drawn object counts as the gold object.' },
          },
          {
            name: 'classWeights',
            type: 'array',
            admin: { description: 'Weigh some ontology objects more than others (weight 1 when not listed).' },
            fields: [
              {
                type: 'row',
                fields: [
                  { name: 'featureId', type: 'text', required: true, admin: { description: "The ontology object's feature id." } },
                  { name: 'weight', type: 'number', required: true, min: 0, max: 100, defaultValue: 1 },
                ],
              },
            ],
          },
        ],
      },
      {
        name: 'collaborators',
        type: 'array',
        admin: { description: 'A user or a user group per row, with a project role. Hold two roles with two rows.' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'user', type: 'relationship', relationTo: slugs.users, index: true },
              { name: 'group', type: 'relationship', relationTo: slugs.userGroups, index: true },
              {
                name: 'role',
                type: 'select',
                required: true,
                options: PROJECT_ROLES.map((value) => ({ value, label: PROJECT_ROLE_LABELS[value] })),
              },
            ],
          },
        ],
      },
      createdByField(slugs),
    ],
  }
}
