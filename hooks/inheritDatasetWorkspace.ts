import type { CollectionBeforeValidateHook } from 'payload'

import { idOf } from '../src/access/actor.ts'
import { allowedBy } from '../src/access/allowedBy.ts'
import { datasetsAccess } from '../src/access/resources.ts'
import { getOptions } from '../src/context.ts'
import { FieldRuleError, ForbiddenChangeError } from '../src/errors.ts'
import { isSystem, systemAccess } from '../src/system.ts'

const canWriteDataset = datasetsAccess('datasets.update')

/** A data item lives in its dataset's workspace; adding to a dataset needs the right to change that dataset. */
export const inheritDatasetWorkspace: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (!data || operation !== 'create') return data
  const datasetId = idOf(data.dataset)
  if (datasetId === undefined) return data // "dataset is required" comes from validation
  const { slugs } = getOptions(req.payload)
  const dataset = await req.payload.findByID({
    collection: slugs.datasets,
    id: datasetId,
    depth: 0,
    ...systemAccess(req),
    disableErrors: true,
  })
  if (!dataset) throw new FieldRuleError('dataset', `dataset ${datasetId} does not exist`)
  if (!isSystem(req) && !(await allowedBy(req, canWriteDataset, slugs.datasets, datasetId))) {
    throw new ForbiddenChangeError('dataset', 'you cannot add items to this dataset')
  }
  return { ...data, workspace: idOf((dataset as unknown as { workspace: unknown }).workspace) }
}
