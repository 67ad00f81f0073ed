// A project's working settings as people choose them: the options and their labels, shared by the project form
// and the project setup steps. Pure.
export const SKIP_POLICIES = ['requeue-for-others', 'requeue-for-everyone'] as const
export type SkipPolicy = (typeof SKIP_POLICIES)[number]
export const SKIP_POLICY_LABELS: Record<SkipPolicy, string> = {
  'requeue-for-others': 'Requeue for others (never served again to who skipped it)',
  'requeue-for-everyone': 'Requeue for everyone',
}

export const REWORK_ASSIGNMENTS = ['original-annotator', 'anyone-eligible'] as const
export type ReworkAssignment = (typeof REWORK_ASSIGNMENTS)[number]
export const REWORK_ASSIGNMENT_LABELS: Record<ReworkAssignment, string> = {
  'original-annotator': 'Back to the original annotator',
  'anyone-eligible': 'To anyone eligible',
}

/** How long a claimed task stays with its worker, in minutes: the default and the bounds. */
export const LEASE_MINUTES = { default: 30, min: 1, max: 1440 } as const
