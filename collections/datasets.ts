import type { CollectionConfig } from 'payload'

import { guardDatasetDelete } from '../hooks/guardDeletes.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { stampCreatedBy } from '../hooks/stampCreatedBy.ts'
import { datasetsAccess } from '../src/access/resources.ts'
import { workspaceOwnedAccess } from '../src/access/scopedAccess.ts'
import { restEndpointsFor } from '../src/endpoints/fromRegistry.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { createdByField } from './fields/createdBy.ts'
import { workspaceField } from './fields/workspace.ts'

/** A collection of data items (images, video, text, audio, documents, DICOM) that projects label. */
export function createDatasetsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.datasets,
    labels: { singular: 'Dataset', plural: 'Datasets' },
    graphQL: { singularName: 'Dataset', pluralName: 'Datasets' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'name',
      defaultColumns: ['name', 'workspace', 'updatedAt'],
      description:
        "The data to be labelled. Import items in bulk from a dataset's page, POST /api/datasets/:id/import or npm run import (JSON, NDJSON or CSV).",
    },
    access: workspaceOwnedAccess('datasets', datasetsAccess),
    hooks: { beforeChange: [preventChangeOf(['workspace']), stampCreatedBy], beforeDelete: [guardDatasetDelete] },
    endpoints: restEndpointsFor('datasets'),
    fields: [
      workspaceField(slugs),
      { name: 'name', type: 'text', required: true, maxLength: 200 },
      { name: 'description', type: 'textarea', maxLength: 4000 },
      // "Import data items…": a manifest uploaded with its progress, its rejected rows listed (stores nothing)
      { name: 'importItems', type: 'ui', admin: { components: { Field: 'labelops/client#DatasetImport' } } },
      // "Upload images…": files into the host's media collection, then data items of them (when there is one)
      ...(options.mediaCollection
        ? [
            {
              name: 'uploadImages',
              type: 'ui' as const,
              admin: {
                components: { Field: { path: 'labelops/client#DatasetImages', clientProps: { mediaSlug: options.mediaCollection } } },
              },
            },
          ]
        : []),
      createdByField(slugs),
    ],
  }
}
