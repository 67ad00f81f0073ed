import type { CollectionConfig, FieldAccess } from 'payload'

import { idOf, loadActor, sameId } from '../src/access/actor.ts'

import { consensusBranchesAccess } from '../src/access/resources.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const nobody = () => false

/** A branch's score detail is read by those who run the project, never by the annotator it scores. */
const notTheScoredAnnotator: FieldAccess = async ({ req, doc }) => {
  const actor = await loadActor(req)
  if (!actor) return false
  if (actor.superAdmin) return true
  return doc ? !sameId(idOf(doc.annotator), actor.userId) : false
}

/**
 * One annotator's slot on a task in a consensus stage: the queue serves a task needing N independent
 * annotations to N distinct people. "Never twice to the same person" is the unique index on
 * (task, round, annotator), not a check in code. Written only by the queue and the workflow actions.
 */
export function createConsensusBranchesCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.consensusBranches,
    labels: { singular: 'Consensus branch', plural: 'Consensus branches' },
    graphQL: { singularName: 'ConsensusBranch', pluralName: 'ConsensusBranches' },
    admin: { group: options.adminGroup, defaultColumns: ['task', 'stage', 'round', 'annotator', 'submittedAt'] },
    indexes: [{ fields: ['task', 'round', 'annotator'], unique: true }],
    access: { create: nobody, read: consensusBranchesAccess, update: nobody, delete: nobody },
    fields: [
      workspaceField(slugs),
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true, index: true },
      { name: 'task', type: 'relationship', relationTo: slugs.tasks, required: true },
      { name: 'stage', type: 'text', required: true },
      { name: 'round', type: 'number', required: true, admin: { description: 'Which visit of the task to this stage.' } },
      { name: 'annotator', type: 'relationship', relationTo: slugs.users, required: true, index: true },
      { name: 'leaseExpiresAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      { name: 'submittedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      // the branch as submitted, kept for the round: the annotator's label document starts afresh in a later one
      { name: 'objects', type: 'json', admin: { readOnly: true, description: 'The objects of the branch as submitted.' } },
      { name: 'classifications', type: 'json', admin: { readOnly: true, description: 'The answers of the branch as submitted.' } },
      // benchmark and training projects: the submission scored against the gold label (src/quality/goldScore.ts)
      {
        name: 'score',
        type: 'number',
        // honeypots are scored silently, and a benchmark's per-task scores would map out its gold
        access: { read: notTheScoredAnnotator },
        admin: { readOnly: true, description: 'Against the gold label, 0 to 1 (scored projects, honeypots).' },
      },
      {
        name: 'scoreDetail',
        type: 'json',
        // it names gold objects and classes: a benchmark's gold stays unseen by the person scored (a training
        // submit answers the detail at once)
        access: { read: notTheScoredAnnotator },
        admin: { readOnly: true, description: 'What matched the gold label and what did not.' },
      },
      { name: 'attempts', type: 'number', admin: { readOnly: true, description: 'Submissions so far (training allows retries).' } },
    ],
  }
}
