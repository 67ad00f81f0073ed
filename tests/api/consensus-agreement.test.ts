import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApi, type TestApi } from '../helpers/api.ts'
import { box, createStreetOntology } from '../helpers/ontologies.ts'
import { buildWorkflowWorld } from '../helpers/workflowWorld.ts'

/**
 * A consensus round scored when its last branch is submitted, over REST: three annotators label one task
 * independently — two alike, one with the car elsewhere and rain instead of sun — and the task that reaches the
 * consensus review carries the round's agreement, worked out by hand.
 */
let api: TestApi
let world: Awaited<ReturnType<typeof buildWorkflowWorld>>
let project: number

beforeAll(async () => {
  api = await startTestApi()
  world = await buildWorkflowWorld(api, { items: 2, reviewers: 1 })
  project = (await world.startProject('Consensus', { ontology: await createStreetOntology(world) })).project
}, 180_000)
afterAll(() => api?.close())

describe('consensus agreement', () => {
  it('is scored when the round’s last branch is submitted, and stored on the task for the review', async () => {
    const label = (x: number, weather: string) => ({
      objects: [{ id: 'c1', featureId: 'car', geometry: box(x) }],
      classifications: [{ featureId: 'weather', optionIds: [weather] }],
    })
    const work = [label(0.1, 'sun'), label(0.1, 'sun'), label(0.2, 'rain')]
    let taskId: number | undefined
    for (const [index, annotator] of world.annotators.entries()) {
      const as = world.call(annotator.token)
      const task = (await as.post(`/api/projects/${project}/next`, {})).body.task
      taskId ??= task.id
      expect(task.id, 'every annotator gets a branch of the same task').toBe(taskId)
      const saved = await api.http().put(`/api/tasks/${task.id}/label`).set('Authorization', `JWT ${annotator.token}`).send(work[index]!)
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
      const before = (await world.call(world.tm.token).get(`/api/tasks/${task.id}?depth=0`)).body
      // nothing is scored before the last branch
      expect(before.consensusAgreement ?? null).toBeNull()
      const submitted = await as.post(`/api/tasks/${task.id}/submit`, { expectedVersion: task.version })
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    }
    const task = (await world.call(world.tm.token).get(`/api/tasks/${taskId}?depth=0`)).body
    expect(task.stage).toBe('review')
    // pairs: ann1-ann2 alike (1); ann3's car is 1/3 IoU away (no match at 0.5) and its answer differs (0) → mean 1/3
    const [ann1, ann2, ann3] = world.annotators.map((user) => String(user.id))
    expect(task.consensusAgreement).toEqual({
      round: expect.any(Number),
      score: expect.closeTo(1 / 3, 12),
      annotators: [ann1, ann2, ann3],
      matrix: [
        [1, 1, 0],
        [1, 1, 0],
        [0, 0, 1],
      ],
      best: ann1,
      // no auto-accept on the stage: a reviewer resolves it (tests/api/consensus-resolution.test.ts)
      resolution: null,
    })
    // analytics: the round's agreement in the project's and the workspace's quality figures
    const report = (await world.call(world.tm.token).get(`/api/projects/${project}/analytics?bucket=day`)).body
    expect(report.consensus).toEqual({ rounds: 1, agreement: expect.closeTo(1 / 3, 9) })
    expect(report.throughput.filter((row: { agreement: number | null }) => row.agreement !== null)).toEqual([
      expect.objectContaining({ agreement: expect.closeTo(1 / 3, 9), submitted: 3 }),
    ])
    const workspace = (await world.asAdmin.get(`/api/workspaces/${world.workspace}/analytics`)).body
    expect(workspace.totals.agreement).toBeCloseTo(1 / 3, 9)
    // the reviewer is served the scored task as usual
    const served = (await world.call(world.reviewers[0]!.token).post(`/api/projects/${project}/next`, {})).body.task
    expect(served.id).toBe(taskId)
  })
})
