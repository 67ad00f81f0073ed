import type { CollectionConfig } from 'payload'

import { guardDataItemDelete } from '../hooks/guardDeletes.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { retitleTasksOfItem } from '../hooks/retitleTasks.ts'
import { inheritDatasetWorkspace } from '../hooks/inheritDatasetWorkspace.ts'
import { dataItemsAccess } from '../src/access/resources.ts'
import { workspaceOwnedAccess } from '../src/access/scopedAccess.ts'
import { DATA_TYPES, SOURCE_KINDS } from '../src/domain/import/dataItemRow.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

/** One unit of data to label. Unique per (dataset, externalId), so re-imports update instead of duplicating. */
export function createDataItemsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.dataItems,
    labels: { singular: 'Data item', plural: 'Data items' },
    graphQL: { singularName: 'DataItem', pluralName: 'DataItems' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'name',
      defaultColumns: ['name', 'type', 'dataset', 'externalId'],
    },
    indexes: [{ fields: ['dataset', 'externalId'], unique: true }],
    access: workspaceOwnedAccess('dataItems', dataItemsAccess),
    hooks: {
      beforeValidate: [inheritDatasetWorkspace],
      beforeChange: [preventChangeOf(['workspace', 'dataset'])],
      afterChange: [retitleTasksOfItem],
      beforeDelete: [guardDataItemDelete],
    },
    fields: [
      workspaceField(slugs),
      { name: 'dataset', type: 'relationship', relationTo: slugs.datasets, required: true, index: true },
      { name: 'name', type: 'text', required: true, maxLength: 500 },
      { name: 'type', type: 'select', required: true, options: [...DATA_TYPES] },
      {
        name: 'source',
        type: 'group',
        fields: [
          { name: 'kind', type: 'select', defaultValue: 'url', options: [...SOURCE_KINDS] },
          { name: 'url', type: 'text', maxLength: 2048 },
          ...(options.mediaCollection ? [{ name: 'media', type: 'relationship' as const, relationTo: options.mediaCollection }] : []),
          { name: 'text', type: 'textarea' },
        ],
      },
      { name: 'metadata', type: 'json' },
      { name: 'width', type: 'number', min: 1 },
      { name: 'height', type: 'number', min: 1 },
      { name: 'frames', type: 'number', min: 1 },
      {
        name: 'externalId',
        type: 'text',
        maxLength: 256,
        index: true,
        admin: { description: 'Your id for the item; re-imports match on it.' },
      },
    ],
  }
}
