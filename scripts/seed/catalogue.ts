import type { CollectionSlug, Payload, Where } from 'payload'

import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import type { Id } from '../../src/types.ts'
import { DEMO_PASSWORD, DEMO_PEOPLE, OWNER, type PersonKey } from './people.ts'
import { STREET_ONTOLOGY, TICKET_ONTOLOGY } from './ontologies.ts'
import { drawScene } from './scenes.ts'
import { TICKETS } from './tickets.ts'

/**
 * What the demo's work happens in — the workspace, its people and groups, ontologies, datasets with their
 * items, and the four projects — found, or made when missing (so running it again makes nothing new).
 */
export type User = { id: Id; email: string; [key: string]: unknown }
export type ProjectKey = 'quick' | 'review' | 'rework' | 'consensus'
/** `created`: made by this run; `unworked`: nothing but its tasks' creation in its journal yet (the work is still to do) */
export type DemoProject = { key: ProjectKey; id: Id; name: string; created: boolean; unworked: boolean }
export type Catalogue = {
  workspace: Id
  people: Record<PersonKey, User>
  projects: DemoProject[]
  /** how many documents this run made */
  made: number
}

export const WORKSPACE = { name: 'Acme Vision', slug: 'acme-vision' }

type DatasetKey = 'street' | 'dashcam' | 'tickets'
const DATASETS: Record<DatasetKey, { name: string; description: string }> = {
  street: { name: 'Street scenes', description: 'City street frames with cars, buildings, lanes and traffic lights.' },
  dashcam: { name: 'Dashcam frames', description: 'Frames from a test vehicle, for quick vehicle boxes.' },
  tickets: { name: 'Support tickets', description: 'Customer messages to mark products and problems in.' },
}
/** how many generated images each image dataset holds, and where its scene numbers start */
const IMAGES: Partial<Record<DatasetKey, { count: number; first: number }>> = {
  street: { count: 16, first: 0 },
  dashcam: { count: 10, first: 100 },
}

export const PROJECTS: Array<{
  key: ProjectKey
  name: string
  template: keyof typeof BUILT_IN_TEMPLATES
  dataset: DatasetKey
  ontology: 'street' | 'tickets'
  tags: string[]
}> = [
  {
    key: 'quick',
    name: 'Dashcam — vehicle boxes',
    template: 'annotate-complete',
    dataset: 'dashcam',
    ontology: 'street',
    tags: ['demo', 'vehicles'],
  },
  {
    key: 'review',
    name: 'Street scenes — reviewed',
    template: 'annotate-review-complete',
    dataset: 'street',
    ontology: 'street',
    tags: ['demo', 'street'],
  },
  {
    key: 'rework',
    name: 'Street scenes — QA with rework',
    template: 'annotate-review-rework',
    dataset: 'street',
    ontology: 'street',
    tags: ['demo', 'street', 'qa'],
  },
  {
    key: 'consensus',
    name: 'Support tickets — consensus',
    template: 'consensus',
    dataset: 'tickets',
    ontology: 'tickets',
    tags: ['demo', 'text'],
  },
]

