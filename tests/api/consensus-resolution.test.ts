import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import { startTestApi, type TestApi } from '../helpers/api.ts'
import { box, createStreetOntology } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * A consensus round becomes one label, over REST and GraphQL: resolved by a reviewer (a branch, picks per
 * object and answer, a majority merge) before anyone approves it; resolved by the server when the round agrees
 * at least the stage's auto-accept; started afresh when a rejection sends the task back for a new round.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let ontology: number
let manual: number
let automatic: number

const label = (weather: string, ...cars: Array<[string, number]>) => ({
  objects: cars.map(([id, x]) => ({ id, featureId: 'car', geometry: box(x) })),
  classifications: [{ featureId: 'weather', optionIds: [weather] }],
})
type Label = ReturnType<typeof label>

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 3, reviewers: 1 })
  ontology = await createStreetOntology(world)
  manual = (await world.startProject('Consensus', { ontology })).project
  const graph = structuredClone(BUILT_IN_TEMPLATES.consensus!.graph)
  const stage = graph.stages.find((candidate) => candidate.type === 'consensus')!
  ;(stage as { config: Record<string, unknown> }).config = { annotators: 3, autoAcceptAt: 0.9 }
  automatic = (await world.startProject('Consensus', { ontology, name: 'Auto-accept project', workflow: graph })).project
}, 180_000)
afterAll(() => api?.close())

/** Each annotator takes a slot of the project's next consensus task, labels it and submits: the task's id. */
async function labelRound(project: number, labels: Label[]): Promise<number> {
  let taskId: number | undefined
  for (const [index, annotator] of world.annotators.entries()) {
    const as = world.call(annotator.token)
    const claimed = await as.post(`/api/projects/${project}/next`, {})
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200)
    const task = claimed.body.task
    taskId ??= task.id
    expect(task.id, 'every annotator labels the same task').toBe(taskId)
    const saved = await api.http().put(`/api/tasks/${task.id}/label`).set('Authorization', `JWT ${annotator.token}`).send(labels[index]!)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const submitted = await as.post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  }
  return taskId!
}

const asTm = () => world.call(world.tm.token)
const asReviewer = () => world.call(world.reviewers[0]!.token)
const taskOf = async (id: number) => (await asTm().get(`/api/tasks/${id}?depth=0`)).body
const labelsOf = async (task: number) =>
  (await asTm().get(`/api/labels?where[task][equals]=${task}&depth=0&limit=10`)).body.docs as Array<{
    author: number
    objects: Label['objects']
    classifications: Label['classifications']
    status: string
  }>
const journalOf = async (task: number) =>
  (await asTm().get(`/api/task-events?where[task][equals]=${task}&sort=createdAt&depth=0&limit=100`)).body.docs as Array<{
    type: string
    actor: number | null
    note: string | null
  }>

