import { Readable } from 'node:stream'

import { createLocalReq, type Payload } from 'payload'

import { importDataItems } from '../../src/operations/importDataItems.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import type { Person, SoakWorld } from './workers.ts'

const PASSWORD = 'soak-password-1'

/** A workspace with one running review-and-rework project over `tasks` images, and its workforce signed in. */
export async function setUpSoak(
  payload: Payload,
  { tasks, workers, login }: { tasks: number; workers: number; login: (email: string, password: string) => Promise<string> },
): Promise<SoakWorld> {
  const workspace = (await payload.create({ collection: 'workspaces', data: { name: 'Soak' } })).id
  const managers = Math.max(1, Math.round(workers * 0.015))
  const reviewers = Math.max(1, Math.round(workers * 0.25))
  const roles = Array.from({ length: workers }, (_, i) =>
    i < managers ? 'team-manager' : i < managers + reviewers ? 'reviewer' : 'annotator',
  )
  const people: Array<{ id: number | string; email: string; role: string }> = []
  for (const [i, role] of roles.entries()) {
    const email = `${role}${i}@soak.test`
    const user = await payload.create({ collection: 'users', data: { email, password: PASSWORD } })
    await payload.create({ collection: 'workspace-members', data: { workspace, user: user.id, role: 'tasker' } as never })
    people.push({ id: user.id, email, role })
  }
  const dataset = (await payload.create({ collection: 'datasets', data: { workspace, name: 'Frames' } as never })).id
  const ontology = (
    await payload.create({
      collection: 'ontologies',
      data: { workspace, name: 'Street', objects: [{ id: 'car', name: 'Car', shape: 'bounding-box' }], classifications: [] } as never,
    })
  ).id
  const lines = Array.from({ length: tasks }, (_, i) =>
    JSON.stringify({ externalId: `f${i}`, type: 'image', url: `https://cdn.example.com/${i}.jpg` }),
  )
  await importDataItems({
    req: await createLocalReq({}, payload),
    dataset,
    body: Readable.from([Buffer.from(lines.join('\n'))]),
    format: 'ndjson',
  })
  const project = (
    await payload.create({
      collection: 'projects',
      data: {
        workspace,
        name: 'Soak',
        datasets: [dataset],
        ontology,
        workflow: BUILT_IN_TEMPLATES['annotate-review-rework']!.graph,
        collaborators: people.map((person) => ({ user: person.id, role: person.role })),
        settings: { leaseMinutes: 120 },
      } as never,
    })
  ).id
  await payload.update({ collection: 'projects', id: project, data: { status: 'in-progress' } as never })
  const taskIds = (
    await payload.find({ collection: 'tasks', where: { project: { equals: project } }, limit: 0, pagination: false, depth: 0, select: {} })
  ).docs.map((task) => task.id)
  const signIn = async (role: string): Promise<Person[]> => {
    const signedIn: Person[] = []
    for (const person of people.filter((candidate) => candidate.role === role))
      signedIn.push({ id: person.id, token: await login(person.email, PASSWORD) })
    return signedIn
  }
  return {
    project,
    taskIds,
    managers: await signIn('team-manager'),
    reviewers: await signIn('reviewer'),
    annotators: await signIn('annotator'),
  }
}
