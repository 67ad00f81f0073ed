// The foreign host of `npm run check:host`: a minimal Payload app of someone else's — its own auth collection
// (`people`, which only shows each person to themselves), its own `projects` collection, uuid ids — with LabelOps
// installed from the packed tarball, its `projects` renamed through `slugs`. Copied into a fresh folder and run there.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { labelOpsPlugin } from 'labelops'
import { buildConfig } from 'payload'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  secret: 'host-check-secret',
  serverURL: process.env.HOST_URL,
  // Payload's default avatar is Gravatar's, out of reach on a machine without internet
  admin: { user: 'people', avatar: 'default', importMap: { baseDir: dirname } },
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: { connectionString: process.env.DATABASE_URI },
    idType: 'uuid',
    migrationDir: path.join(dirname, 'migrations'),
    push: false,
  }),
  collections: [
    {
      slug: 'people',
      auth: true,
      fields: [{ name: 'displayName', type: 'text' }],
      access: {
        // the host's own rule: everyone sees and changes only themselves; anyone may sign up
        read: ({ req }) => (req.user ? { id: { equals: req.user.id } } : false),
        update: ({ req }) => (req.user ? { id: { equals: req.user.id } } : false),
        create: () => true,
      },
    },
    { slug: 'projects', fields: [{ name: 'title', type: 'text', required: true }] },
  ],
  plugins: [labelOpsPlugin({ usersCollection: 'people', slugs: { projects: 'annotation-projects' } })],
  typescript: { outputFile: path.join(dirname, 'payload-types.ts') },
})
