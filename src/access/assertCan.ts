import { ForbiddenChangeError } from '../errors.ts'
import type { ProjectCapability, ProjectScope } from '../roles.ts'
import { projectCapabilityProblem, type ProjectActor } from '../domain/projects/capabilities.ts'

/**
 * The one question every operation asks before acting inside a project: 403 (naming `field` and who may)
 * unless the actor holds `capability` there — in `scope` when given (PROJECT_CAPABILITIES in src/roles.ts).
 */
export function assertCan(actor: ProjectActor, capability: ProjectCapability, scope?: ProjectScope, field = 'project'): void {
  const problem = projectCapabilityProblem(actor, capability, scope)
  if (problem) throw new ForbiddenChangeError(field, problem)
}
