import { createLocalReq, type Payload } from 'payload'

import type { Decision } from '../../src/domain/labels/review.ts'
import type { LabelInput } from '../../src/domain/labels/validate.ts'
import { claimNextTask } from '../../src/operations/claimNextTask.ts'
import { saveLabelDraft } from '../../src/operations/labels.ts'
import { performTaskAction } from '../../src/operations/performTaskAction.ts'
import { resolveConsensusRequest } from '../../src/operations/resolveConsensus.ts'
import { reviewTask } from '../../src/operations/reviewTask.ts'
import type { Id } from '../../src/types.ts'
import type { Catalogue, DemoProject, ProjectKey } from './catalogue.ts'
import { type Mistake, sceneLabel, ticketLabel } from './labels.ts'
import type { PersonKey } from './people.ts'
import { drawScene, random, type Scene } from './scenes.ts'
import { heldFor } from './simulatedHold.ts'
import { TICKETS } from './tickets.ts'

/**
 * The demo's work, done by its people through the real operations (claim, label, submit, skip, review,
 * rework), each call as the acting person: labels submitted, some approved, some rejected with open issues,
 * some reworked (their issues resolved), consensus branches filled — and tasks left in every stage.
 */
type Item = { task: Id; externalId: string; metadata: Record<string, unknown> }
type Step = () => Promise<unknown>

