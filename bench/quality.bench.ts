// `npm run bench -- quality`: the agreement of one consensus task — 3 branches of 500 boxes and 20
// classifications each — computed in-process (src/quality), against the time the same server takes to answer
// Payload's own `GET /api/tasks/:id` over HTTP, in one run: p50 of each (BENCH_QUALITY_RUNS, default 30).
// Writes bench/results/quality.json: agreementMs, findByIdMs and agreementOverFindByID. Target: at most 1.0.

import { BUILT_IN_TEMPLATES } from '../src/domain/workflow/templates.ts'
import { type LabelSet, taskAgreement } from '../src/quality/agreement.ts'
import { freshBenchPayload, printTable, startServer, writeResults } from './lib.ts'

const RUNS = Number(process.env.BENCH_QUALITY_RUNS ?? 30)
const PASSWORD = 'bench-password-1'
const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** A branch: 500 boxes on a 25 × 20 grid, each annotator a little off the others; 20 answers, mostly alike. */
function branch(seed: number): LabelSet {
  let state = seed
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
  return {
    objects: Array.from({ length: 500 }, (_, index) => ({
      id: `o${index}`,
      featureId: ['car', 'bus', 'person'][index % 3]!,
      shape: 'bounding-box',
      geometry: { x: (index % 25) / 25 + random() * 0.006, y: Math.floor(index / 25) / 20 + random() * 0.006, w: 0.03, h: 0.04 },
    })),
    classifications: Array.from({ length: 20 }, (_, index) => ({ featureId: `c${index}`, optionIds: [random() < 0.85 ? 'a' : 'b'] })),
  }
}

export async function run(): Promise<void> {
  const { uri, payload } = await freshBenchPayload('labelops_bench_quality')
  // one workspace, a project with one task, its Admin reading it
  const workspace = (await payload.create({ collection: 'workspaces', data: { name: 'Quality bench' } })).id
  const admin = await payload.create({ collection: 'users', data: { email: 'admin@quality.test', password: PASSWORD } })
  await payload.create({ collection: 'workspace-members', data: { workspace, user: admin.id, role: 'admin' } as never })
  const dataset = (await payload.create({ collection: 'datasets', data: { workspace, name: 'Frames' } as never })).id
  await payload.create({
    collection: 'data-items',
    data: {
      workspace,
      dataset,
      name: 'frame-1',
      type: 'image',
      externalId: 'f1',
      source: { kind: 'url', url: 'https://e.com/1.png' },
    } as never,
  })
  const project = await payload.create({
    collection: 'projects',
    data: { workspace, name: 'Consensus', datasets: [dataset], workflow: BUILT_IN_TEMPLATES['annotate-review-complete']!.graph } as never,
  })
  const task = (await payload.find({ collection: 'tasks', where: { project: { equals: project.id } }, limit: 1, overrideAccess: true }))
    .docs[0]!
  const http = await startServer(uri)
  try {
    const token = (
      (await (
        await fetch(`${http.baseUrl}/api/users/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'admin@quality.test', password: PASSWORD }),
        })
      ).json()) as { token: string }
    ).token
    const branches = [branch(1), branch(2), branch(3)]
    const agreement: number[] = []
    const findById: number[] = []
    let score: number | null = null
    for (let i = 0; i <= RUNS; i++) {
      let started = performance.now()
      score = taskAgreement(branches).score
      if (i > 0) agreement.push(performance.now() - started)
      started = performance.now()
      const response = await fetch(`${http.baseUrl}/api/tasks/${task.id}`, { headers: { Authorization: `JWT ${token}` } })
      if (!response.ok) throw new Error(`GET /api/tasks/:id answered ${response.status}`)
      await response.json()
      if (i > 0) findById.push(performance.now() - started) // the first round warms up
    }
    const results = {
      agreementMs: Number(p50(agreement).toFixed(2)),
      findByIdMs: Number(p50(findById).toFixed(2)),
      agreementOverFindByID: Number((p50(agreement) / p50(findById)).toFixed(3)),
      score,
    }
    printTable([
      {
        'agreement p50 ms': results.agreementMs,
        'GET /api/tasks/:id p50 ms': results.findByIdMs,
        ratio: results.agreementOverFindByID,
        'task score': score === null ? '-' : score.toFixed(3),
      },
    ])
    console.log('target: agreementOverFindByID <= 1.0')
    console.log(`written to ${writeResults('quality', results)}`)
  } finally {
    http.stop()
  }
}