export async function seedCatalogue(payload: Payload): Promise<Catalogue> {
  let made = 0
  const findOne = async (collection: CollectionSlug, where: Where) =>
    (await payload.find({ collection, where, limit: 1, depth: 0, overrideAccess: true })).docs[0] as unknown as
      Record<string, unknown> | undefined
  /** the document `where` finds, or the one `create` makes (as the system, or as `user` when given) */
  const ensure = async (collection: CollectionSlug, where: Where, data: Record<string, unknown>, user?: User, file?: object) => {
    const found = await findOne(collection, where)
    if (found) return found
    made++
    const options = { collection, data, depth: 0, overrideAccess: true, ...(user ? { user } : {}), ...(file ? { file } : {}) }
    return (await payload.create(options as never)) as unknown as Record<string, unknown>
  }

  // on an empty database the demo host makes the first user a super-admin: that is the owner, not a demo actor
  if ((await payload.count({ collection: 'users', overrideAccess: true })).totalDocs === 0)
    await ensure('users', { email: { equals: OWNER.email } }, { email: OWNER.email, name: OWNER.name, password: DEMO_PASSWORD })
  // password hashing dominates: the accounts are made side by side
  const accounts = await Promise.all(
    DEMO_PEOPLE.map((person) =>
      ensure('users', { email: { equals: person.email } }, { email: person.email, name: person.name, password: DEMO_PASSWORD }),
    ),
  )
  const people = Object.fromEntries(DEMO_PEOPLE.map((person, i) => [person.key, accounts[i] as User])) as Record<PersonKey, User>

  // the Admin creates the workspace (and so becomes its first Admin; the built-in templates come with it)
  const workspace = (await ensure('workspaces', { slug: { equals: WORKSPACE.slug } }, WORKSPACE, people.admin)).id as Id
  const inWorkspace = (extra: Where): Where => ({ and: [{ workspace: { equals: workspace } }, extra] })
  for (const person of DEMO_PEOPLE)
    await ensure('workspace-members', inWorkspace({ user: { equals: people[person.key].id } }), {
      workspace,
      user: people[person.key].id,
      role: person.workspaceRole,
    })

  const group = async (name: string, description: string, members: PersonKey[]) =>
    (
      await ensure('user-groups', inWorkspace({ name: { equals: name } }), {
        workspace,
        name,
        description,
        members: members.map((key) => people[key].id),
        managers: [people.manager.id],
      })
    ).id as Id
  const streetTeam = await group('Street team', 'Annotators trained on street scenes.', ['annotator1', 'annotator2'])
  const reviewers = await group('Reviewers', 'Senior taskers who review and approve labels.', ['reviewer1', 'reviewer2'])

  const ontologies = {
    street: (
      await ensure(
        'ontologies',
        inWorkspace({ name: { equals: STREET_ONTOLOGY.name } }),
        { workspace, name: STREET_ONTOLOGY.name, ...STREET_ONTOLOGY.structure },
        people.lead,
      )
    ).id as Id,
    tickets: (
      await ensure(
        'ontologies',
        inWorkspace({ name: { equals: TICKET_ONTOLOGY.name } }),
        { workspace, name: TICKET_ONTOLOGY.name, ...TICKET_ONTOLOGY.structure },
        people.lead,
      )
    ).id as Id,
  }

  const datasets = {} as Record<DatasetKey, Id>
  for (const [key, dataset] of Object.entries(DATASETS) as Array<[DatasetKey, (typeof DATASETS)[DatasetKey]]>) {
    const id = (datasets[key] = (
      await ensure('datasets', inWorkspace({ name: { equals: dataset.name } }), { workspace, ...dataset }, people.lead)
    ).id as Id)
    const item = (externalId: string) => ({ and: [{ dataset: { equals: id } }, { externalId: { equals: externalId } }] }) as Where
    const images = IMAGES[key]
    for (let i = 0; images && i < images.count; i++) {
      const externalId = `${key}-${String(i + 1).padStart(3, '0')}`
      if (await findOne('data-items', item(externalId))) continue
      const scene = drawScene(images.first + i)
      const media = await ensure('media', { filename: { equals: `${externalId}.png` } }, { alt: `${dataset.name} ${i + 1}` }, undefined, {
        data: scene.png,
        mimetype: 'image/png',
        name: `${externalId}.png`,
        size: scene.png.length,
      })
      await ensure('data-items', item(externalId), {
        dataset: id,
        name: `${dataset.name} #${i + 1}`,
        type: 'image',
        externalId,
        source: { kind: 'media', media: media.id, url: media.url ?? null },
        width: scene.width,
        height: scene.height,
        metadata: { scene: images.first + i, weather: scene.weather, cars: scene.cars.length },
      })
    }
    if (key === 'tickets')
      for (const ticket of TICKETS)
        await ensure('data-items', item(ticket.externalId), {
          dataset: id,
          name: `Ticket ${ticket.externalId.slice(-3)}`,
          type: 'text',
          externalId: ticket.externalId,
          source: { kind: 'text', text: ticket.text },
          metadata: { channel: 'email' },
        })
  }

  const templates = (
    await payload.find({
      collection: 'workflow-templates',
      where: { workspace: { equals: workspace } },
      limit: 20,
      depth: 0,
      overrideAccess: true,
    })
  ).docs as unknown as Array<{ id: Id; name: string }>
  const projects: DemoProject[] = []
  for (const project of PROJECTS) {
    const existing = await findOne('projects', inWorkspace({ name: { equals: project.name } }))
    if (existing) {
      const worked = await payload.count({
        collection: 'task-events',
        where: { and: [{ project: { equals: existing.id } }, { type: { not_equals: 'created' } }] },
        overrideAccess: true,
      })
      projects.push({ key: project.key, id: existing.id as Id, name: project.name, created: false, unworked: worked.totalDocs === 0 })
      continue
    }
    const template = templates.find((candidate) => candidate.name === BUILT_IN_TEMPLATES[project.template]!.name)
    if (!template) throw new Error(`the workspace has no built-in template "${BUILT_IN_TEMPLATES[project.template]!.name}"`)
    // annotators: the Street team as a group (plus a third annotator) on street scenes, people one by one elsewhere
    const annotators =
      project.dataset === 'street'
        ? [
            { group: streetTeam, role: 'annotator' },
            { user: people.annotator3.id, role: 'annotator' },
          ]
        : (['annotator1', 'annotator2', 'annotator3'] as const).map((key) => ({ user: people[key].id, role: 'annotator' }))
    // the Member creates it (and so is its project Admin)
    const created = await payload.create({
      collection: 'projects',
      data: {
        workspace,
        name: project.name,
        tags: project.tags,
        datasets: [datasets[project.dataset]],
        ontology: ontologies[project.ontology],
        workflowTemplate: template.id,
        collaborators: [
          { user: people.teamManager.id, role: 'team-manager' },
          // Reviewers where the workflow reviews
          ...(project.template === 'annotate-complete' ? [] : [{ group: reviewers, role: 'reviewer' }]),
          ...annotators,
        ],
      } as never,
      depth: 0,
      user: people.lead,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'projects',
      id: created.id,
      data: { status: 'in-progress' } as never,
      user: people.lead,
      overrideAccess: true,
    })
    made++
    projects.push({ key: project.key, id: created.id as Id, name: project.name, created: true, unworked: true })
  }
  return { workspace, people, projects, made }
}
