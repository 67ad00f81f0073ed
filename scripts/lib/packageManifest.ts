/**
 * The published package.json, from the repository's own: the same name, version and description, an exports
 * map into dist/ (types first), only dist/ and the README shipped, the npm packages the built code imports as
 * dependencies, and the host's framework as peer dependencies at the ranges LabelOps supports. Pure.
 */

/** What the host brings: LabelOps runs inside its Payload, Next and React (tested on the versions in package.json). */
export const PEER_DEPENDENCIES: Record<string, string> = {
  payload: '^3.90.0',
  '@payloadcms/db-postgres': '^3.90.0',
  '@payloadcms/graphql': '^3.90.0',
  '@payloadcms/next': '^3.90.0',
  '@payloadcms/ui': '^3.90.0',
  next: '^16.0.0',
  react: '^19.2.0',
  'react-dom': '^19.2.0',
  graphql: '^16.8.0',
}

/** Packages a dependency needs beside it without installing them itself (its own peers that are not the host's). */
const COMPANIONS: Record<string, string[]> = { 'react-konva': ['konva'] }

const ENTRY_POINTS: Record<string, string> = {
  '.': 'src/index',
  './server': 'src/server/index',
  './client': 'admin-components/client',
  './rsc': 'admin-components/rsc',
}

type OwnManifest = {
  name: string
  version: string
  description?: string
  license?: string
  engines?: unknown
  dependencies: Record<string, string>
}

export function publishedManifest(own: OwnManifest, imported: readonly string[]) {
  const missing = imported.filter((name) => !PEER_DEPENDENCIES[name] && !own.dependencies[name])
  if (missing.length > 0) throw new Error(`the built code imports ${missing.join(', ')}, which package.json does not depend on`)
  const withCompanions = imported.flatMap((name) => [name, ...(COMPANIONS[name] ?? [])])
  const dependencies = Object.fromEntries(
    [...new Set(withCompanions)]
      .filter((name) => !PEER_DEPENDENCIES[name])
      .sort()
      .map((name) => [name, own.dependencies[name]!]),
  )
  return {
    name: own.name,
    version: own.version,
    description: own.description,
    license: own.license,
    type: 'module',
    engines: own.engines,
    exports: Object.fromEntries(
      Object.entries(ENTRY_POINTS).map(([entry, file]) => [entry, { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` }]),
    ),
    // the admin components import their CSS: a bundler must keep those imports
    sideEffects: ['**/*.css'],
    files: ['dist', 'README.md'],
    dependencies,
    peerDependencies: PEER_DEPENDENCIES,
  }
}
