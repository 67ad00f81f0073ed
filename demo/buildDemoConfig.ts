import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig, type CollectionBeforeChangeHook, type Config } from 'payload'

import { labelOpsPlugin, type LabelOpsOptions } from '../src/index.ts'
import { demoIdType } from './idType.ts'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type DemoConfigOptions = {
  databaseUri: string
  /** Let the adapter push the schema on connect (dev). Tests start from a pushed template and pass false. */
  push?: boolean
  labelOps?: LabelOpsOptions
  /** Sees every SQL statement (tests count queries with it). */
  logQuery?: (query: string, params: unknown[]) => void
  /** Extra host config merged in before the plugin runs (tests use it to add host collections). */
  extend?: (config: Config) => Config
  /**
   * The adapter's id type: serial integers, or uuid strings for hosts that use them.
   * @default process.env.LABELOPS_TEST_ID_TYPE, else 'serial' (the test suite runs once with `uuid`)
   */
  idType?: 'serial' | 'uuid'
}

const isSuperAdminField = ({ req }: { req: { user?: unknown } }) => Boolean((req.user as { superAdmin?: boolean } | null)?.superAdmin)

/** The demo's first registered user owns the installation. */
const firstUserIsSuperAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation === 'create' && (await req.payload.count({ collection: 'users', req })).totalDocs === 0) {
    return { ...data, superAdmin: true }
  }
  return data
}

function resolveSecret(): string {
  if (process.env.PAYLOAD_SECRET) return process.env.PAYLOAD_SECRET
  if (process.env.NODE_ENV === 'production') throw new Error('PAYLOAD_SECRET must be set in production')
  return 'labelops-dev-secret-change-me'
}

/** The demo host: a users auth collection, a media upload collection, the lexical editor and LabelOps. */
export function buildDemoConfig({ databaseUri, push, labelOps, logQuery, extend, idType = demoIdType() }: DemoConfigOptions) {
  const host: Config = {
    secret: resolveSecret(),
    serverURL: process.env.PAYLOAD_PUBLIC_SERVER_URL || undefined,
    admin: {
      user: 'users',
      avatar: 'default', // no Gravatar: the admin panel makes no calls to outside hosts
      importMap: { baseDir: rootDir, importMapFile: path.join(rootDir, 'app/(payload)/admin/importMap.js') },
      meta: { titleSuffix: '— LabelOps' },
    },
    collections: [
      {
        slug: 'users',
        auth: {
          // hardening a host should have (README "Production"): five wrong passwords lock the account for ten
          // minutes; service accounts sign in with an API key and hold exactly their user's rights
          maxLoginAttempts: 5,
          lockTime: 10 * 60 * 1000,
          useAPIKey: true,
        },
        admin: { useAsTitle: 'email' },
        fields: [
          { name: 'name', type: 'text' },
          {
            // the demo's notion of a host super-admin (LabelOps asks through `isSuperAdmin`)
            name: 'superAdmin',
            type: 'checkbox',
            defaultValue: false,
            access: { create: isSuperAdminField, update: isSuperAdminField },
            admin: { position: 'sidebar', description: 'Bypasses every LabelOps rule. The first user gets it.' },
          },
        ],
        hooks: { beforeChange: [firstUserIsSuperAdmin] },
      },
      {
        slug: 'media',
        upload: { staticDir: path.join(rootDir, '.data/media') },
        fields: [{ name: 'alt', type: 'text' }],
      },
    ],
    editor: lexicalEditor(),
    db: postgresAdapter({
      pool: { connectionString: databaseUri, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
      push: push ?? process.env.NODE_ENV !== 'production',
      migrationDir: path.join(rootDir, 'migrations'),
      idType,
      ...(logQuery ? { logger: { logQuery } } : {}),
    }),
    // payload-types.ts describes the demo with serial ids: a uuid run must not rewrite it
    typescript: { outputFile: path.join(rootDir, 'payload-types.ts'), autoGenerate: idType === 'serial' },
    telemetry: false,
    // LOG_LEVEL=fatal quiets Payload (the tests set it); unset keeps Payload's default
    ...(process.env.LOG_LEVEL ? { logger: { options: { level: process.env.LOG_LEVEL } } } : {}),
    plugins: [
      labelOpsPlugin({
        isSuperAdmin: ({ user }) => Boolean((user as { superAdmin?: boolean }).superAdmin),
        // WEBHOOK_ALLOW_HOSTS=127.0.0.1,hooks.internal lets webhooks reach internal receivers (the browser tests' own)
        webhooks: { allowHosts: process.env.WEBHOOK_ALLOW_HOSTS?.split(',').filter(Boolean) ?? [] },
        ...labelOps,
      }),
    ],
  }
  return buildConfig(extend ? extend(host) : host)
}
