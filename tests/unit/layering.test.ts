import path from 'node:path'

import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The layering rules of eslint.config.js (run by `npm run lint` in CI) refuse what they should refuse and
// let the allowed directions through: checked on snippets linted as if they were files of each layer.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') })
const refusals = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').length
}

describe('layering rules', () => {
  it.each([
    ['src/domain/workflow/x.ts', `import type { Payload } from 'payload'\nexport type P = Payload\n`],
    ['src/domain/queue/x.ts', `import { sql } from '@payloadcms/db-postgres/drizzle'\nexport const s = sql\n`],
    ['src/quality/x.ts', `import type { Payload } from 'payload'\nexport type P = Payload\n`],
    ['src/domain/labels/x.ts', `import { idempotent } from '../../sql/idempotency.ts'\nexport const i = idempotent\n`],
    ['src/domain/labels/x.ts', `import { FieldRuleError } from '../../errors.ts'\nexport const e = FieldRuleError\n`],
    ['src/operations/x.ts', `import express from 'express'\nexport const e = express\n`],
    ['src/operations/x.ts', `import { taskActionEndpoints } from '../endpoints/taskAction.ts'\nexport const e = taskActionEndpoints\n`],
    ['src/sql/tasks/x.ts', `import { claimNextTask } from '../../operations/claimNextTask.ts'\nexport const c = claimNextTask\n`],
  ])('refuses in %s: %s', async (filePath, code) => {
    expect(await refusals(filePath, code)).toBeGreaterThan(0)
  })

  it.each([
    [
      'src/domain/workflow/x.ts',
      `import { z } from 'zod'\nimport { PROJECT_ROLES } from '../../roles.ts'\nimport { validateWorkflow } from './validate.ts'\nexport const v = [z, PROJECT_ROLES, validateWorkflow]\n`,
    ],
    [
      'src/sql/tasks/x.ts',
      `import type { PayloadRequest } from 'payload'\nimport { transition } from '../../domain/workflow/transition.ts'\nexport type R = PayloadRequest\nexport const t = transition\n`,
    ],
    ['src/operations/x.ts', `import { transition } from '../domain/workflow/transition.ts'\nexport const t = transition\n`],
    ['src/endpoints/x.ts', `import { claimNextTask } from '../operations/claimNextTask.ts'\nexport const c = claimNextTask\n`],
  ])('allows in %s: %s', async (filePath, code) => {
    expect(await refusals(filePath, code)).toBe(0)
  })
})
