// `npm run pack`: the installable package. Builds the plugin to JavaScript and type declarations (dist/, with
// the admin components' CSS beside them), writes the published package.json — an exports map pointing at dist/,
// `files` limited to what a host needs, the npm packages dist/ imports as dependencies (at the versions this
// repository runs) and Payload, Next and React as peer dependencies — and runs `npm pack` on that, leaving
// labelops-<version>.tgz in the project root (or --out <dir>). The repository itself keeps importing the
// TypeScript sources (its own package.json's exports), so the demo and the tests need no build.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import ts from 'typescript'

import { PEER_DEPENDENCIES, publishedManifest } from './lib/packageManifest.ts'

const root = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { out: { type: 'string' } } })
const out = path.resolve(values.out ?? root)
const stage = path.join(root, '.pack')

rmSync(path.join(root, 'dist'), { recursive: true, force: true })
rmSync(stage, { recursive: true, force: true })
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
})

/** every file under `dir` (relative to it) */
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full).map((file) => path.join(name, file)) : [name]
  })
for (const file of walk(path.join(root, 'admin-components')).filter((file) => file.endsWith('.css'))) {
  mkdirSync(path.dirname(path.join(root, 'dist/admin-components', file)), { recursive: true })
  cpSync(path.join(root, 'admin-components', file), path.join(root, 'dist/admin-components', file))
}

// the bare imports of the built files: what the package needs installed beside it
const imported = new Set<string>()
for (const file of walk(path.join(root, 'dist')).filter((file) => file.endsWith('.js'))) {
  const text = readFileSync(path.join(root, 'dist', file), 'utf8')
  // TypeScript's own scanner: the module specifiers of imports, re-exports and import() calls, never strings
  for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
    if (specifier.startsWith('.') || specifier.startsWith('node:')) continue
    imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!)
  }
}
const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const manifest = publishedManifest(own, [...imported])

mkdirSync(stage, { recursive: true })
cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true })
cpSync(path.join(root, 'README.md'), path.join(stage, 'README.md'))
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
mkdirSync(out, { recursive: true })
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: stage, encoding: 'utf8' })
  .trim()
  .split('\n')
  .at(-1)!
console.log(
  `${path.join(out, tarball)} (dependencies: ${Object.keys(manifest.dependencies).join(', ')}; peers: ${Object.keys(PEER_DEPENDENCIES).join(', ')})`,
)
