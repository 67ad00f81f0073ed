import { execFileSync } from 'node:child_process'
import path from 'node:path'

/** Runs scripts/pack.ts with its tarball going to `dir`; answers the tarball's path (the last line's first word). */
export function packInto(dir: string): string {
  const root = path.resolve(import.meta.dirname, '../..')
  const printed = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/pack.ts'), '--out', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return printed.trim().split('\n').at(-1)!.split(' ')[0]!
}
