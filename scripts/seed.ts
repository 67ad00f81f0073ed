// `npm run seed`: a demo Workspace with one user per workspace role (password: labelops-demo).
// Idempotent: running it again changes nothing. Runs on DATABASE_URI or the embedded Postgres.
import { getPayload } from 'payload'
import { loadEnv } from 'payload/node'

import { buildDemoConfig } from '../demo/buildDemoConfig.ts'
import { releasePool } from '../src/db/guardPoolErrors.ts'
import { resolveDatabase } from '../src/db/resolveDatabase.ts'
import { WORKSPACE_ROLES } from '../src/roles.ts'

loadEnv()
const db = await resolveDatabase({ handleSignals: false })
const payload = await getPayload({ config: buildDemoConfig({ databaseUri: db.uri }) })
const PASSWORD = 'labelops-demo'

const findOne = async (collection: 'users' | 'workspaces' | 'workspace-members', where: Record<string, unknown>) =>
  (await payload.find({ collection, where: where as never, limit: 1, depth: 0 })).docs[0]

const workspace =
  (await findOne('workspaces', { slug: { equals: 'acme-vision' } })) ??
  (await payload.create({ collection: 'workspaces', data: { name: 'Acme Vision', slug: 'acme-vision' } }))

const people: Record<string, number | string> = {}
for (const role of WORKSPACE_ROLES) {
  const email = `${role}@acme.test`
  const user =
    (await findOne('users', { email: { equals: email } })) ??
    (await payload.create({ collection: 'users', data: { email, password: PASSWORD } }))
  const membership = await findOne('workspace-members', { and: [{ workspace: { equals: workspace.id } }, { user: { equals: user.id } }] })
  if (!membership) await payload.create({ collection: 'workspace-members', data: { workspace: workspace.id, user: user.id, role } })
  people[role] = user.id
  console.log(`${role.padEnd(18)} ${email} / ${PASSWORD}`)
}

const findOrCreate = async (collection: 'datasets' | 'ontologies' | 'projects', name: string, data: Record<string, unknown>) => {
  const existing = (
    await payload.find({
      collection,
      where: { and: [{ workspace: { equals: workspace.id } }, { name: { equals: name } }] },
      limit: 1,
      depth: 0,
    })
  ).docs[0]
  return (
    existing ?? (await payload.create({ collection, data: { workspace: workspace.id, name, createdBy: people.admin, ...data } as never }))
  )
}
const dataset = await findOrCreate('datasets', 'Street scenes', { description: 'Dashcam frames for the demo' })
const ontology = await findOrCreate('ontologies', 'Driving', {
  objects: [
    { id: 'car', name: 'Car', shape: 'bounding-box', colour: '#e4572e' },
    { id: 'lane', name: 'Lane', shape: 'polyline', colour: '#29335c' },
  ],
  classifications: [
    {
      id: 'weather',
      name: 'Weather',
      type: 'radio',
      required: true,
      options: [
        { id: 'clear', label: 'Clear' },
        { id: 'rain', label: 'Rain' },
      ],
    },
  ],
})
await findOrCreate('projects', 'Street scenes — boxes', {
  datasets: [dataset.id],
  ontology: ontology.id,
  tags: ['demo', 'driving'],
  collaborators: [
    { user: people.admin, role: 'admin' },
    { user: people.tasker, role: 'annotator' },
    { user: people.member, role: 'reviewer' },
  ],
})
console.log(`Dataset "Street scenes" is id ${dataset.id}: npm run import -- --dataset ${dataset.id} <manifest.ndjson|.json|.csv>`)
console.log(`Workspace "${(workspace as { name: string }).name}" is ready.`)
releasePool(payload)
await db.stop()
process.exit(0)
