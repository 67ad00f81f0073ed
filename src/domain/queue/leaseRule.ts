type Id = number | string

export type LeaseView = { holder: Id | null; live: boolean }

/** Actions done by whoever works the task, and so conditional on holding its lease. */
export const WORKER_ACTIONS = ['submit', 'skip', 'release', 'approve', 'reject'] as const

/**
 * Whether a worker action may go ahead given the task's lease. Pure.
 * - The lease holder may act, even after expiry, as long as nobody took the task over.
 * - A live lease of someone else blocks everybody, managers included (release it through the queue first).
 * - Without the lease, a worker must claim the task first; whoever holds the stage's capability for the team
 *   (`team`: project Admins, Team Managers, workspace Admins — PROJECT_CAPABILITIES) may act on a task nobody holds.
 */
export function leaseProblem({ lease, actor, team }: { lease: LeaseView; actor: Id; team: boolean }): string | undefined {
  if (lease.holder !== null && String(lease.holder) === String(actor)) return undefined
  if (lease.holder !== null && lease.live)
    return 'another person holds this task now (your lease lapsed and was taken over, or you never claimed it); nothing was changed'
  if (team) return undefined
  return lease.holder !== null
    ? 'your lease on this task is gone: claim it again (POST /api/projects/:id/next or /api/tasks/:id/claim)'
    : 'claim the task before working on it (POST /api/projects/:id/next or /api/tasks/:id/claim)'
}

/**
 * A consensus branch is the lease of a consensus stage: the caller must hold an unsubmitted one, live, or
 * lapsed with its slot still free (fewer than N others holding slots). Pure.
 */
export function branchProblem(
  branch: { submitted: boolean; live: boolean; othersHolding: number } | undefined,
  needed: number,
): string | undefined {
  if (!branch) return 'claim a consensus slot of this task before working on it (POST /api/projects/:id/next or /api/tasks/:id/claim)'
  if (branch.submitted) return 'you already submitted your annotation for this consensus round; each annotator counts once'
  if (!branch.live && branch.othersHolding >= needed) return 'your consensus slot lapsed and was taken by someone else; nothing was changed'
  return undefined
}
