// `npm run check:package`: packs LabelOps (scripts/pack.ts) and proves the tarball installs and loads: it is
// installed with npm into a fresh folder (its dependencies from the npm cache; Payload, Next and React — the
// peers — found in this repository's node_modules, as a host's would be), every file the exports map names is
// there with its type declarations, and the server entry points load in plain Node and give a working plugin.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { packInto } from './lib/packInto.ts'

const root = path.resolve(import.meta.dirname, '..')
const work = mkdtempSync(path.join(root, '.pack-check-'))
try {
  const tarball = packInto(work)
  const host = path.join(work, 'host')
  execFileSync('mkdir', ['-p', host])
  writeFileSync(path.join(host, 'package.json'), JSON.stringify({ name: 'labelops-host', private: true, type: 'module' }))
  // the peers come from the repository's node_modules (a folder up), as a host's own would
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--legacy-peer-deps', tarball], {
    cwd: host,
    stdio: 'inherit',
  })
  const installed = path.join(host, 'node_modules/labelops')
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'))
  for (const [entry, target] of Object.entries(manifest.exports as Record<string, { types: string; default: string }>)) {
    for (const file of [target.types, target.default]) {
      if (!existsSync(path.join(installed, file))) throw new Error(`exports["${entry}"] names ${file}, which the package does not have`)
    }
  }
  if (existsSync(path.join(installed, 'src')) || existsSync(path.join(installed, 'tests')))
    throw new Error('the package ships sources or tests: files should hold dist only')
  const probe = `
    const { labelOpsPlugin, DEFAULT_SLUGS } = await import('labelops')
    await import('labelops/server')
    const config = labelOpsPlugin({ slugs: { projects: 'annotation-projects' } })({
      secret: 'x', db: { name: 'postgres' }, editor: {},
      collections: [{ slug: 'users', auth: true, fields: [] }, { slug: 'projects', fields: [] }],
    })
    const slugs = config.collections.map((collection) => collection.slug)
    if (!slugs.includes('annotation-projects') || !slugs.includes('workspaces')) throw new Error('collections: ' + slugs.join(', '))
    console.log('labelops loads: ' + (slugs.length - 2) + ' collections, slugs ' + Object.keys(DEFAULT_SLUGS).length)
  `
  execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: host, stdio: 'inherit' })
  console.log(`package: ${path.basename(tarball)} installs and loads`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
