import { type CollectionConfig, type Config, formatNames, toWords } from 'payload'

import type { SanitizedLabelOpsOptions } from './options.ts'

/** The database adapters LabelOps' SQL runs on (raw Postgres: SKIP LOCKED, triggers, COPY). */
const POSTGRES_ADAPTERS = new Set(['postgres', 'vercel-postgres'])

/**
 * What in the host's config stops LabelOps from starting, as one sentence naming the problem and the option
 * that fixes it; null when nothing does. Checked before any collection is added, so a host sees this and not
 * a stack trace from deep inside Payload. Pure.
 */
export function hostConfigProblem(
  config: Pick<Config, 'collections' | 'db' | 'editor'>,
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
  const hostTypes = new Map(collections.flatMap((collection) => graphQLTypeNames(collection).map((name) => [name, collection.slug])))
  for (const collection of ours) {
    const clash = graphQLTypeNames(collection).find((name) => hostTypes.has(name))
    if (!clash) continue
    const key = keyOf(collection.slug)
    return `labelOpsPlugin: the host's collection "${hostTypes.get(clash)}" and LabelOps' ${key} would both be the GraphQL type "${clash}"; rename LabelOps' with the plugin's slugs option, e.g. slugs: { ${key}: 'labelops-${collection.slug}' }, or set graphQL.singularName and pluralName on the host's collection`
  }
  return null
}

/** The names Payload gives a collection's GraphQL types (initCollections: its graphQL names, else from its slug). */
function graphQLTypeNames({ graphQL, slug }: Pick<CollectionConfig, 'graphQL' | 'slug'>): string[] {
  if (graphQL === false) return []
  const fromSlug = formatNames(slug)
  return [
    graphQL?.singularName ? toWords(graphQL.singularName, true) : fromSlug.singular,
    graphQL?.pluralName ? toWords(graphQL.pluralName, true) : fromSlug.plural,
  ]
}
