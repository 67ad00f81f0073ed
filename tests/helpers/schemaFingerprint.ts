import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const SCHEMA_SOURCES = ['src', 'collections', 'hooks', 'demo', 'payload.config.ts', 'package-lock.json']

/** A hash of everything that can change the pushed schema: a new one means a new template database. */
export function schemaFingerprint(rootDir: string): string {
  const hash = createHash('sha1')
  const visit = (entry: string) => {
    const full = path.join(rootDir, entry)
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child))
    } else if (/\.(ts|tsx|json)$/.test(entry)) {
      hash.update(entry).update(readFileSync(full))
    }
  }
  SCHEMA_SOURCES.forEach(visit)
  return hash.digest('hex').slice(0, 12)
}
