// One rule, one place, checked over the source: project roles are asked about only through the capability
// table, and only the system helper overrides Payload's access.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    return statSync(join(ROOT, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') || path.endsWith('.tsx') ? [path] : []
  })
const files = ['src', 'hooks', 'collections']
  .flatMap(sourceFiles)
  .map((path) => ({ path: relative(ROOT, join(ROOT, path)), text: readFileSync(join(ROOT, path), 'utf8') }))
const offenders = (pattern: RegExp, allowed: readonly string[]) =>
  files.filter((file) => pattern.test(file.text) && !allowed.includes(file.path)).map((file) => file.path)

describe('where permissions are decided', () => {
  it('checks project roles only in the project capability table', () => {
    // a role of the actor compared by hand: `projectRoles.includes('admin')`, `role === 'team-manager'` on a tie...
    expect(
      offenders(/projectRoles\.(includes|some|find)\(|tie\.role\s*===|workspaceRole\s*===/, ['src/domain/projects/capabilities.ts']),
    ).toEqual([])
  })

  it("overrides Payload's access only through systemAccess()", () => {
    expect(offenders(/overrideAccess:\s*true/, ['src/system.ts'])).toEqual([])
  })
})
