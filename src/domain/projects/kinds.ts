/**
 * What a project is for. A standard project moves each task through its workflow once. Benchmark and training
 * projects are *scored*: every annotator labels every task (that has a gold label) in their own branch, and each
 * submission is scored against the gold standard — a benchmark once per person (to screen and monitor them), a
 * training project as often as they like (the score and the differences shown right after submit). Pure.
 */
export const PROJECT_KINDS = ['standard', 'benchmark', 'training'] as const
export type ProjectKind = (typeof PROJECT_KINDS)[number]

export const PROJECT_KIND_LABELS: Record<ProjectKind, string> = {
  standard: 'Standard',
  benchmark: 'Benchmark (screen and monitor annotators against a gold standard)',
  training: 'Training (practise against a gold standard, attempts unlimited)',
}

export const isScoredKind = (kind: string | null | undefined): kind is 'benchmark' | 'training' =>
  kind === 'benchmark' || kind === 'training'
