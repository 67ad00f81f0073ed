import type { WorkflowGraph } from './graph.ts'

/** The four built-in workflow patterns of the seed, available in every workspace. */
export const BUILT_IN_TEMPLATES: Record<string, { name: string; description: string; graph: WorkflowGraph }> = {
  'annotate-complete': {
    name: 'Annotate → Complete',
    description: 'Single-stage labelling for straightforward tasks.',
    graph: {
      stages: [
        { id: 'annotate', type: 'annotate', name: 'Annotate' },
        { id: 'complete', type: 'complete', name: 'Complete' },
      ],
      edges: [{ from: 'annotate', pathway: 'submit', to: 'complete' }],
    },
  },
  'annotate-review-complete': {
    name: 'Annotate → Review → Complete',
    description: 'Two stages with human review; rejected tasks go back to annotation.',
    graph: {
      stages: [
        { id: 'annotate', type: 'annotate', name: 'Annotate' },
        { id: 'review', type: 'review', name: 'Review' },
        { id: 'complete', type: 'complete', name: 'Complete' },
      ],
      edges: [
        { from: 'annotate', pathway: 'submit', to: 'review' },
        { from: 'review', pathway: 'approve', to: 'complete' },
        { from: 'review', pathway: 'reject', to: 'annotate' },
      ],
    },
  },
  'annotate-review-rework': {
    name: 'Annotate → Review → Rework → Review → Complete',
    description: 'Iterative review: rejected work goes to a rework stage and back to review, as many rounds as it takes.',
    graph: {
      stages: [
        { id: 'annotate', type: 'annotate', name: 'Annotate' },
        { id: 'review', type: 'review', name: 'Review' },
        { id: 'rework', type: 'annotate', name: 'Rework' },
        { id: 'complete', type: 'complete', name: 'Complete' },
      ],
      edges: [
        { from: 'annotate', pathway: 'submit', to: 'review' },
        { from: 'review', pathway: 'approve', to: 'complete' },
        { from: 'review', pathway: 'reject', to: 'rework' },
        { from: 'rework', pathway: 'submit', to: 'review' },
      ],
    },
  },
  consensus: {
    name: 'Consensus',
    description:
      'Several annotators label each task independently; a round agreeing 90% or more is accepted as it stands, a consensus review resolves the rest.',
    graph: {
      stages: [
        { id: 'consensus', type: 'consensus', name: 'Consensus annotate', config: { annotators: 3, autoAcceptAt: 0.9 } },
        { id: 'review', type: 'review', name: 'Consensus review' },
        { id: 'complete', type: 'complete', name: 'Complete' },
      ],
      edges: [
        { from: 'consensus', pathway: 'resolve', to: 'review' },
        { from: 'review', pathway: 'approve', to: 'complete' },
        { from: 'review', pathway: 'reject', to: 'consensus' },
      ],
    },
  },
}
