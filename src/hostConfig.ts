import { type CollectionConfig, type Config, formatNames, toWords } from 'payload'

import { DEFAULT_SLUGS, type SanitizedLabelOpsOptions } from './options.ts'

/** The database adapters LabelOps' SQL runs on (raw Postgres: SKIP LOCKED, triggers, COPY). */
const POSTGRES_ADAPTERS = new Set(['postgres', 'vercel-postgres'])

/**
 * What in the host's config stops LabelOps from starting, as one sentence naming the problem and the option
 * that fixes it; null when nothing does. Checked before any collection is added, so a host sees this and not
 * a stack trace from deep inside Payload. Pure.
 */
export function hostConfigProblem(
  config: Pick<Config, 'collections' | 'db' | 'editor' | 'globals' | 'graphQL'>,
  { slugs }: Pick<SanitizedLabelOpsOptions, 'slugs'>,
  ours: readonly Pick<CollectionConfig, 'graphQL' | 'slug'>[],
): string | null {
  const adapter = (config.db as { name?: string } | undefined)?.name
  if (!POSTGRES_ADAPTERS.has(adapter ?? '')) {
    return `labelOpsPlugin: LabelOps needs a Postgres database, and this config's db is ${adapter ? `the "${adapter}" adapter` : 'not a Postgres adapter'}; set db: postgresAdapter({ pool: { connectionString } }) from @payloadcms/db-postgres`
  }
  if (!config.editor) {
    return "labelOpsPlugin: LabelOps' ontology instructions, project descriptions and issue bodies are rich text, and this config has no rich-text editor; set editor: lexicalEditor() from @payloadcms/richtext-lexical"
  }
  const collections = config.collections ?? []
  const users = collections.find((collection) => collection.slug === slugs.users)
  if (!users) {
    return `labelOpsPlugin: usersCollection "${slugs.users}" is not a collection of this config; set the plugin's usersCollection option to your auth collection's slug`
  }
  if (!users.auth) {
    return `labelOpsPlugin: usersCollection "${slugs.users}" is not an auth collection (it has no auth: true), so nobody could sign in to LabelOps; set the plugin's usersCollection option to your auth collection's slug`
  }
  const keyOf = (slug: string) => Object.entries(slugs).find(([, value]) => value === slug)?.[0] ?? slug
  for (const { slug } of ours) {
    if (!collections.some((collection) => collection.slug === slug)) continue
    const key = keyOf(slug)
    return `labelOpsPlugin: the host already has a collection "${slug}", which LabelOps needs for its ${key}; rename LabelOps' with the plugin's slugs option, e.g. slugs: { ${key}: 'labelops-${slug}' }`
  }
  const hostTypes = hostGraphQLTypes(config)
  for (const collection of ours) {
    const clash = graphQLTypeNames(collection).find((name) => hostTypes.has(name))
    if (!clash) continue
    const key = keyOf(collection.slug)
    return `labelOpsPlugin: the host's ${hostTypes.get(clash)} and LabelOps' ${key} would both be the GraphQL type "${clash}"; rename LabelOps' with the plugin's slugs option, e.g. slugs: { ${key}: 'labelops-${collection.slug}' }, or give the host's its own graphQL names`
  }
  return null
}

/**
 * LabelOps' GraphQL type names (Project, Task, …) are fixed, so a renamed collection keeps its API; only where a
 * fixed name is one the host already has and the host renamed that collection (as `slugs` is for) does the
 * collection take Payload's names from its new slug (`annotation-projects` → AnnotationProject). A clash left
 * after that is hostConfigProblem's to report.
 */
export function withHostSafeGraphQLNames(
  ours: CollectionConfig[],
  hostTypes: ReadonlyMap<string, string>,
  slugs: SanitizedLabelOpsOptions['slugs'],
): CollectionConfig[] {
  return ours.map((collection) => {
    const key = Object.entries(DEFAULT_SLUGS).find(([name]) => slugs[name as keyof typeof slugs] === collection.slug)?.[0]
    const renamed = key !== undefined && DEFAULT_SLUGS[key as keyof typeof DEFAULT_SLUGS] !== collection.slug
    if (!renamed || !collection.graphQL || !graphQLTypeNames(collection).some((name) => hostTypes.has(name))) return collection
    const { singularName: _singular, pluralName: _plural, ...rest } = collection.graphQL
    return { ...collection, graphQL: rest }
  })
}

/**
 * The GraphQL type names the host's own collections and globals take, each with what it is ("collection
 * \"projects\""); none when the host turned GraphQL off (no schema is built, nothing can clash).
 */
export function hostGraphQLTypes(config: Pick<Config, 'collections' | 'globals' | 'graphQL'>): Map<string, string> {
  if (config.graphQL?.disable) return new Map()
  const collections = (config.collections ?? []).flatMap((collection) =>
    graphQLTypeNames(collection).map((name) => [name, `collection "${collection.slug}"`] as const),
  )
  // Payload's initGlobals: graphQL.name, else the slug's singular
  const globals = (config.globals ?? []).flatMap(({ graphQL, slug }) =>
    graphQL === false ? [] : [[graphQL?.name ? toWords(graphQL.name, true) : formatNames(slug).singular, `global "${slug}"`] as const],
  )
  return new Map([...collections, ...globals])
}

/** The names Payload gives a collection's GraphQL types (initCollections: its graphQL names, else from its slug). */
export function graphQLTypeNames({ graphQL, slug }: Pick<CollectionConfig, 'graphQL' | 'slug'>): string[] {
  if (graphQL === false) return []
  const fromSlug = formatNames(slug)
  return [
    graphQL?.singularName ? toWords(graphQL.singularName, true) : fromSlug.singular,
    graphQL?.pluralName ? toWords(graphQL.pluralName, true) : fromSlug.plural,
  ]
}