export async function doDemoWork(payload: Payload, catalogue: Catalogue): Promise<DemoProject[]> {
  const { people } = catalogue
  const as = (who: PersonKey) => createLocalReq({ user: { ...people[who], collection: 'users' } as never }, payload)
  const minutes = random(7)
  const timeSpent = () => Math.round((40 + minutes() * 200) * 1000)
  const idle = random(11)

  const claim = async (who: PersonKey, project: Id, task: Id) => {
    const answer = await claimNextTask({ req: await as(who), project, taskId: task })
    if (!answer) throw new Error(`seed: ${who} could not claim task ${task}`)
    return answer.task.version
  }
  const draft = async (who: PersonKey, task: Id, label: LabelInput) =>
    saveLabelDraft({ req: await as(who), input: { id: task, body: label } })
  /** the time the hold lasted (the active time plus up to a half more idle), set on the simulated clock */
  const heldAndActive = async (who: PersonKey, task: Id) => {
    const active = timeSpent()
    await heldFor(payload, task, people[who].id, Math.round(active * (1 + idle() / 2)))
    return active
  }
  const annotate = async (who: PersonKey, project: Id, task: Id, label: LabelInput) => {
    const version = await claim(who, project, task)
    await draft(who, task, label)
    const timeSpentMs = await heldAndActive(who, task)
    return performTaskAction({ req: await as(who), taskId: task, action: 'submit', expectedVersion: version, timeSpentMs })
  }
  const review = async (who: PersonKey, project: Id, task: Id, rejections: Decision[] = [], note?: string) => {
    const version = await claim(who, project, task)
    const timeSpentMs = await heldAndActive(who, task)
    return reviewTask({
      req: await as(who),
      taskId: task,
      expectedVersion: version,
      decisions: rejections,
      all: 'approve',
      note,
      timeSpentMs,
    })
  }
  const resolve = async (who: PersonKey, project: Id, task: Id) => {
    const version = await claim(who, project, task)
    return resolveConsensusRequest({ req: await as(who), input: { id: task, body: { expectedVersion: version, mode: 'majority' } } })
  }
  const skip = async (who: PersonKey, project: Id, task: Id, note: string) => {
    const version = await claim(who, project, task)
    const timeSpentMs = await heldAndActive(who, task)
    return performTaskAction({ req: await as(who), taskId: task, action: 'skip', expectedVersion: version, note, timeSpentMs })
  }
  /** claimed and left open (a draft saved): someone is on it right now */
  const hold = async (who: PersonKey, project: Id, task: Id, label?: LabelInput) => {
    await claim(who, project, task)
    if (label) await draft(who, task, label)
  }

  const itemsOf = async (project: Id): Promise<Item[]> => {
    const tasks = (
      await payload.find({
        collection: 'tasks',
        where: { project: { equals: project } },
        limit: 0,
        pagination: false,
        depth: 0,
        overrideAccess: true,
      })
    ).docs as unknown as Array<{ id: Id; dataItem: Id }>
    const items = (
      await payload.find({
        collection: 'data-items',
        where: { id: { in: tasks.map((task) => task.dataItem) } },
        limit: 0,
        pagination: false,
        depth: 0,
        overrideAccess: true,
      })
    ).docs as unknown as Array<{ id: Id; externalId: string; metadata: Record<string, unknown> }>
    const byId = new Map(items.map((item) => [String(item.id), item]))
    return tasks
      .map((task) => ({
        task: task.id,
        externalId: byId.get(String(task.dataItem))!.externalId,
        metadata: byId.get(String(task.dataItem))!.metadata ?? {},
      }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId))
  }
  const scenes = new Map<number, Scene>()
  const scene = (item: Item, mistake?: Mistake) => {
    const number = Number(item.metadata.scene)
    if (!scenes.has(number)) scenes.set(number, drawScene(number))
    return sceneLabel(scenes.get(number)!, mistake)
  }
  const ticket = (item: Item, dissent = false) =>
    ticketLabel(
      TICKETS.find((candidate) => candidate.externalId === item.externalId)!,
      dissent,
    )
  const annotators: PersonKey[] = ['annotator1', 'annotator2', 'annotator3']
  const by = (i: number) => annotators[i % annotators.length]!
  const reviewer = (i: number): PersonKey => (i % 2 === 0 ? 'reviewer1' : 'reviewer2')

  const plans: Record<ProjectKey, (project: Id, items: Item[]) => Step[]> = {
    // Annotate → Complete: six done, one skipped with a reason, one being labelled now, the rest waiting
    quick: (project, items) => [
      ...items.slice(0, 6).map((item, i) => () => annotate(by(i), project, item.task, scene(item))),
      () => skip('annotator2', project, items[6]!.task, 'Too dark to see the vehicles; needs a brighter frame.'),
      () => hold('annotator1', project, items[7]!.task, scene(items[7]!)),
    ],
    // Annotate → Review → Complete: approvals, rejections with issues, a rework resolving its issue, waiting reviews
    review: (project, items) => {
      const loose = new Set([2, 5, 6])
      return [
        ...items
          .slice(0, 10)
          .map((item, i) => () => annotate(by(i), project, item.task, scene(item, loose.has(i) ? 'loose-box' : undefined))),
        ...[0, 1, 3, 4].map((i) => () => review(reviewer(i), project, items[i]!.task)),
        ...[...loose].map(
          (i) => () =>
            review(reviewer(i), project, items[i]!.task, [
              { target: 'object', id: 'car-1', verdict: 'reject', note: 'The box is too loose: fit it to the car.' },
            ]),
        ),
        // the original annotators fix two of them (their issues resolve on submit); the third stays open
        () => annotate(by(2), project, items[2]!.task, scene(items[2]!)),
        () => annotate(by(5), project, items[5]!.task, scene(items[5]!)),
        () => review('reviewer1', project, items[2]!.task),
        () => hold('reviewer2', project, items[7]!.task),
        () => hold('annotator3', project, items[10]!.task, scene(items[10]!)),
      ]
    },
    // Annotate → Review → Rework → Review → Complete: rejections go to the rework stage and come back
    rework: (project, items) => {
      const mistakes: Record<number, Mistake> = { 1: 'short-lane', 4: 'loose-box', 5: 'wrong-weather', 9: 'loose-box' }
      const rejection: Record<number, Decision> = {
        1: { target: 'object', id: 'lane-1', verdict: 'reject', note: 'The lane marking stops short: trace it to the horizon.' },
        4: { target: 'object', id: 'car-1', verdict: 'reject', note: 'The box is too loose: fit it to the car.' },
        5: { target: 'classification', id: 'weather', verdict: 'reject', note: 'Look at the sky again: the weather is wrong.' },
      }
      return [
        ...items.slice(0, 10).map((item, i) => () => annotate(by(i + 1), project, item.task, scene(item, mistakes[i]))),
        ...[0, 2, 3].map((i) => () => review(reviewer(i), project, items[i]!.task)),
        ...[1, 4, 5].map((i) => () => review(reviewer(i), project, items[i]!.task, [rejection[i]!])),
        () => annotate(by(2), project, items[1]!.task, scene(items[1]!)),
        () => annotate(by(5), project, items[4]!.task, scene(items[4]!)),
        () => review('reviewer2', project, items[1]!.task),
        () => hold('annotator1', project, items[11]!.task, scene(items[11]!, 'loose-box')),
      ]
    },
    // Consensus: three independent labels per ticket, then the consensus review; some tickets part-way
    consensus: (project, items) => [
      ...items
        .slice(0, 6)
        .flatMap((item, i) => annotators.map((who, j) => () => annotate(who, project, item.task, ticket(item, j === 2 && i % 2 === 0)))),
      // the annotators disagree on ticket 0: its reviewer resolves it by majority, then approves; ticket 1
      // agreed fully, so it was accepted as it stands and only needs approving
      () => resolve('reviewer1', project, items[0]!.task),
      () => review('reviewer1', project, items[0]!.task),
      () => review('reviewer2', project, items[1]!.task),
      () =>
        review('reviewer1', project, items[2]!.task, [
          {
            target: 'classification',
            id: 'sentiment',
            verdict: 'reject',
            note: 'The annotators disagree on the sentiment: label it again.',
          },
        ]),
      () => annotate('annotator1', project, items[6]!.task, ticket(items[6]!)),
      () => annotate('annotator2', project, items[6]!.task, ticket(items[6]!)),
      () => annotate('annotator2', project, items[7]!.task, ticket(items[7]!)),
      () => hold('annotator3', project, items[6]!.task, ticket(items[6]!, true)),
    ],
  }

  const worked = catalogue.projects.filter((project) => project.unworked)
  const queues: Step[][] = []
  for (const project of worked) queues.push(plans[project.key](project.id, await itemsOf(project.id)))
  // round-robin over the projects, so the journal interleaves their work as a real month would
  for (let step = 0; queues.some((queue) => step < queue.length); step++)
    for (const queue of queues) if (step < queue.length) await queue[step]!()
  return worked
}
