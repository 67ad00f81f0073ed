import type { CollectionConfig } from 'payload'

import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { stampCreatedBy } from '../hooks/stampCreatedBy.ts'
import { guardOntologyFeaturesInUse, validateOntology } from '../hooks/validateOntology.ts'
import { ontologiesAccess } from '../src/access/resources.ts'
import { workspaceOwnedAccess } from '../src/access/scopedAccess.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { createdByField } from './fields/createdBy.ts'
import { workspaceField } from './fields/workspace.ts'

/** The labelling schema: objects to draw and classifications to answer, with instructions for annotators. */
export function createOntologiesCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.ontologies,
    labels: { singular: 'Ontology', plural: 'Ontologies' },
    graphQL: { singularName: 'Ontology', pluralName: 'Ontologies' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'name',
      defaultColumns: ['name', 'workspace', 'updatedAt'],
      description: 'What annotators label: objects (boxes, polygons, points...) and classifications, with stable feature ids.',
    },
    access: workspaceOwnedAccess('ontologies', ontologiesAccess),
    hooks: {
      beforeValidate: [validateOntology],
      beforeChange: [preventChangeOf(['workspace']), stampCreatedBy, guardOntologyFeaturesInUse],
    },
    fields: [
      workspaceField(slugs),
      { name: 'name', type: 'text', required: true, maxLength: 120 },
      { name: 'instructions', type: 'richText', admin: { description: 'Labelling instructions shown to annotators.' } },
      {
        name: 'objects',
        type: 'json',
        defaultValue: [],
        admin: {
          description: 'What annotators draw: each object has a shape, a colour and optional attributes asked about each instance.',
          components: { Field: 'labelops/client#OntologyField' },
        },
      },
      {
        name: 'classifications',
        type: 'json',
        defaultValue: [],
        admin: {
          description: 'Questions about the whole data item: one of, any of, or free text; options may ask follow-up questions.',
          components: { Field: 'labelops/client#OntologyField' },
        },
      },
      createdByField(slugs),
    ],
  }
}