describe('resolving a consensus round', () => {
  it('waits for a reviewer, who sees every branch, picks per object and answer, and then approves', async () => {
    const [ann1, ann2, ann3] = world.annotators
    // ann1 and ann2 agree on a car at 0.1 and sun; ann2 also saw a car at 0.6; ann3 drew the car elsewhere, with rain
    const task = await labelRound(manual, [label('sun', ['a', 0.1]), label('sun', ['b', 0.1], ['b2', 0.6]), label('rain', ['c', 0.5])])
    const scored = await taskOf(task)
    expect(scored.stage).toBe('review')
    expect(scored.consensusAgreement).toMatchObject({ best: String(ann1!.id), resolution: null })

    // the reviewer's claim brings the round: every branch, best-agreeing first
    const claimed = (await asReviewer().post(`/api/projects/${manual}/next`, {})).body
    expect(claimed.task.id).toBe(task)
    expect(claimed.consensus.branches.map((branch: { annotator: string }) => branch.annotator)).toEqual(
      [ann1, ann2, ann3].map((user) => String(user!.id)),
    )
    expect(claimed.consensus.branches[1].objects.map((object: { id: string }) => object.id)).toEqual(['b', 'b2'])

    // nobody approves an unresolved round, over REST or through the review
    const early = await asReviewer().post(`/api/tasks/${task}/approve`, { expectedVersion: claimed.task.version })
    expect(early.status).toBe(409)
    expect(early.body.errors[0].message).toMatch(/^resolution: the consensus round is not resolved yet/)
    const reviewed = await asReviewer().post(`/api/tasks/${task}/review`, { expectedVersion: claimed.task.version, all: 'approve' })
    expect(reviewed.status).toBe(409)
    // nor judges it item by item: there is no one label yet (it may be rejected whole)
    const itemByItem = await asReviewer().post(`/api/tasks/${task}/review`, {
      expectedVersion: claimed.task.version,
      decisions: [{ target: 'object', id: 'a', verdict: 'reject', note: 'no' }],
    })
    expect(itemByItem.status).toBe(409)
    expect(itemByItem.body.errors[0].message).toMatch(/^resolution: the consensus round is not resolved yet/)

    // an annotator may not resolve; bad picks are named by their place and change nothing
    const byAnnotator = await world
      .call(ann1!.token)
      .post(`/api/tasks/${task}/resolve`, { expectedVersion: claimed.task.version, mode: 'majority' })
    expect(byAnnotator.status).toBe(403)
    const wrong = await asReviewer().post(`/api/tasks/${task}/resolve`, {
      expectedVersion: claimed.task.version,
      mode: 'picks',
      objects: [{ branch: ann1!.id, id: 'b2' }],
      classifications: [{ branch: ann3!.id, featureId: 'weather' }],
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].data.errors).toEqual([
      { path: 'resolution.objects[0].id', message: `branch "${ann1!.id}" has no object "b2"` },
    ])
    const incomplete = await asReviewer().post(`/api/tasks/${task}/resolve`, {
      expectedVersion: claimed.task.version,
      mode: 'picks',
      objects: [{ branch: ann1!.id, id: 'a' }],
    })
    expect(incomplete.status).toBe(400)
    expect(incomplete.body.errors[0].data.errors[0].path).toMatch(/^label\.classifications/)
    expect((await taskOf(task)).version).toBe(claimed.task.version)

    // per object and answer: ann1's car, ann2's second car, ann3's weather
    const resolved = await asReviewer().post(`/api/tasks/${task}/resolve`, {
      expectedVersion: claimed.task.version,
      mode: 'picks',
      objects: [
        { branch: ann1!.id, id: 'a' },
        { branch: ann2!.id, id: 'b2' },
      ],
      classifications: [{ branch: ann3!.id, featureId: 'weather' }],
    })
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200)
    expect(resolved.body.version).toBe(claimed.task.version + 1)
    // once resolved, it stays so: the label is reviewed, or the round rejected
    const again = await asReviewer().post(`/api/tasks/${task}/resolve`, { expectedVersion: resolved.body.version, mode: 'majority' })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/^resolution: consensus round \d+ is resolved already \(picks\)/)
    expect(resolved.body.consensusAgreement.resolution).toMatchObject({
      mode: 'picks',
      by: String(world.reviewers[0]!.id),
      carrier: String(ann1!.id),
    })
    const expected = label('rain', ['a', 0.1], ['b2', 0.6])
    const carried = (await labelsOf(task)).find((doc) => String(doc.author) === String(ann1!.id))!
    expect({ objects: carried.objects, classifications: carried.classifications }).toEqual(expected)
    // each branch as submitted stays on its branch row
    const branches = (await asTm().get(`/api/consensus-branches?where[task][equals]=${task}&depth=0&sort=createdAt`)).body.docs
    expect(branches.map((branch: { objects: Array<{ id: string }> }) => branch.objects.map((object) => object.id))).toEqual([
      ['a'],
      ['b', 'b2'],
      ['c'],
    ])
    // an annotator reads only their own branch
    const own = (await world.call(ann2!.token).get(`/api/consensus-branches?where[task][equals]=${task}&depth=0`)).body.docs
    expect(own.map((branch: { annotator: number }) => String(branch.annotator))).toEqual([String(ann2!.id)])

    // the review reads the resolved label, and approving completes the task
    const approved = await asReviewer().post(`/api/tasks/${task}/review`, { expectedVersion: resolved.body.version, all: 'approve' })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    expect(approved.body).toMatchObject({ stage: 'complete', review: { approved: 3, rejected: 0 } })
    const journal = await journalOf(task)
    expect(journal.filter((row) => row.type === 'resolved')).toEqual([
      expect.objectContaining({
        actor: world.reviewers[0]!.id,
        note: `consensus round ${scored.consensusAgreement.round} resolved (picks): the label of user ${ann1!.id}`,
      }),
    ])
  })

  it('merges by majority over GraphQL', async () => {
    const [ann1] = world.annotators
    // two of three see the car at 0.1 and the one at 0.6; the weather is sun twice
    const task = await labelRound(manual, [
      label('rain', ['a', 0.1]),
      label('sun', ['b', 0.12], ['b2', 0.6]),
      label('sun', ['c', 0.1], ['c2', 0.61]),
    ])
    const claimed = (await asReviewer().post(`/api/projects/${manual}/next`, {})).body
    expect(claimed.task.id).toBe(task)
    const best = claimed.consensus.agreement.best
    expect(best).not.toBe(String(ann1!.id))
    const answer = await api.graphql<{
      resolveConsensus: { consensusAgreement: { resolution: { mode: string; carrier: string } }; label: Label }
    }>(
      `mutation ($id: ID!, $resolution: JSON!) { resolveConsensus(id: $id, resolution: $resolution) }`,
      { id: task, resolution: { expectedVersion: claimed.task.version, mode: 'majority' } },
      world.reviewers[0]!.token,
    )
    expect(answer.errors).toBeUndefined()
    const { label: merged, consensusAgreement } = answer.data!.resolveConsensus
    expect(consensusAgreement.resolution).toMatchObject({ mode: 'majority', carrier: best })
    expect(merged.classifications).toEqual([{ featureId: 'weather', optionIds: ['sun'] }])
    expect(merged.objects).toHaveLength(2)
    // drawn as the best-agreeing branch drew them
    const bestBranch = claimed.consensus.branches[0]
    expect(merged.objects).toEqual(bestBranch.objects)
  })

  it('starts every branch afresh when a rejection sends the task back for a new round', async () => {
    const [ann1] = world.annotators
    const claimed = (await asReviewer().post(`/api/projects/${manual}/next`, {})).body
    expect(claimed, 'the majority-merged task is still the reviewer’s').not.toBeNull()
    const task = claimed.task.id
    const rejected = await asReviewer().post(`/api/tasks/${task}/review`, {
      expectedVersion: claimed.task.version,
      all: 'reject',
      note: 'wrong cars',
    })
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200)
    // back for a new round of three, reserved for nobody; the old round's agreement stays behind
    expect(rejected.body).toMatchObject({ stage: 'consensus', status: 'reopened', assignee: null })
    expect((await taskOf(task)).consensusAgreement).toBeNull()
    const claim = await world.call(ann1!.token).post(`/api/tasks/${task}/claim`, {})
    expect(claim.status, JSON.stringify(claim.body)).toBe(200)
    const again = claim.body
    expect(again.task.id).toBe(task)
    expect(again.label).toMatchObject({ status: 'draft', objects: [], classifications: [] })
    // the earlier round's branch is kept as it was submitted
    const branches = (await world.call(ann1!.token).get(`/api/consensus-branches?where[task][equals]=${task}&depth=0&sort=round`)).body.docs
    expect(branches.map((branch: { round: number; objects: unknown[] | null }) => branch.objects?.length ?? null)).toEqual([1, null])
  })

  it('is resolved by the server when the round agrees at least the stage’s auto-accept', async () => {
    const same = label('sun', ['x', 0.3])
    const task = await labelRound(automatic, [same, same, same])
    const scored = await taskOf(task)
    expect(scored.consensusAgreement).toMatchObject({
      score: 1,
      resolution: { mode: 'auto', by: null, carrier: String(world.annotators[0]!.id) },
    })
    expect(scored.lastActorByStage.$annotator).toBe(world.annotators[0]!.id)
    const journal = await journalOf(task)
    expect(journal.filter((row) => row.type === 'resolved')).toEqual([
      expect.objectContaining({ actor: null, note: expect.stringMatching(/resolved automatically \(agreement 1\.000\)/) }),
    ])
    // the reviewer approves straight away
    const claimed = (await asReviewer().post(`/api/projects/${automatic}/next`, {})).body
    expect(claimed.task.id).toBe(task)
    const approved = await asReviewer().post(`/api/tasks/${task}/review`, { expectedVersion: claimed.task.version, all: 'approve' })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    expect(approved.body.stage).toBe('complete')
  })

  it('rejects an unresolved round whole, blaming nobody in particular', async () => {
    const task = await labelRound(automatic, [label('sun', ['a', 0.1]), label('rain', ['b', 0.5]), label('sun', ['c', 0.7])])
    expect((await taskOf(task)).consensusAgreement).toMatchObject({ resolution: null })
    const claimed = (await asReviewer().post(`/api/projects/${automatic}/next`, {})).body
    expect(claimed.task.id).toBe(task)
    const rejected = await asReviewer().post(`/api/tasks/${task}/review`, {
      expectedVersion: claimed.task.version,
      all: 'reject',
      note: 'Nobody agrees on the car: label it again',
    })
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200)
    expect(rejected.body).toMatchObject({ stage: 'consensus', assignee: null, review: { rejected: 0, issues: [expect.anything()] } })
    const verdict = (await journalOf(task)).find((row) => row.type === 'rejected') as { subject?: unknown }
    expect(verdict.subject ?? null).toBeNull()
    const issue = (await asTm().get(`/api/issues/${rejected.body.review.issues[0]}?depth=0`)).body
    expect(issue.assignee ?? null).toBeNull()
  })
})
