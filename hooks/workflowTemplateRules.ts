import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionBeforeValidateHook } from 'payload'

import { getOptions } from '../src/context.ts'
import { FieldRuleError, ForbiddenChangeError } from '../src/errors.ts'
import { isSystem, systemAccess } from '../src/system.ts'
import { validateWorkflow } from '../src/domain/workflow/validate.ts'

/** A template's graph must be a runnable workflow: 400 listing every problem, each naming its stage. */
export const validateTemplateGraph: CollectionBeforeValidateHook = ({ data }) => {
  if (!data || data.graph === undefined) return data
  const result = validateWorkflow(data.graph)
  if (!result.ok)
    throw FieldRuleError.of(
      result.problems.map((problem) => ({ path: problem.path ? `graph.${problem.path}` : 'graph', message: problem.message })),
    )
  return { ...data, graph: result.graph }
}

/** The built-in templates are shared by every project of the workspace: nobody edits or deletes them. */
export const guardBuiltInTemplates = (async (
  args: Parameters<CollectionBeforeChangeHook>[0] | Parameters<CollectionBeforeDeleteHook>[0],
) => {
  const { req } = args
  if (isSystem(req)) return 'data' in args ? args.data : undefined
  const original =
    'originalDoc' in args
      ? args.originalDoc
      : 'id' in args
        ? await req.payload.findByID({
            collection: getOptions(req.payload).slugs.workflowTemplates,
            id: args.id,
            depth: 0,
            ...systemAccess(req),
            disableErrors: true,
          })
        : undefined
  if ((original as { builtIn?: boolean } | undefined)?.builtIn)
    throw new ForbiddenChangeError('builtIn', 'built-in templates are read-only: copy one to change it')
  return 'data' in args ? args.data : undefined
}) as CollectionBeforeChangeHook
